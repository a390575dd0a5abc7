// source_site.h — a std::source_location for code the C++ compiler never saw (an interpreted Go program).
//
// The runtime takes a std::source_location at every blocking call and interns it by the address of the
// static record it points to (Scheduler::intern). An interpreter has no such records, so SourceSite is a
// record with the same layout as libstdc++'s `std::source_location::__impl` (file, function, line, column):
// keep one per (file, line, function) at a stable address for as long as any run may use it, and hand
// `site.location()` to the primitives. Dumps, traces and the code view then show the interpreted file and
// line, and the primitives' signatures stay as they are.
//
//   static std::deque<interleave::SourceSite> sites;                   // stable addresses
//   const auto& s = sites.emplace_back("prog.go", "main.worker", 12);
//   channel.send(v, s.location());
#pragma once

#include <bit>
#include <cstdint>
#include <source_location>

namespace interleave {

struct SourceSite {
  // Same members, same order as libstdc++'s std::source_location::__impl.
  const char* file_name = "";
  const char* function_name = "";
  unsigned line = 0;
  unsigned column = 0;

  SourceSite() = default;
  SourceSite(const char* file, const char* function, unsigned ln, unsigned col = 0)
      : file_name(file), function_name(function), line(ln), column(col) {}

  // A source_location that reads this record. `this` must outlive every use of the result.
  std::source_location location() const { return std::bit_cast<std::source_location>(this); }
};

// libstdc++'s source_location is exactly one pointer to such a record; anything else would break this.
static_assert(sizeof(std::source_location) == sizeof(const SourceSite*));
static_assert(sizeof(SourceSite) == 2 * sizeof(const char*) + 2 * sizeof(unsigned));
#if defined(__GLIBCXX__)
static_assert(std::is_trivially_copyable_v<std::source_location>);
#endif

}  // namespace interleave
