// labels.cpp — the process-wide, append-only table of goroutine label texts (see labels.h).
#include "runtime/labels.h"

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace interleave {

namespace {
struct Table {
  std::mutex mu;
  std::deque<std::string> texts{std::string()};  // [0] is the empty label; a deque never moves its strings
  std::unordered_map<std::string_view, std::uint32_t> ids;
};
Table& table() {
  static Table t;
  return t;
}
}  // namespace

std::uint32_t intern_label(std::string_view text) {
  if (text.empty()) return 0;
  Table& t = table();
  std::lock_guard<std::mutex> lock(t.mu);
  auto it = t.ids.find(text);
  if (it != t.ids.end()) return it->second;
  t.texts.emplace_back(text);
  auto id = static_cast<std::uint32_t>(t.texts.size() - 1);
  t.ids.emplace(std::string_view(t.texts.back()), id);
  return id;
}

std::string_view label_text(std::uint32_t id) {
  Table& t = table();
  std::lock_guard<std::mutex> lock(t.mu);
  return id < t.texts.size() ? std::string_view(t.texts[id]) : std::string_view();
}

}  // namespace interleave
