// values.cpp — the scenario vocabulary as text: parameter values, outcome words, bound values, and the
// messages for unknown patterns and variants (shared by the loader, Session and the CLI).
#include <charconv>
#include <cmath>
#include <cstdio>

#include "scenarios/engine/scenario.h"

namespace interleave::engine {

namespace {
std::string quoted_list(const std::vector<std::string>& v) { return v.empty() ? "(none)" : join(v); }
}  // namespace

std::string unknown_pattern_message(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& p : patterns::registry()) names.push_back(p.name);
  return unknown_value_message("pattern", name, names);
}

std::string unknown_variant_message(const patterns::Pattern& p, std::string_view name) {
  std::vector<std::string> names;
  for (const auto& v : p.variants) names.push_back(v.name);
  std::string msg =
      "unknown variant '" + std::string(name) + "' for pattern '" + p.name + "'; expected one of " + quoted_list(names);
  std::string near = did_you_mean(name, names);
  if (!near.empty()) msg += "; did you mean '" + near + "'?";
  return msg;
}

std::string outcome_word(Outcome o) {
  switch (o) {
    case Outcome::Completed: return "completes";
    case Outcome::Deadlock: return "deadlock";
    case Outcome::Panic: return "panic";
    case Outcome::Fatal: return "fatal error";
    case Outcome::InvariantViolation: return "invariant_violation";
    case Outcome::StepLimit: return "step limit";
    case Outcome::TimeLimit: return "time limit";
    case Outcome::ReplayDivergence: return "replay divergence";
    case Outcome::Stopped: return "stopped";
    case Outcome::Running: return "running";
  }
  return "?";
}

std::optional<std::string> parse_param_value(const patterns::ParamSpec& spec, std::string_view text,
                                             patterns::ParamValue& out) {
  using patterns::ParamType;
  switch (spec.type) {
    case ParamType::Int: {
      std::int64_t v = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc::result_out_of_range)
        return spec.name + " must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) +
               (spec.unit.empty() ? "" : " " + spec.unit) + ", got " + std::string(text);
      if (ec != std::errc() || ptr != text.data() + text.size())
        return spec.name + " must be an integer, got '" + std::string(text) + "'";
      if (v < spec.min || v > spec.max)
        return spec.name + " must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max) +
               (spec.unit.empty() ? "" : " " + spec.unit) + ", got " + std::to_string(v);
      out = v;
      return std::nullopt;
    }
    case ParamType::Bool:
      if (text == "true")
        out = true;
      else if (text == "false")
        out = false;
      else
        return spec.name + " must be true or false, got '" + std::string(text) + "'";
      return std::nullopt;
    case ParamType::Duration: {
      std::string err;
      auto d = patterns::Distribution::parse(text, &err);
      if (!d) return spec.name + ": " + (err.empty() ? "'" + std::string(text) + "' is not a duration" : err);
      auto in_range = [&](Duration x) { return x >= spec.min && x <= spec.max; };
      bool ok = d->kind == patterns::Distribution::Kind::Uniform ? in_range(d->a) && in_range(d->b) && d->a <= d->b
                                                                 : in_range(d->a);
      if (!ok)
        return spec.name + " must stay between " + patterns::format_duration(spec.min) + " and " +
               patterns::format_duration(spec.max) + ", got '" + std::string(text) + "'";
      out = *d;
      return std::nullopt;
    }
    case ParamType::Choice: {
      if (spec.choices.empty()) {  // free text (a Go program's string or float): the program checks it
        out = std::string(text);
        return std::nullopt;
      }
      for (const auto& c : spec.choices)
        if (c == text) {
          out = c;
          return std::nullopt;
        }
      return unknown_value_message("value for " + spec.name, text, spec.choices);
    }
  }
  return "unsupported parameter type";
}

std::string param_value_text(const patterns::ParamValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* d = std::get_if<patterns::Distribution>(&v)) return d->to_string();
  return std::get<std::string>(v);
}

std::string format_bound_value(const Bound& b, double v) {
  if (b.subject == Bound::Subject::Metric && !b.unit.empty()) {
    char buf[48];
    if (v == std::floor(v) && std::fabs(v) < 1e15)
      std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    else
      std::snprintf(buf, sizeof buf, "%.3f", v);  // as the summary prints metrics
    return std::string(buf) + " " + b.unit;
  }
  if (b.duration) return patterns::format_duration(static_cast<Duration>(std::llround(v)));
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace interleave::engine
