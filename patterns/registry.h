// registry.h — the catalogue of patterns: what each one is, its parameters, variants, invariants, metrics
// and its own source text.
//
// A pattern is ordinary C++ on the runtime's public API (runtime/interleave.h), written the way a textbook
// writes it. Each pattern file registers itself with a static Registrar:
//
//   static interleave::patterns::Registrar reg([] {
//     interleave::patterns::Pattern p;
//     p.name = "producer_consumer";
//     p.title = "Producer/consumer on a bounded buffer";
//     p.lesson = "Watch the buffer depth: producers block when it is full, consumers when it is empty...";
//     p.source_file = "patterns/producer_consumer.cpp";        // embedded at build time, see source_text()
//     p.params = {interleave::patterns::ParamSpec::integer("producers", 2, 1, 64, "", "goroutines that produce"),
//                 interleave::patterns::ParamSpec::duration("produce_time", "uniform 1ms..3ms", "time to make one
//                 item")};
//     p.invariants = {{"bounded", "the buffer never holds more than its capacity"}};
//     p.variants = {{"semaphores", "Two semaphores and a mutex", "...", Bug::None, &run_semaphores}, ...};
//     return p;
//   });
//
// A variant's `run` function is the body of the main goroutine: it creates the objects, starts goroutines
// with go(), waits for them, and reports metrics through the RunContext.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runtime/interleave.h"

namespace interleave::patterns {

// A duration parameter: a fixed value, or a distribution drawn from the run's seeded generator.
// Text form (what scenario files and --set use): "5ms", "uniform 1ms..3ms", "exp 2ms" (mean).
// Units: ns, us, ms, s.
struct Distribution {
  enum class Kind : std::uint8_t { Fixed, Uniform, Exponential };
  Kind kind = Kind::Fixed;
  Duration a = 0;  // Fixed: the value; Uniform: low; Exponential: mean
  Duration b = 0;  // Uniform: high
  Duration draw(Rng& rng) const;
  Duration mean() const;
  std::string to_string() const;
  // Parses the text form; on failure returns nullopt and sets *error to a message naming the accepted forms.
  static std::optional<Distribution> parse(std::string_view text, std::string* error);
  bool operator==(const Distribution&) const = default;
};

// Formats a duration with a unit a person would choose ("1.5ms", "250us", "2s").
std::string format_duration(Duration d);
// Parses "250us", "1.5ms", "2s", "40ns", "0"; nullopt if malformed.
std::optional<Duration> parse_duration(std::string_view text);

enum class ParamType : std::uint8_t { Int, Bool, Duration, Choice };

using ParamValue = std::variant<std::int64_t, bool, Distribution, std::string>;

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::Int;
  ParamValue default_value;
  std::int64_t min = 0;  // Int: the range, inclusive. Duration: bounds on every value it can take, in ns.
  std::int64_t max = 0;
  std::string unit;                  // shown next to the value ("items", "goroutines", ...)
  std::string help;                  // one line
  std::vector<std::string> choices;  // Choice: the allowed values

  static ParamSpec integer(std::string name, std::int64_t def, std::int64_t min, std::int64_t max, std::string unit,
                           std::string help);
  static ParamSpec boolean(std::string name, bool def, std::string help);
  static ParamSpec duration(std::string name, std::string_view def, std::string help, Duration min = 0,
                            Duration max = 3600LL * 1'000'000'000);
  static ParamSpec choice(std::string name, std::string def, std::vector<std::string> choices, std::string help);
};

// Resolved parameter values for one run (every parameter of the pattern has a value).
class Params {
 public:
  std::int64_t integer(const std::string& name) const;
  bool boolean(const std::string& name) const;
  const Distribution& dist(const std::string& name) const;
  const std::string& choice(const std::string& name) const;
  // Draws one duration from a Duration parameter using the run's generator.
  Duration draw(const std::string& name) const;
  void set(const std::string& name, ParamValue v) { values_[name] = std::move(v); }
  const std::map<std::string, ParamValue>& values() const { return values_; }
  std::string to_string(const std::string& name) const;

 private:
  const ParamValue& get(const std::string& name) const;
  std::map<std::string, ParamValue> values_;
};

// Fills in defaults for every parameter not set; returns an error message for an unknown name, a wrong type
// or a value out of range (naming the allowed range), or nullopt if all is well. Given the variant, its
// own defaults (Variant::param_defaults) take precedence over the pattern's.
struct Pattern;
struct Variant;
std::optional<std::string> resolve_params(const Pattern& p, Params& params, const Variant* variant = nullptr);

// What a bug looks like when a broken variant shows it.
enum class Bug : std::uint8_t { None, Deadlock, InvariantViolation, Starvation, Panic };
std::string_view to_string(Bug b);

// A pattern-specific metric, reported by the pattern as it runs.
struct Metric {
  std::string name;  // e.g. "produced", "consumed", "throughput"
  double value = 0;
  std::string unit;  // "items", "items/s", "ns", ...
};

// A metric a pattern declares: its name and unit are known before any run (bounds are checked against them
// when a scenario loads, `list` shows them), and every run reports it from its start, at 0, so that a run
// that deadlocks before the first meal still says meals = 0.
struct MetricSpec {
  std::string name;
  std::string unit;                   // as reported: "items", "ms", "items/s"
  std::vector<std::string> variants;  // the variants that report it; empty: every variant
};

class RunContext {
 public:
  explicit RunContext(const Params& p) : params(p) {}
  const Params& params;

  // Sets (or adds to) a metric; metrics keep the order they were first set in.
  void set_metric(const std::string& name, double value, std::string unit = {});
  void add_metric(const std::string& name, double delta, std::string unit = {});
  // Adds the metric at 0 unless it is already there.
  void declare_metric(const std::string& name, std::string unit);
  const std::vector<Metric>& metrics() const { return metrics_; }

  // Ends the run with an invariant violation when `ok` is false: the message names the invariant, the
  // virtual time and the running goroutine, plus `detail`.
  void check(bool ok, std::string_view invariant, std::string_view detail = {},
             std::source_location loc = std::source_location::current());

 private:
  std::vector<Metric> metrics_;
};

struct Variant {
  std::string name;    // short id: "semaphores", "naive", "if_instead_of_while"
  std::string title;   // one line for menus
  std::string lesson;  // what this variant shows; for a broken one, what goes wrong and why
  Bug bug = Bug::None;
  std::function<void(RunContext&)> run;  // the main goroutine's body
  // For Bug::Starvation: the metric and threshold that show it (e.g. role "writer" max wait >= 50ms).
  std::string starvation_role;
  Duration starvation_threshold = 0;
  // Scheduler settings this variant needs to show its bug (e.g. spurious wake-ups on).
  bool needs_spurious_wakeups = false;
  // Defaults this variant uses instead of the pattern's, as text (e.g. {"capacity", "1"} so that a lost
  // wake-up is likely); a value the run sets explicitly still wins. Applied by resolve_params(p, params, &v).
  std::map<std::string, std::string> param_defaults;
};

struct Invariant {
  std::string name;
  std::string description;
};

struct Pattern {
  std::string name;    // "producer_consumer"
  std::string title;   // "Producer/consumer on a bounded buffer"
  std::string lesson;  // a paragraph: what to watch for
  std::vector<ParamSpec> params;
  std::vector<Variant> variants;
  std::vector<Invariant> invariants;
  std::vector<MetricSpec> metrics;  // every metric its variants report (see MetricSpec)
  std::string source_file;          // path relative to the repository root, as source locations report it

  const Variant* variant(std::string_view name) const;
  const ParamSpec* param(std::string_view name) const;
  // The metrics variant `v` reports, in declaration order.
  std::vector<const MetricSpec*> metrics_of(std::string_view v) const;
  const MetricSpec* metric(std::string_view variant, std::string_view metric_name) const;
};

// Every registered pattern, sorted by name.
const std::vector<Pattern>& registry();
const Pattern* find_pattern(std::string_view name);

// The embedded text of a source file of the patterns library ("patterns/producer_consumer.cpp"); empty if
// unknown. Line numbers match the source locations the runtime records.
std::string_view source_text(std::string_view path);

class Registrar {
 public:
  explicit Registrar(std::function<Pattern()> make);
};

}  // namespace interleave::patterns
