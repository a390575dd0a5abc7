// bounds.cpp — parsing a bound expression of [expect] ("max_depth(buffer) <= 3", "consumed == 20",
// "max_wait(writer) < 5ms"): the measurement, the comparison and the value in the measurement's unit.
#include "scenarios/engine/bounds.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>

#include "scenarios/engine/diagnostics.h"

namespace interleave::engine {

namespace {

std::string quoted_list(const std::vector<std::string>& v) { return v.empty() ? "(none)" : join(v); }

struct SubjectName {
  std::string_view name;
  Bound::Subject subject;
  bool takes_arg;
  bool duration;
};
constexpr SubjectName kSubjects[] = {
    {"max_depth", Bound::Subject::MaxDepth, true, false},
    {"mean_depth", Bound::Subject::MeanDepth, true, false},
    {"max_waiters", Bound::Subject::MaxWaiters, true, false},
    {"max_wait", Bound::Subject::MaxWait, true, true},
    {"total_wait", Bound::Subject::TotalWait, true, true},
    {"virtual_time", Bound::Subject::VirtualTime, false, true},
    {"events", Bound::Subject::Events, false, false},
    {"steps", Bound::Subject::Steps, false, false},
    {"goroutines", Bound::Subject::Goroutines, false, false},
};

// Nanoseconds per unit for a metric unit that is a time unit ("ms" -> 1e6); nullopt for any other unit.
std::optional<Duration> duration_unit_scale(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "µs") return 1'000;
  if (unit == "ms") return 1'000'000;
  if (unit == "s") return 1'000'000'000;
  return std::nullopt;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '#' || c == '.'; }

}  // namespace

std::optional<Bound> parse_bound(const std::string& text, const patterns::Pattern* pattern,
                                 const patterns::Variant* variant, const BoundError& error) {
  Bound b;
  b.text = text;
  auto fail = [&](std::size_t offset, std::size_t len, const std::string& msg) -> std::optional<Bound> {
    error(offset, len, msg);
    return std::nullopt;
  };
  std::size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip();
  std::size_t name_at = i;
  while (i < text.size() && ident_char(text[i])) ++i;
  std::string name = text.substr(name_at, i - name_at);
  if (name.empty()) return fail(name_at, 1, "expected a measurement like max_depth(buffer) or a metric name");
  const SubjectName* subj = nullptr;
  for (const auto& s : kSubjects)
    if (s.name == name) subj = &s;
  skip();
  if (i < text.size() && text[i] == '(') {
    if (!subj || !subj->takes_arg) {
      std::vector<std::string> fns;
      for (const auto& s : kSubjects)
        if (s.takes_arg) fns.emplace_back(s.name);
      std::string msg = "unknown measurement '" + name + "(...)'; expected one of " + join(fns);
      std::string near = did_you_mean(name, fns);
      if (!near.empty()) msg += "; did you mean '" + near + "'?";
      return fail(name_at, name.size(), msg);
    }
    ++i;
    skip();
    std::size_t arg_at = i;
    while (i < text.size() && text[i] != ')') ++i;
    if (i >= text.size()) return fail(arg_at, 1, "missing ')'");
    std::string arg = text.substr(arg_at, i - arg_at);
    while (!arg.empty() && arg.back() == ' ') arg.pop_back();
    if (arg.size() >= 2 && (arg.front() == '\'' || arg.front() == '"') && arg.back() == arg.front())
      arg = arg.substr(1, arg.size() - 2);
    if (arg.empty()) return fail(arg_at, 1, "missing the object or goroutine name inside ( )");
    b.arg = arg;
    ++i;
  } else if (subj && subj->takes_arg) {
    return fail(
        name_at, name.size(),
        "'" + name + "' needs a name in parentheses, like " + name + (subj->duration ? "(writer)" : "(buffer)"));
  } else if (!subj) {
    b.arg = name;  // a metric the pattern reports
  }
  b.subject = subj ? subj->subject : Bound::Subject::Metric;
  skip();
  std::size_t op_at = i;
  static constexpr std::pair<std::string_view, Bound::Op> kOps[] = {
      {"==", Bound::Op::Eq}, {"!=", Bound::Op::Ne}, {"<=", Bound::Op::Le}, {">=", Bound::Op::Ge}, {"≤", Bound::Op::Le},
      {"≥", Bound::Op::Ge},  {"<", Bound::Op::Lt},  {">", Bound::Op::Gt},  {"=", Bound::Op::Eq}};
  bool found = false;
  for (auto [s, op] : kOps)
    if (text.compare(i, s.size(), s) == 0) {
      b.op = op;
      i += s.size();
      found = true;
      break;
    }
  if (!found) return fail(op_at, 1, "expected a comparison: ==, !=, <, <=, >, >=");
  skip();
  std::size_t value_at = i;
  std::string value = text.substr(i);
  while (!value.empty() && value.back() == ' ') value.pop_back();
  if (value.empty()) return fail(value_at, 1, "expected a value after the comparison");
  bool wants_duration = subj && subj->duration;
  if (!subj && pattern && variant) {
    // A metric: it must be one the variant reports, and the value is compared in the metric's own unit.
    const patterns::MetricSpec* spec = pattern->metric(variant->name, name);
    if (!spec) {
      std::vector<std::string> names;
      for (const auto* m : pattern->metrics_of(variant->name)) names.push_back(m->name);
      std::vector<std::string> all = names;
      for (const auto& s : kSubjects) all.emplace_back(s.name);
      std::string msg = "unknown metric '" + name + "' for " + pattern->name + "/" + variant->name + "; it reports " +
                        quoted_list(names) + " (other measurements: max_depth(OBJECT), " +
                        "mean_depth(OBJECT), max_waiters(OBJECT), max_wait(ROLE), total_wait(ROLE), virtual_time, " +
                        "events, steps, goroutines)";
      std::string near = did_you_mean(name, all);
      if (!near.empty()) msg += "; did you mean '" + near + "'?";
      return fail(name_at, name.size(), msg);
    }
    b.unit = spec->unit;
    std::optional<Duration> scale = duration_unit_scale(spec->unit);
    bool plain_number = value.find_first_not_of("0123456789.+-eE") == std::string::npos;
    if (scale) {
      if (plain_number && value != "0")
        return fail(value_at, value.size(),
                    name + " is a duration (in " + spec->unit + "): give the value a unit, like " + value + spec->unit);
      auto d = patterns::parse_duration(value);
      if (!d)
        return fail(value_at, value.size(),
                    "'" + value + "' is not a duration; write a number with a unit: ns, us, ms or s");
      b.value = static_cast<double>(*d) / static_cast<double>(*scale);
      b.duration = true;
      return b;
    }
    if (!plain_number && patterns::parse_duration(value))
      return fail(value_at, value.size(),
                  "'" + value + "' is a duration, but " + name + " is counted in " +
                      (spec->unit.empty() ? std::string("plain numbers") : spec->unit) + "; write a number");
  }
  if (wants_duration) {
    bool plain_number = value.find_first_not_of("0123456789.") == std::string::npos;
    if (plain_number && value != "0")
      return fail(value_at, value.size(), name + " is a duration: give the value a unit, like " + value + "ms");
    auto d = patterns::parse_duration(value);
    if (!d)
      return fail(value_at, value.size(),
                  "'" + value + "' is not a duration; write a number with a unit: ns, us, ms or s");
    b.value = static_cast<double>(*d);
    b.duration = true;
  } else {
    double v = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(v)) {
      if (patterns::parse_duration(value) && b.subject == Bound::Subject::Metric) {
        b.value = static_cast<double>(*patterns::parse_duration(value));
        b.duration = true;
      } else {
        return fail(value_at, value.size(), "'" + value + "' is not a number");
      }
    } else {
      b.value = v;
    }
  }
  return b;
}

std::optional<std::string> regex_error(const std::string& re) {
  try {
    std::regex r(re);
    return std::nullopt;
  } catch (const std::regex_error& e) {
    return std::string(e.what());
  }
}

}  // namespace interleave::engine
