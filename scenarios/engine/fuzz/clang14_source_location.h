// clang14_source_location.h — std::source_location for clang < 15 with libstdc++ 12, whose <source_location>
// needs __builtin_source_location (clang 15+). Force-included (-include) by the fuzz build only.
//
// Like libstdc++'s, it is one pointer to a record that lives for the whole program (the runtime relies on
// both: it interns locations by that pointer). Records are interned in a table, once per call site.
#pragma once
#if defined(__clang__) && __clang_major__ < 15 && !__has_builtin(__builtin_source_location)
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
namespace std {
struct source_location {
  struct __impl {
    const char* _M_file_name;
    const char* _M_function_name;
    unsigned _M_line;
    unsigned _M_column;
  };
  static source_location current(const char* file = __builtin_FILE(), const char* function = __builtin_FUNCTION(),
                                 unsigned line = __builtin_LINE(), unsigned column = __builtin_COLUMN()) noexcept {
    static std::mutex mu;
    static std::deque<__impl> table;
    std::lock_guard<std::mutex> lock(mu);
    for (const __impl& i : table)
      if (i._M_line == line && i._M_column == column && std::strcmp(i._M_file_name, file) == 0 &&
          std::strcmp(i._M_function_name, function) == 0) {
        source_location s;
        s._M_impl = &i;
        return s;
      }
    table.push_back(__impl{file, function, line, column});
    source_location s;
    s._M_impl = &table.back();
    return s;
  }
  constexpr source_location() noexcept = default;
  constexpr uint_least32_t line() const noexcept { return _M_impl ? _M_impl->_M_line : 0; }
  constexpr uint_least32_t column() const noexcept { return _M_impl ? _M_impl->_M_column : 0; }
  constexpr const char* file_name() const noexcept { return _M_impl ? _M_impl->_M_file_name : ""; }
  constexpr const char* function_name() const noexcept { return _M_impl ? _M_impl->_M_function_name : ""; }

 private:
  const __impl* _M_impl = nullptr;
};
}  // namespace std
#endif
