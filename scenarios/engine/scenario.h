// scenario.h — a scenario file: which program to run, how to schedule it, the lesson, and what must happen.
//
// Scenario files are TOML (scenarios/README.md describes every key). The loader validates everything it
// reads against the pattern catalogue and reports problems as `file:line:col: error: ...` with the offending
// line and a caret. The CLI and the GUI both load scenarios through here.
//
//   auto sc = engine::load_scenario("scenarios/producer_consumer/semaphores.toml", {"producers=3"});
//   engine::Session s(sc.run);      // throws ScenarioError (a std::runtime_error) above if the file is bad
//   s.run();
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/engine/diagnostics.h"
#include "scenarios/engine/session.h"

namespace interleave::engine {

// One bound on a measurement of the run, written in a scenario as e.g. "max_depth(buffer) <= 3".
struct Bound {
  enum class Subject : std::uint8_t {
    Metric,       // a metric the pattern reports: "consumed == 20"
    MaxDepth,     // max_depth(OBJECT): largest queue length / semaphore value of objects with that name
    MeanDepth,    // mean_depth(OBJECT): time-weighted mean depth
    MaxWaiters,   // max_waiters(OBJECT): most goroutines parked on it at once
    MaxWait,      // max_wait(ROLE): longest single blocked interval of goroutines with that role or name
    TotalWait,    // total_wait(ROLE): time blocked, summed over those goroutines
    VirtualTime,  // virtual_time: when the run ended
    Events,       // events: how many events were recorded
    Steps,        // steps: scheduler steps
    Goroutines,   // goroutines: how many were created
  };
  enum class Op : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
  Subject subject = Subject::Metric;
  std::string arg;  // metric name, object name or role
  Op op = Op::Eq;
  double value = 0;
  bool duration = false;  // the value was written with a time unit (ns), or is in the metric's time unit
  std::string unit;       // Metric: the metric's declared unit ("ms", "items"); value is in that unit
  std::string text;       // as written
  Where where;
};

// A classroom note shown at a moment of the run.
struct NarrationNote {
  std::optional<VirtualTime> at;  // at = "20ms"
  // or on = "start" | "end" | "deadlock" | "panic" | "invariant_violation" | "first_block" | "first_block:ROLE"
  std::string on;
  std::string text;
  bool pause = false;  // pause = true: playback stops at the note, so the teacher can talk
};

struct Lesson {
  std::string title;
  std::string text;
  std::vector<NarrationNote> notes;
};

// A challenge for the student who schedules by hand ([goal]): make the run reach this outcome, within at most
// `decisions` decisions (0: no budget).
struct Goal {
  bool present = false;
  Outcome reach = Outcome::Deadlock;  // Deadlock or InvariantViolation
  std::uint32_t decisions = 0;
  std::string text;  // optional: how the GUI states the challenge
};

// [expect.explore]: what a schedule exploration must prove (`interleave check` asks the explorer).
struct ExploreExpect {
  bool present = false;
  std::string strategy = "dpor";         // dpor | dfs | random | pct
  std::int64_t preemptions = 2;          // dfs bound
  std::uint64_t seed = 1;                // random, pct
  std::uint32_t depth = 3;               // pct
  std::uint64_t max_schedules = 0;       // 0: the strategy's default
  std::string verdict;                   // "no bug": no bug within the bound, nothing else cutting it short
  std::string finds;                     // an outcome ("deadlock", "panic", "invariant_violation") some schedule shows
  std::optional<std::uint64_t> outputs;  // exactly this many distinct outputs, exploration complete
  Where where;
};

struct Expectations {
  bool present = false;  // any seeded expectation (outcome, happens, seeds, ...); [expect.explore] is apart
  Outcome outcome = Outcome::Completed;  // Completed, Deadlock, Panic or InvariantViolation
  bool starvation = false;               // outcome = "starvation": completes, with the starvation verdict
  bool always = true;                    // happens = "always" (every seed) or "sometimes" (at least one seed)
  std::uint32_t seeds = 1;               // seeds seed, seed+1, ..., seed+seeds-1
  std::vector<std::string> invariants;   // must not be violated
  std::string violates;                  // for outcome invariant_violation: the invariant that must break
  std::vector<Bound> bounds;
  std::optional<std::string> output;          // output = "...": exactly what the program prints (stdout and stderr)
  std::optional<std::string> output_matches;  // output_matches = "...": a regular expression (ECMAScript) it matches
  ExploreExpect explore;
};

struct Scenario {
  std::string path;         // as given
  std::string name;         // optional display name ("Two producers, one slow consumer")
  RunConfig run;            // pattern, variant, params (resolved), schedule and limits
  std::string replay_file;  // policy = "replay": the recorded run whose decisions are followed
  Lesson lesson;
  Goal goal;
  Expectations expect;
};

// The keys a scenario accepts, for --set and the README.
inline constexpr std::span<const std::string_view> kPolicyChoices = kPolicyNames;  // one list: runtime/policy.h
inline constexpr std::string_view kOutcomeChoices[] = {"completes", "deadlock", "panic", "invariant_violation",
                                                       "starvation"};

// A "key=value" override and where it came from on the command line ("--set", "--policy"...).
struct Override {
  std::string text;
  std::string origin;  // names it in messages; empty: "--set[i]"
  Override(std::string t, std::string o = {}) : text(std::move(t)), origin(std::move(o)) {}
  Override(const char* t) : text(t) {}
};

// Loads and validates a scenario file. `overrides` are "key=value" texts (the CLI's --set): a parameter name
// ("producers=3"), or a dotted key ("schedule.procs=4", "limits.max_time=2s", "params.producers=3").
// Throws ScenarioError with every problem found.
Scenario load_scenario(const std::filesystem::path& path, const std::vector<Override>& overrides = {});
// The same, from text already in memory (`path` only names it in messages).
Scenario parse_scenario(std::string_view text, const std::string& path, const std::vector<Override>& overrides = {});

// Converts a text value ("3", "true", "5ms", "uniform 1ms..3ms", "naive") into the parameter's type,
// checking its range; returns an error message on failure.
std::optional<std::string> parse_param_value(const patterns::ParamSpec& spec, std::string_view text,
                                             patterns::ParamValue& out);
// A RunConfig's parameter as text (the inverse of parse_param_value).
std::string param_value_text(const patterns::ParamValue& v);

std::string outcome_word(Outcome o);  // "completes", "deadlock", ... (scenario vocabulary)
std::string format_bound_value(const Bound& b, double v);

// Messages for unknown names, shared by the loader and Session.
std::string unknown_pattern_message(std::string_view name);
std::string unknown_variant_message(const patterns::Pattern& p, std::string_view name);

}  // namespace interleave::engine
