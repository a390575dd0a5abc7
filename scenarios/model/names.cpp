// names.cpp — roles, labels and times: one rule each (names.h).
#include "scenarios/model/names.h"

#include <cctype>
#include <cstdio>

namespace interleave {

std::string role_of(std::string_view name) {
  if (name.empty()) return "goroutine";
  std::size_t end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1]))) --end;
  if (end == name.size() || end == 0) return std::string(name);  // no trailing number, or only digits
  char sep = name[end - 1];
  if ((sep == '#' || sep == ' ' || sep == '-' || sep == '_') && end > 1) --end;
  return std::string(name.substr(0, end));
}

std::string goroutine_label(std::string_view name, GoroutineId g) {
  if (g == kNoGoroutine) return "scheduler";
  std::string n(name.empty() ? std::string_view("goroutine") : name);
  return n + " (g" + std::to_string(g) + ")";
}

std::string object_label(std::string_view name, ObjectKind kind, ObjectId o) {
  if (o == kNoObject) return "-";
  std::string n = name.empty() ? "object " + std::to_string(o) : std::string(name);
  std::string_view word;
  switch (kind) {
    case ObjectKind::Channel: word = "chan"; break;
    case ObjectKind::Mutex: word = "Mutex"; break;
    case ObjectKind::RWMutex: word = "RWMutex"; break;
    case ObjectKind::Semaphore: word = "semaphore"; break;
    case ObjectKind::CondVar: word = "Cond"; break;
    case ObjectKind::WaitGroup: word = "WaitGroup"; break;
    case ObjectKind::Barrier: word = "barrier"; break;
    case ObjectKind::Once: word = "Once"; break;
    default: return n;
  }
  return n + " (" + std::string(word) + ")";
}

std::string format_time(Duration d) {
  char buf[48];
  const char* sign = d < 0 ? "-" : "";
  double a = d < 0 ? -static_cast<double>(d) : static_cast<double>(d);
  if (a < 1e3)
    std::snprintf(buf, sizeof buf, "%s%.0f ns", sign, a);
  else if (a < 1e6)
    std::snprintf(buf, sizeof buf, "%s%.4g \xC2\xB5s", sign, a / 1e3);
  else if (a < 1e9)
    std::snprintf(buf, sizeof buf, "%s%.4g ms", sign, a / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%s%.4g s", sign, a / 1e9);
  return buf;
}

}  // namespace interleave
