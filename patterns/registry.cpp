// registry.cpp — the pattern catalogue's machinery: durations and distributions, parameters and their
// validation, run metrics and invariant checks, and the registry itself (plus the embedded source texts).
//
// [SECTION] Durations and distributions
// [SECTION] Parameter specs and values
// [SECTION] Resolving parameters
// [SECTION] Run context: metrics and invariants
// [SECTION] The registry and the embedded sources
#include "patterns/registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace interleave::patterns {

namespace detail {
extern const std::pair<std::string_view, std::string_view> kEmbeddedSources[];
extern const std::size_t kEmbeddedSourceCount;
}  // namespace detail

// [SECTION] Durations and distributions -----------------------------------------------------------------

namespace {

constexpr Duration kNs = 1;
constexpr Duration kUs = 1'000;
constexpr Duration kMs = 1'000'000;
constexpr Duration kS = 1'000'000'000;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const char* const kDistributionForms = "a duration (\"5ms\"), \"uniform 1ms..3ms\" or \"exp 2ms\" (exponential, mean)";

}  // namespace

std::string format_duration(Duration d) {
  if (d == 0) return "0s";
  std::string sign = d < 0 ? "-" : "";
  Duration a = d < 0 ? -d : d;
  struct Unit {
    Duration size;
    int digits;  // decimals that make the text exact
    const char* name;
  };
  for (Unit u : {Unit{kS, 9, "s"}, Unit{kMs, 6, "ms"}, Unit{kUs, 3, "us"}, Unit{kNs, 0, "ns"}}) {
    if (a < u.size && u.size != kNs) continue;
    std::string text = std::to_string(a / u.size);
    if (Duration frac = a % u.size; frac != 0) {
      std::string f = std::to_string(frac);
      f.insert(0, std::size_t(u.digits) - f.size(), '0');
      while (f.back() == '0') f.pop_back();
      text += "." + f;
    }
    return sign + text + u.name;
  }
  return sign + std::to_string(a) + "ns";
}

std::optional<Duration> parse_duration(std::string_view text) {
  text = trim(text);
  if (text == "0") return 0;
  std::size_t i = 0;
  Duration whole = 0;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (whole > kS * 1000) return std::nullopt;  // absurdly large
    whole = whole * 10 + (text[i] - '0');
    ++i;
    ++digits;
  }
  Duration frac = 0, frac_scale = 1;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (frac_scale < kS) {
        frac = frac * 10 + (text[i] - '0');
        frac_scale *= 10;
      }
      ++i;
      ++digits;
    }
  }
  if (digits == 0) return std::nullopt;
  std::string_view unit = trim(text.substr(i));
  Duration size = 0;
  if (unit == "ns")
    size = kNs;
  else if (unit == "us" || unit == "µs")
    size = kUs;
  else if (unit == "ms")
    size = kMs;
  else if (unit == "s")
    size = kS;
  else
    return std::nullopt;
  return whole * size + (frac * size + frac_scale / 2) / frac_scale;
}

Duration Distribution::draw(Rng& rng) const {
  switch (kind) {
    case Kind::Fixed: return a;
    case Kind::Uniform: return rng.between(a, b);
    case Kind::Exponential: return a <= 0 ? 0 : static_cast<Duration>(std::llround(rng.exponential(double(a))));
  }
  return a;
}

Duration Distribution::mean() const {
  switch (kind) {
    case Kind::Fixed: return a;
    case Kind::Uniform: return a + (b - a) / 2;
    case Kind::Exponential: return a;
  }
  return a;
}

std::string Distribution::to_string() const {
  switch (kind) {
    case Kind::Fixed: return format_duration(a);
    case Kind::Uniform: return "uniform " + format_duration(a) + ".." + format_duration(b);
    case Kind::Exponential: return "exp " + format_duration(a);
  }
  return {};
}

std::optional<Distribution> Distribution::parse(std::string_view text, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Distribution> {
    if (error) *error = why + "; expected " + kDistributionForms;
    return std::nullopt;
  };
  text = trim(text);
  auto bad_duration = [&](std::string_view d) { return fail("\"" + std::string(d) + "\" is not a duration"); };
  Distribution dist;
  if (text.starts_with("uniform ")) {
    std::string_view range = trim(text.substr(8));
    std::size_t dots = range.find("..");
    if (dots == std::string_view::npos) return fail("a uniform range needs two ends separated by \"..\"");
    auto lo = parse_duration(range.substr(0, dots));
    auto hi = parse_duration(range.substr(dots + 2));
    if (!lo) return bad_duration(trim(range.substr(0, dots)));
    if (!hi) return bad_duration(trim(range.substr(dots + 2)));
    if (*hi < *lo) return fail("the uniform range " + std::string(range) + " ends before it starts");
    dist.kind = Kind::Uniform;
    dist.a = *lo;
    dist.b = *hi;
    return dist;
  }
  if (text.starts_with("exp ")) {
    auto m = parse_duration(text.substr(4));
    if (!m) return bad_duration(trim(text.substr(4)));
    dist.kind = Kind::Exponential;
    dist.a = *m;
    return dist;
  }
  auto v = parse_duration(text);
  if (!v) return bad_duration(text);
  dist.a = *v;
  return dist;
}

// [SECTION] Parameter specs and values ------------------------------------------------------------------

ParamSpec ParamSpec::integer(std::string name, std::int64_t def, std::int64_t min, std::int64_t max, std::string unit,
                             std::string help) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::Int;
  s.default_value = def;
  s.min = min;
  s.max = max;
  s.unit = std::move(unit);
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::boolean(std::string name, bool def, std::string help) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::Bool;
  s.default_value = def;
  s.min = 0;
  s.max = 1;
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::duration(std::string name, std::string_view def, std::string help, Duration min, Duration max) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::Duration;
  std::string error;
  auto d = Distribution::parse(def, &error);
  if (!d) throw std::invalid_argument("default of parameter '" + s.name + "': " + error);
  s.default_value = *d;
  s.min = min;
  s.max = max;
  s.unit = "virtual time";
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::choice(std::string name, std::string def, std::vector<std::string> choices, std::string help) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::Choice;
  s.default_value = std::move(def);
  s.choices = std::move(choices);
  s.help = std::move(help);
  return s;
}

namespace {

std::string_view type_name(ParamType t) {
  switch (t) {
    case ParamType::Int: return "an integer";
    case ParamType::Bool: return "a boolean";
    case ParamType::Duration: return "a duration";
    case ParamType::Choice: return "a choice";
  }
  return "a value";
}

std::string_view held_type_name(const ParamValue& v) {
  switch (v.index()) {
    case 0: return "an integer";
    case 1: return "a boolean";
    case 2: return "a duration";
    default: return "a string";
  }
}

template <class T>
const T& typed(const ParamValue& v, const std::string& name, ParamType want) {
  if (const T* p = std::get_if<T>(&v)) return *p;
  throw std::invalid_argument("parameter '" + name + "' holds " + std::string(held_type_name(v)) + ", not " +
                              std::string(type_name(want)));
}

}  // namespace

const ParamValue& Params::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) {
    std::string known;
    for (const auto& [k, v] : values_) known += (known.empty() ? "" : ", ") + k;
    throw std::invalid_argument("no parameter '" + name +
                                "' in this run (it has: " + (known.empty() ? std::string("none") : known) +
                                "); was resolve_params() called and is the name spelled as registered?");
  }
  return it->second;
}

std::int64_t Params::integer(const std::string& name) const {
  return typed<std::int64_t>(get(name), name, ParamType::Int);
}
bool Params::boolean(const std::string& name) const { return typed<bool>(get(name), name, ParamType::Bool); }
const Distribution& Params::dist(const std::string& name) const {
  return typed<Distribution>(get(name), name, ParamType::Duration);
}
const std::string& Params::choice(const std::string& name) const {
  return typed<std::string>(get(name), name, ParamType::Choice);
}
Duration Params::draw(const std::string& name) const { return dist(name).draw(interleave::rng()); }

std::string Params::to_string(const std::string& name) const {
  const ParamValue& v = get(name);
  switch (v.index()) {
    case 0: return std::to_string(std::get<0>(v));
    case 1: return std::get<1>(v) ? "true" : "false";
    case 2: return std::get<2>(v).to_string();
    default: return std::get<3>(v);
  }
}

// [SECTION] Resolving parameters ------------------------------------------------------------------------

namespace {

std::string range_text(const ParamSpec& s) {
  if (s.type == ParamType::Duration) return format_duration(s.min) + ".." + format_duration(s.max);
  return std::to_string(s.min) + ".." + std::to_string(s.max);
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Converts a value given as text (from --set or a scenario file) to the parameter's type.
std::optional<std::string> convert_text(const ParamSpec& s, const std::string& text, ParamValue& out) {
  const std::string where = "parameter '" + s.name + "': ";
  switch (s.type) {
    case ParamType::Int: {
      std::int64_t v = 0;
      std::string_view t = trim(text);
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc{} || p != t.data() + t.size())
        return where + "\"" + text + "\" is not an integer (allowed: " + range_text(s) + ")";
      out = v;
      return std::nullopt;
    }
    case ParamType::Bool:
      if (text == "true" || text == "1" || text == "yes" || text == "on")
        out = true;
      else if (text == "false" || text == "0" || text == "no" || text == "off")
        out = false;
      else
        return where + "\"" + text + "\" is not a boolean (use true or false)";
      return std::nullopt;
    case ParamType::Duration: {
      std::string error;
      auto d = Distribution::parse(text, &error);
      if (!d) return where + error;
      out = *d;
      return std::nullopt;
    }
    case ParamType::Choice: out = text; return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> check_value(const ParamSpec& s, ParamValue& v) {
  const std::string where = "parameter '" + s.name + "': ";
  if (s.type != ParamType::Choice && v.index() == 3) {
    std::string text = std::get<3>(v);
    if (auto err = convert_text(s, text, v)) return err;
  }
  switch (s.type) {
    case ParamType::Int: {
      if (v.index() != 0) return where + "expected an integer, got " + std::string(held_type_name(v));
      std::int64_t x = std::get<0>(v);
      if (x < s.min || x > s.max)
        return where + std::to_string(x) + " is out of range; allowed: " + range_text(s) +
               (s.unit.empty() ? "" : " " + s.unit);
      return std::nullopt;
    }
    case ParamType::Bool:
      if (v.index() != 1) return where + "expected a boolean, got " + std::string(held_type_name(v));
      return std::nullopt;
    case ParamType::Duration: {
      if (v.index() == 0) v = Distribution{Distribution::Kind::Fixed, std::get<0>(v), 0};  // plain nanoseconds
      if (v.index() != 2) return where + "expected a duration, got " + std::string(held_type_name(v));
      const Distribution& d = std::get<2>(v);
      auto in = [&](Duration x) { return x >= s.min && x <= s.max; };
      bool ok = in(d.a) && (d.kind != Distribution::Kind::Uniform || (in(d.b) && d.b >= d.a));
      if (!ok) return where + d.to_string() + " is out of range; every value must lie in " + range_text(s);
      return std::nullopt;
    }
    case ParamType::Choice: {
      if (v.index() != 3) return where + "expected one of: " + join(s.choices);
      const std::string& c = std::get<3>(v);
      if (std::find(s.choices.begin(), s.choices.end(), c) == s.choices.end())
        return where + "\"" + c + "\" is not a choice; allowed: " + join(s.choices);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> resolve_params(const Pattern& p, Params& params, const Variant* variant) {
  for (const auto& [name, value] : params.values()) {
    if (!p.param(name)) {
      std::vector<std::string> names;
      for (const auto& s : p.params) names.push_back(s.name);
      return "unknown parameter '" + name + "' for pattern '" + p.name +
             "'; its parameters are: " + (names.empty() ? std::string("none") : join(names));
    }
  }
  if (variant) {
    for (const auto& [name, value] : variant->param_defaults)
      if (!p.param(name))
        return "variant '" + variant->name + "' of pattern '" + p.name + "' has a default for unknown parameter '" +
               name + "'";
  }
  for (const auto& s : p.params) {
    auto it = params.values().find(s.name);
    ParamValue v = s.default_value;
    if (it != params.values().end())
      v = it->second;
    else if (variant && variant->param_defaults.count(s.name))
      v = variant->param_defaults.at(s.name);
    if (auto err = check_value(s, v)) return err;
    params.set(s.name, std::move(v));
  }
  return std::nullopt;
}

std::string_view to_string(Bug b) {
  switch (b) {
    case Bug::None: return "none";
    case Bug::Deadlock: return "deadlock";
    case Bug::InvariantViolation: return "invariant violation";
    case Bug::Starvation: return "starvation";
    case Bug::Panic: return "panic";
  }
  return "?";
}

// [SECTION] Run context: metrics and invariants ---------------------------------------------------------

void RunContext::set_metric(const std::string& name, double value, std::string unit) {
  for (Metric& m : metrics_) {
    if (m.name == name) {
      m.value = value;
      if (!unit.empty()) m.unit = std::move(unit);
      return;
    }
  }
  metrics_.push_back(Metric{name, value, std::move(unit)});
}

void RunContext::add_metric(const std::string& name, double delta, std::string unit) {
  for (Metric& m : metrics_) {
    if (m.name == name) {
      m.value += delta;
      if (!unit.empty()) m.unit = std::move(unit);
      return;
    }
  }
  metrics_.push_back(Metric{name, delta, std::move(unit)});
}

void RunContext::declare_metric(const std::string& name, std::string unit) {
  for (const Metric& m : metrics_)
    if (m.name == name) return;
  metrics_.push_back(Metric{name, 0, std::move(unit)});
}

void RunContext::check(bool ok, std::string_view invariant, std::string_view detail, std::source_location loc) {
  if (ok) return;
  Scheduler& s = interleave::detail::sched("RunContext::check");
  std::string msg(invariant);
  msg += ": ";
  msg += detail.empty() ? std::string_view("violated") : detail;
  msg += " (at " + format_duration(s.now());
  if (GoroutineId g = s.self(); g != kNoGoroutine)
    msg += ", goroutine " + std::to_string(g) + " \"" + s.info(g).name + "\"";
  msg += ")";
  s.raise(Outcome::InvariantViolation, std::move(msg), loc);
}

// [SECTION] The registry and the embedded sources -------------------------------------------------------

const Variant* Pattern::variant(std::string_view n) const {
  for (const Variant& v : variants)
    if (v.name == n) return &v;
  return nullptr;
}

const ParamSpec* Pattern::param(std::string_view n) const {
  for (const ParamSpec& s : params)
    if (s.name == n) return &s;
  return nullptr;
}

namespace {
struct Catalogue {
  std::vector<Pattern> patterns;
  bool sorted = true;
};
Catalogue& catalogue() {
  static Catalogue c;  // constructed on first use: registrars run during static initialisation
  return c;
}
}  // namespace

Registrar::Registrar(std::function<Pattern()> make) {
  Catalogue& c = catalogue();
  Pattern p = make();
  for (const Pattern& q : c.patterns)
    if (q.name == p.name) throw std::logic_error("pattern '" + p.name + "' is registered twice");
  // Every run reports the variant's declared metrics from its start (at 0), whatever the outcome.
  for (Variant& v : p.variants) {
    std::vector<MetricSpec> declared;
    for (const MetricSpec* m : p.metrics_of(v.name)) declared.push_back(*m);
    if (declared.empty() || !v.run) continue;
    v.run = [declared = std::move(declared), body = std::move(v.run)](RunContext& ctx) {
      for (const MetricSpec& m : declared) ctx.declare_metric(m.name, m.unit);
      body(ctx);
    };
  }
  c.patterns.push_back(std::move(p));
  c.sorted = false;
}

std::vector<const MetricSpec*> Pattern::metrics_of(std::string_view v) const {
  std::vector<const MetricSpec*> out;
  for (const MetricSpec& m : metrics)
    if (m.variants.empty() || std::find(m.variants.begin(), m.variants.end(), v) != m.variants.end()) out.push_back(&m);
  return out;
}

const MetricSpec* Pattern::metric(std::string_view v, std::string_view metric_name) const {
  for (const MetricSpec* m : metrics_of(v))
    if (m->name == metric_name) return m;
  return nullptr;
}

const std::vector<Pattern>& registry() {
  Catalogue& c = catalogue();
  if (!c.sorted) {
    std::sort(c.patterns.begin(), c.patterns.end(), [](const Pattern& a, const Pattern& b) { return a.name < b.name; });
    c.sorted = true;
  }
  return c.patterns;
}

const Pattern* find_pattern(std::string_view name) {
  for (const Pattern& p : registry())
    if (p.name == name) return &p;
  return nullptr;
}

std::string_view source_text(std::string_view path) {
  for (std::size_t i = 0; i < detail::kEmbeddedSourceCount; ++i)
    if (detail::kEmbeddedSources[i].first == path) return detail::kEmbeddedSources[i].second;
  return {};
}

}  // namespace interleave::patterns
