// scenario.cpp — the scenario loader: TOML in, a validated Scenario out, or errors that point at the text.
//
// [SECTION] Small helpers: names of types, locations of nodes
// [SECTION] The loader: top level, params, schedule, limits, lesson, expect
// [SECTION] Overrides (--set key=value) and the entry points
#include "scenarios/engine/scenario.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <system_error>

#include "scenarios/engine/bounds.h"
#include "scenarios/engine/native.h"

namespace interleave::engine {

// [SECTION] Small helpers: names of types, locations of nodes --------------------------------------------

namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a fraction";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

Where where_of(const toml::source_region& s, const std::string& fallback_file) {
  Where w;
  w.file = s.path ? *s.path : fallback_file;
  w.line = s.begin.line;
  w.column = s.begin.column;
  w.length = (s.end.line == s.begin.line && s.end.column > s.begin.column) ? s.end.column - s.begin.column : 1;
  return w;
}

std::vector<std::string> to_strings(std::span<const std::string_view> v) { return {v.begin(), v.end()}; }

std::string quoted_list(const std::vector<std::string>& v) { return v.empty() ? "(none)" : join(v); }

}  // namespace

// [SECTION] The loader: top level, params, schedule, limits, lesson, expect -------------------------------

namespace {

constexpr std::string_view kTopKeys[] = {"name",     "pattern", "variant", "program", "params",
                                         "schedule", "limits",  "lesson",  "goal",    "expect"};
constexpr std::string_view kScheduleKeys[] = {"procs",      "policy",           "seed",      "quantum",
                                              "wake_order", "spurious_wakeups", "pct_depth", "replay"};
constexpr std::string_view kLimitKeys[] = {"max_steps", "max_time"};
constexpr std::string_view kLessonKeys[] = {"title", "text", "note"};
constexpr std::string_view kNoteKeys[] = {"at", "on", "text", "pause"};
constexpr std::string_view kGoalKeys[] = {"reach", "decisions", "text"};
constexpr std::string_view kGoalOutcomes[] = {"deadlock", "invariant_violation"};
constexpr std::string_view kNoteEvents[] = {"start", "end", "deadlock", "panic", "invariant_violation", "first_block"};
constexpr std::string_view kExpectKeys[] = {"outcome", "happens", "seeds",   "invariants",    "violates",
                                            "bounds",  "output",  "explore", "output_matches"};
constexpr std::string_view kExploreKeys[] = {"strategy", "preemptions",   "seed",  "depth",
                                             "verdict",  "max_schedules", "finds", "outputs"};
constexpr std::string_view kExploreStrategies[] = {"dpor", "dfs", "random", "pct"};
constexpr std::string_view kExploreVerdicts[] = {"no bug"};
constexpr std::string_view kExploreFinds[] = {"deadlock", "panic", "fatal_error", "invariant_violation"};
constexpr std::string_view kWakeOrders[] = {"fifo", "policy"};
constexpr std::string_view kHappens[] = {"always", "sometimes"};

bool contains(std::span<const std::string_view> set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

struct Loader {
  Diagnostics& diag;
  std::string file;
  std::filesystem::path base_dir;
  Scenario& sc;
  const patterns::Pattern* pattern = nullptr;
  const patterns::Variant* variant = nullptr;
  std::shared_ptr<const Program> prog;  // set once pattern and variant, or `program`, are known
  bool spurious_set = false;
  bool policy_set = false;
  bool seed_set = false;
  const toml::node* params_node = nullptr;
  const toml::node* policy_node = nullptr;
  const toml::node* replay_node = nullptr;
  const toml::node* violates_node = nullptr;
  const toml::node* starvation_node = nullptr;
  std::string replay_text;

  Where at(const toml::node& n) const { return where_of(n.source(), file); }
  Where at(const toml::key& k) const { return where_of(k.source(), file); }
  void error(const Where& w, std::string msg) {
    if (diag.count() < 64) diag.error(w, std::move(msg));
  }

  void unknown_key(const toml::key& k, std::string_view section, std::span<const std::string_view> allowed) {
    std::string where = section.empty() ? "at the top level" : "in [" + std::string(section) + "]";
    std::string msg = "unknown key '" + std::string(k.str()) + "' " + where + "; expected one of " + join(allowed);
    std::string near = did_you_mean(k.str(), allowed);
    if (!near.empty()) msg += "; did you mean '" + near + "'?";
    error(at(k), msg);
  }

  const toml::table* need_table(const toml::node& n, std::string_view key) {
    if (auto* t = n.as_table()) return t;
    error(at(n), "'" + std::string(key) + "' must be a table ([" + std::string(key) + "]), not " + type_name(n));
    return nullptr;
  }

  std::optional<std::string> need_string(const toml::node& n, std::string_view key, std::string_view example) {
    if (auto* s = n.as_string()) return s->get();
    error(at(n),
          "'" + std::string(key) + "' must be a string (like " + std::string(example) + "), not " + type_name(n));
    return std::nullopt;
  }

  std::optional<std::int64_t> need_int(const toml::node& n, std::string_view key, std::int64_t min, std::int64_t max,
                                       std::string_view unit = {}) {
    auto* i = n.as_integer();
    if (!i) {
      error(at(n), "'" + std::string(key) + "' must be an integer, not " + type_name(n));
      return std::nullopt;
    }
    std::int64_t v = i->get();
    if (v < min || v > max) {
      error(at(n), std::string(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                       (unit.empty() ? "" : " " + std::string(unit)) + ", got " + std::to_string(v));
      return std::nullopt;
    }
    return v;
  }

  std::optional<bool> need_bool(const toml::node& n, std::string_view key) {
    if (auto* b = n.as_boolean()) return b->get();
    error(at(n), "'" + std::string(key) + "' must be true or false, not " + type_name(n));
    return std::nullopt;
  }

  std::optional<Duration> need_duration(const toml::node& n, std::string_view key, Duration min, Duration max) {
    if (auto* i = n.as_integer()) {
      if (i->get() == 0 && min <= 0) return Duration{0};
      error(at(n), "'" + std::string(key) + "' is a duration: write it as a string with a unit, like \"" +
                       std::to_string(i->get()) + "ms\" (units: ns, us, ms, s)");
      return std::nullopt;
    }
    auto* s = n.as_string();
    if (!s) {
      error(at(n), "'" + std::string(key) + "' must be a duration like \"5ms\", not " + type_name(n));
      return std::nullopt;
    }
    auto d = patterns::parse_duration(s->get());
    if (!d) {
      error(at(n), "'" + s->get() + "' is not a duration; write a number with a unit: ns, us, ms or s (like \"5ms\")");
      return std::nullopt;
    }
    if (*d < min || *d > max) {
      error(at(n), std::string(key) + " must be between " + patterns::format_duration(min) + " and " +
                       patterns::format_duration(max) + ", got " + s->get());
      return std::nullopt;
    }
    return d;
  }

  std::optional<std::string> need_choice(const toml::node& n, std::string_view key, std::string_view what,
                                         std::span<const std::string_view> allowed) {
    auto s = need_string(n, key, "\"" + std::string(allowed.front()) + "\"");
    if (!s) return std::nullopt;
    if (!contains(allowed, *s)) {
      error(at(n), unknown_value_message(what, *s, to_strings(allowed)));
      return std::nullopt;
    }
    return s;
  }

  // --- top level: pattern and variant first, since params depend on them
  void program(const toml::table& root) {
    for (auto&& [k, v] : root) {
      if (!contains(kTopKeys, k.str())) unknown_key(k, "", kTopKeys);
    }
    if (auto* n = root.get("name"))
      if (auto s = need_string(*n, "name", "\"Two producers, one slow consumer\"")) sc.name = *s;
  }

  void set_pattern(const toml::node& n) {
    auto s = need_string(n, "pattern", "\"producer_consumer\"");
    if (!s) return;
    pattern = patterns::find_pattern(*s);
    if (!pattern)
      error(at(n), unknown_pattern_message(*s));
    else
      sc.run.pattern = *s;
  }

  void set_variant(const toml::node& n) {
    auto s = need_string(n, "variant", "\"naive\"");
    if (!s || !pattern) return;
    variant = pattern->variant(*s);
    if (!variant) {
      error(at(n), unknown_variant_message(*pattern, *s));
    } else {
      sc.run.variant = *s;
      prog = catalogue_program(pattern->name, variant->name);
    }
  }

  // program = "worker_pool.go": a program file, relative to the scenario file.
  void set_program_file(const toml::node& n) {
    auto s = need_string(n, "program", "\"worker_pool.go\"");
    if (!s) return;
    std::filesystem::path p = *s;
    if (p.is_relative()) p = base_dir / p;
    if (!is_program_file(p)) {
      error(at(n), "'program' names a Go source file ending in .go, not '" + *s + "'");
      return;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      error(at(n),
            "no program file '" + p.lexically_normal().string() + "' (the path is relative to this scenario file)");
      return;
    }
    std::string shown = p.lexically_normal().string();
    ProgramLoad load = load_program_file(p, shown);
    if (!load.program) {
      diag.add_source(shown, load.source);
      for (const auto& e : load.errors) error(Where{e.file, e.line, e.column, 1}, e.message);
      return;
    }
    prog = load.program;
    sc.run.program = prog;
  }

  const std::vector<patterns::ParamSpec>* param_specs() const {
    if (pattern) return &pattern->params;
    return prog ? &prog->params() : nullptr;
  }
  const patterns::ParamSpec* find_spec(std::string_view name) const {
    if (auto* specs = param_specs())
      for (const auto& s : *specs)
        if (s.name == name) return &s;
    return nullptr;
  }
  std::string program_label() const {
    return pattern ? "pattern '" + pattern->name + "'" : prog ? "program '" + prog->name() + "'" : "the program";
  }

  void param(const toml::key& k, const toml::node& n) {
    if (!param_specs()) return;
    const patterns::ParamSpec* spec = find_spec(k.str());
    if (!spec) {
      std::vector<std::string> names;
      for (const auto& p : *param_specs()) names.push_back(p.name);
      std::string msg = "unknown parameter '" + std::string(k.str()) + "' for " + program_label() +
                        "; expected one of " + quoted_list(names);
      std::string near = did_you_mean(k.str(), names);
      if (!near.empty()) msg += "; did you mean '" + near + "'?";
      error(at(k), msg);
      return;
    }
    std::string text;
    using patterns::ParamType;
    switch (spec->type) {
      case ParamType::Int:
        if (!n.is_integer()) {
          error(at(n), "parameter '" + spec->name + "' must be an integer, not " + type_name(n));
          return;
        }
        text = std::to_string(n.as_integer()->get());
        break;
      case ParamType::Bool:
        if (!n.is_boolean()) {
          error(at(n), "parameter '" + spec->name + "' must be true or false, not " + type_name(n));
          return;
        }
        text = n.as_boolean()->get() ? "true" : "false";
        break;
      case ParamType::Duration:
        if (n.is_integer() && n.as_integer()->get() == 0) {
          text = "0";
        } else if (n.is_string()) {
          text = n.as_string()->get();
        } else {
          error(at(n), "parameter '" + spec->name + "' is a duration: write it as a string like \"5ms\" or " +
                           "\"uniform 1ms..3ms\", not " + type_name(n));
          return;
        }
        break;
      case ParamType::Choice:
        if (spec->choices.empty() && (n.is_integer() || n.is_floating_point())) {  // a Go float or string
          text = n.is_integer() ? std::to_string(n.as_integer()->get()) : [&] {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", n.as_floating_point()->get());
            return std::string(buf);
          }();
          break;
        }
        if (!n.is_string()) {
          error(at(n), "parameter '" + spec->name + "' must be a string" +
                           (spec->choices.empty() ? "" : ", one of " + quoted_list(spec->choices)) + ", not " +
                           type_name(n));
          return;
        }
        text = n.as_string()->get();
        break;
    }
    patterns::ParamValue value;
    if (auto err = parse_param_value(*spec, text, value)) {
      error(at(n), *err);
      return;
    }
    sc.run.params.set(spec->name, std::move(value));
  }

  void schedule_key(const toml::key& k, const toml::node& n) {
    std::string_view key = k.str();
    RunConfig& r = sc.run;
    if (key == "procs") {
      if (auto v = need_int(n, key, 1, 64, "processors")) r.procs = static_cast<int>(*v);
    } else if (key == "policy") {
      policy_node = &n;
      policy_set = true;
      if (auto s = need_choice(n, key, "policy", kPolicyChoices)) r.policy = *s;
    } else if (key == "seed") {
      if (auto v = need_int(n, key, 0, INT64_MAX)) {
        r.seed = static_cast<std::uint64_t>(*v);
        seed_set = true;
      }
    } else if (key == "quantum") {
      if (auto d = need_duration(n, key, 0, 3600LL * 1'000'000'000)) r.quantum = *d;
    } else if (key == "wake_order") {
      if (auto s = need_choice(n, key, "wake order", kWakeOrders))
        r.wake_order = *s == "fifo" ? WakeOrder::Fifo : WakeOrder::Policy;
    } else if (key == "spurious_wakeups") {
      if (auto b = need_bool(n, key)) {
        r.spurious_wakeups = *b;
        spurious_set = true;
      }
    } else if (key == "pct_depth") {
      if (auto v = need_int(n, key, 1, 64)) r.pct_depth = static_cast<std::uint32_t>(*v);
    } else if (key == "replay") {
      replay_node = &n;
      if (auto s = need_string(n, key, "\"runs/deadlock.native\"")) replay_text = *s;
    } else {
      unknown_key(k, "schedule", kScheduleKeys);
    }
  }

  void limits_key(const toml::key& k, const toml::node& n) {
    std::string_view key = k.str();
    if (key == "max_steps") {
      if (auto v = need_int(n, key, 1, 10'000'000'000LL, "steps")) sc.run.max_steps = static_cast<std::uint64_t>(*v);
    } else if (key == "max_time") {
      if (auto d = need_duration(n, key, 1, 1'000'000LL * 1'000'000'000)) sc.run.max_time = *d;
    } else {
      unknown_key(k, "limits", kLimitKeys);
    }
  }

  void note(const toml::node& n) {
    auto* t = n.as_table();
    if (!t) {
      error(at(n), "each lesson note must be a table ([[lesson.note]] with at = \"20ms\" and text = \"...\"), not " +
                       type_name(n));
      return;
    }
    NarrationNote note;
    bool has_text = false;
    for (auto&& [k, v] : *t) {
      if (k.str() == "at") {
        if (auto d = need_duration(v, "at", 0, INT64_MAX)) note.at = *d;
      } else if (k.str() == "on") {
        // "first_block:ROLE": the first block of a goroutine with that role (or name)
        auto* str = v.as_string();
        if (str && str->get().starts_with("first_block:")) {
          note.on = str->get();
          if (note.on.size() == std::string_view("first_block:").size())
            error(at(v), "'on = \"first_block:ROLE\"' needs a role after the colon (like \"first_block:philosopher\")");
        } else if (auto s = need_choice(v, "on", "note event", kNoteEvents)) {
          note.on = *s;
        }
      } else if (k.str() == "pause") {
        if (auto b = need_bool(v, "pause")) note.pause = *b;
      } else if (k.str() == "text") {
        if (auto s = need_string(v, "text", "\"Now both forks are taken...\"")) {
          note.text = *s;
          has_text = true;
        }
      } else {
        unknown_key(k, "lesson.note", kNoteKeys);
      }
    }
    if (t->contains("at") && t->contains("on"))
      error(at(n), "a lesson note has either 'at' or 'on', not both");
    else if (!t->contains("at") && !t->contains("on"))
      error(at(n),
            "a lesson note needs 'at' (a virtual time like \"20ms\") or 'on' (one of " + join(kNoteEvents) + ")");
    if (!has_text && !t->contains("text")) error(at(n), "a lesson note needs 'text'");
    sc.lesson.notes.push_back(std::move(note));
  }

  void goal_key(const toml::key& k, const toml::node& n) {
    std::string_view key = k.str();
    sc.goal.present = true;
    if (key == "reach") {
      if (auto s = need_choice(n, key, "goal", kGoalOutcomes))
        sc.goal.reach = *s == "deadlock" ? Outcome::Deadlock : Outcome::InvariantViolation;
    } else if (key == "decisions") {
      if (auto v = need_int(n, key, 1, 1'000'000, "decisions")) sc.goal.decisions = static_cast<std::uint32_t>(*v);
    } else if (key == "text") {
      if (auto s = need_string(n, key, "\"Make the philosophers deadlock\"")) sc.goal.text = *s;
    } else {
      unknown_key(k, "goal", kGoalKeys);
    }
  }

  void lesson_key(const toml::key& k, const toml::node& n) {
    std::string_view key = k.str();
    if (key == "title") {
      if (auto s = need_string(n, key, "\"Dining philosophers: the circular wait\"")) sc.lesson.title = *s;
    } else if (key == "text") {
      if (auto s = need_string(n, key, "\"\"\"...\"\"\"")) sc.lesson.text = *s;
    } else if (key == "note") {
      auto* arr = n.as_array();
      if (!arr) {
        error(at(n), "'note' must be an array of tables ([[lesson.note]]), not " + type_name(n));
        return;
      }
      if (arr->size() > 1000) {
        error(at(n), "too many lesson notes (" + std::to_string(arr->size()) + "; at most 1000)");
        return;
      }
      for (auto& e : *arr) note(e);
    } else {
      unknown_key(k, "lesson", kLessonKeys);
    }
  }

  void explore_key(const toml::key& k, const toml::node& n) {
    std::string_view key = k.str();
    ExploreExpect& x = sc.expect.explore;
    if (key == "strategy") {
      if (auto s = need_choice(n, key, "exploration strategy", kExploreStrategies)) x.strategy = *s;
    } else if (key == "preemptions") {
      if (auto v = need_int(n, key, 0, 20)) x.preemptions = *v;
    } else if (key == "seed") {
      if (auto v = need_int(n, key, 0, INT64_MAX)) x.seed = static_cast<std::uint64_t>(*v);
    } else if (key == "depth") {
      if (auto v = need_int(n, key, 1, 100)) x.depth = static_cast<std::uint32_t>(*v);
    } else if (key == "max_schedules") {
      if (auto v = need_int(n, key, 1, 100'000'000)) x.max_schedules = static_cast<std::uint64_t>(*v);
    } else if (key == "verdict") {
      if (auto s = need_choice(n, key, "verdict", kExploreVerdicts)) x.verdict = *s;
    } else if (key == "finds") {
      if (auto s = need_choice(n, key, "outcome to find", kExploreFinds)) x.finds = *s;
    } else if (key == "outputs") {
      if (auto v = need_int(n, key, 1, 1'000'000)) x.outputs = static_cast<std::uint64_t>(*v);
    } else {
      unknown_key(k, "expect.explore", kExploreKeys);
    }
  }

  void explore_table(const toml::node& n) {
    auto* t = need_table(n, "expect.explore");
    if (!t) return;
    ExploreExpect& x = sc.expect.explore;
    x.present = true;
    x.where = at(n);
    for (auto&& [k, v] : *t) explore_key(k, v);
    int said = !x.verdict.empty() + !x.finds.empty() + x.outputs.has_value();
    if (said != 1)
      error(at(n),
            "[expect.explore] needs exactly one of verdict = \"no bug\", finds = \"deadlock\" (or another "
            "outcome) or outputs = N");
  }

  void expect_key(const toml::key& k, const toml::node& n) {
    std::string_view key = k.str();
    Expectations& e = sc.expect;
    if (key == "explore") return explore_table(n);
    e.present = true;
    if (key == "outcome") {
      if (auto s = need_choice(n, key, "outcome", kOutcomeChoices)) {
        e.starvation = *s == "starvation";
        if (e.starvation) starvation_node = &n;
        e.outcome = *s == "completes" || *s == "starvation" ? Outcome::Completed
                    : *s == "deadlock"                      ? Outcome::Deadlock
                    : *s == "panic"                         ? Outcome::Panic
                                                            : Outcome::InvariantViolation;
      }
    } else if (key == "happens") {
      if (auto s = need_choice(n, key, "value for happens", kHappens)) e.always = *s == "always";
    } else if (key == "seeds") {
      if (auto v = need_int(n, key, 1, 100'000, "seeds")) e.seeds = static_cast<std::uint32_t>(*v);
    } else if (key == "invariants") {
      auto* arr = n.as_array();
      if (!arr) {
        error(at(n), "'invariants' must be an array of invariant names, like [\"bounded\"], not " + type_name(n));
        return;
      }
      for (auto& item : *arr)
        if (auto s = need_string(item, "invariants", "\"bounded\""))
          if (check_invariant(item, *s)) e.invariants.push_back(*s);
    } else if (key == "violates") {
      violates_node = &n;
      if (auto s = need_string(n, key, "\"no_lost_updates\""))
        if (check_invariant(n, *s)) e.violates = *s;
    } else if (key == "bounds") {
      auto* arr = n.as_array();
      if (!arr) {
        error(at(n), "'bounds' must be an array of strings, like [\"max_depth(buffer) <= 3\"], not " + type_name(n));
        return;
      }
      for (auto& item : *arr)
        if (auto s = need_string(item, "bounds", "\"consumed == 20\"")) bound(item, *s);
    } else if (key == "output" || key == "output_matches") {
      if (pattern)
        return error(at(n), "'" + std::string(key) + "' checks what a Go program prints; the catalogue's " +
                                "patterns print nothing (use bounds on their metrics)");
      auto s = need_string(n, key, key == "output" ? "\"hello\\n\"" : "\"^done in [0-9]+s\\n$\"");
      if (!s) return;
      if (key == "output") return void(e.output = *s);
      if (auto bad = regex_error(*s)) return error(at(n), "'output_matches' is not a regular expression: " + *bad);
      e.output_matches = *s;
    } else {
      unknown_key(k, "expect", kExpectKeys);
    }
  }

  bool check_invariant(const toml::node& n, const std::string& name) {
    if (!prog) return false;
    std::vector<std::string> names;
    for (const auto& inv : prog->invariants()) {
      if (inv.name == name) return true;
      names.push_back(inv.name);
    }
    std::string msg =
        "unknown invariant '" + name + "' for " + program_label() + "; expected one of " + quoted_list(names);
    std::string near = did_you_mean(name, names);
    if (!near.empty()) msg += "; did you mean '" + near + "'?";
    error(at(n), msg);
    return false;
  }

  // A bound of [expect]: parsed by parse_bound (bounds.cpp), its errors placed inside the string.
  void bound(const toml::node& n, const std::string& text) {
    Where base = at(n);
    auto fail = [&](std::size_t offset, std::size_t len, const std::string& msg) {
      Where w = base;
      // The string's text starts one column after its opening quote (exact unless it contains escapes).
      w.column = base.column + 1 + static_cast<std::uint32_t>(std::min<std::size_t>(offset, 10000));
      w.length = static_cast<std::uint32_t>(std::max<std::size_t>(len, 1));
      error(w, "bound '" + text + "': " + msg);
    };
    if (auto b = parse_bound(text, pattern, variant, fail)) {
      b->where = base;
      sc.expect.bounds.push_back(std::move(*b));
    }
  }

  template <class F>
  void section(const toml::table& root, std::string_view name, F&& each) {
    if (auto* n = root.get(name))
      if (auto* t = need_table(*n, name))
        for (auto&& [k, v] : *t) each(k, v);
  }

  // Applies one parsed document (the file, or one --set) to the scenario.
  void apply(const toml::table& root, bool is_override) {
    if (!is_override) program(root);
    section(root, "params", [&](const toml::key& k, const toml::node& v) { param(k, v); });
    section(root, "schedule", [&](const toml::key& k, const toml::node& v) { schedule_key(k, v); });
    section(root, "limits", [&](const toml::key& k, const toml::node& v) { limits_key(k, v); });
    section(root, "lesson", [&](const toml::key& k, const toml::node& v) { lesson_key(k, v); });
    section(root, "goal", [&](const toml::key& k, const toml::node& v) { goal_key(k, v); });
    section(root, "expect", [&](const toml::key& k, const toml::node& v) { expect_key(k, v); });
    if (root.contains("params")) params_node = root.get("params");
    if (!is_override) return;
    // An override may also name a parameter, a schedule key or a limit without its section.
    for (auto&& [k, v] : root) {
      std::string_view key = k.str();
      if (contains(kTopKeys, key)) {
        if (key == "name" || key == "pattern" || key == "variant" || key == "program")
          error(at(k), "--set cannot change '" + std::string(key) + "'; edit the scenario file instead");
        continue;
      }
      if (find_spec(key))
        param(k, v);
      else if (contains(kScheduleKeys, key))
        schedule_key(k, v);
      else if (contains(kLimitKeys, key))
        limits_key(k, v);
      else {
        std::vector<std::string> names;
        if (param_specs())
          for (const auto& p : *param_specs()) names.push_back(p.name);
        for (auto s : kScheduleKeys) names.emplace_back(s);
        for (auto s : kLimitKeys) names.emplace_back(s);
        std::string msg =
            "unknown key '" + std::string(key) + "' for --set; expected a parameter or schedule key: " + join(names);
        std::string near = did_you_mean(key, names);
        if (!near.empty()) msg += "; did you mean '" + near + "'?";
        error(at(k), msg);
      }
    }
  }

  void finish(const toml::table& root) {
    // Required keys: what to run.
    if (root.get("program") && root.get("pattern"))
      error(at(*root.get("pattern")),
            "a scenario runs either a catalogue 'pattern' (with 'variant') or a 'program' file, not both");
    else if (root.get("program") && root.get("variant"))
      error(at(*root.get("variant")), "'variant' belongs to a catalogue 'pattern'; a 'program' file has none");
    else if (root.get("program"))
      ;
    else if (!root.get("pattern"))
      error(Where{file, 1, 1, 1},
            "missing required key 'pattern' (e.g. pattern = \"producer_consumer\") or 'program' (e.g. program = "
            "\"worker_pool.go\")");
    else if (!root.get("variant") && pattern)
      error(
          at(*root.get("pattern")),
          "missing required key 'variant' for pattern '" + pattern->name + "'; expected one of " + [&] {
            std::vector<std::string> v;
            for (const auto& x : pattern->variants) v.push_back(x.name);
            return quoted_list(v);
          }());
    if (variant && !spurious_set) sc.run.spurious_wakeups = variant->needs_spurious_wakeups;
    if (prog && !policy_set) sc.run.policy = prog->default_policy();
    if (prog && diag.ok()) {
      const toml::node* what = root.get("program") ? root.get("program") : root.get("pattern");
      if (auto err = prog->resolve_params(sc.run.params)) error(params_node ? at(*params_node) : at(*what), *err);
    }
    // Replay: follow a recorded run strictly.
    if (sc.run.policy == "replay") {
      if (!replay_node) {
        error(policy_node ? at(*policy_node) : Where{file, 0, 0, 1},
              "policy \"replay\" needs 'replay' in [schedule]: the .native file of a recorded run");
      } else if (!replay_text.empty()) {
        std::filesystem::path p = replay_text;
        if (p.is_relative()) p = base_dir / p;
        std::string err;
        auto rec = load_native(p, &err);
        if (!rec) {
          error(at(*replay_node), "cannot use replay file '" + replay_text + "': " + err);
        } else {
          // The seed also drives the pattern's random durations: replay with the recording's unless told.
          if (!seed_set) sc.run.seed = rec->config.seed;
          sc.replay_file = p.string();
          sc.run.replay = rec->trace.decisions();
          sc.run.strict_replay = true;
          sc.run.policy = "fifo";
        }
      }
    } else if (replay_node) {
      error(at(*replay_node), "'replay' is only used with policy = \"replay\"");
    }
    if (starvation_node && variant && (variant->starvation_role.empty() || variant->starvation_threshold <= 0))
      error(at(*starvation_node),
            "outcome \"starvation\" needs a variant that names a starving role and a "
            "threshold; " +
                pattern->name + "/" + variant->name +
                " does not (`interleave list` "
                "marks those with [bug: starvation])");
    if (violates_node && sc.expect.outcome != Outcome::InvariantViolation)
      error(at(*violates_node), "'violates' needs outcome = \"invariant_violation\"");
  }
};

// [SECTION] Overrides (--set key=value) and the entry points -------------------------------------------------

// A TOML basic string holding `s`.
std::string toml_quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::optional<toml::table> parse_override(const std::string& arg, const std::string& name, Diagnostics& diag) {
  diag.add_source(name, arg);
  auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    diag.error(Where{name, 1, 1, static_cast<std::uint32_t>(std::max<std::size_t>(arg.size(), 1))},
               name + " needs key=value (like producers=3 or schedule.procs=2), got '" + arg + "'");
    return std::nullopt;
  }
  try {
    return toml::parse(arg, name);
  } catch (const toml::parse_error&) {
  }
  // Not a TOML value: take the rest as a string (--set produce_time=5ms). The value's column is unchanged.
  try {
    return toml::parse(arg.substr(0, eq + 1) + toml_quote(arg.substr(eq + 1)), name);
  } catch (const toml::parse_error& e) {
    diag.error(where_of(e.source(), name), std::string(e.description()));
  }
  return std::nullopt;
}

Scenario parse_impl(std::string_view text, const std::string& path, const std::filesystem::path& base_dir,
                    const std::vector<Override>& overrides, Diagnostics& diag) {
  Scenario sc;
  sc.path = path;
  sc.run.max_steps = 2'000'000;
  diag.add_source(path, std::string(text));
  if (text.empty() || text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    diag.error(Where{path, 0, 0, 1},
               "the file is empty; a scenario needs at least pattern = \"...\" and variant = \"...\" (see "
               "scenarios/README.md)");
    throw ScenarioError(diag);
  }
  if (text.find('\0') != std::string_view::npos) {
    std::size_t nul = text.find('\0');
    std::uint32_t line = 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + nul, '\n'));
    std::size_t line_start = text.rfind('\n', nul);
    std::uint32_t col =
        static_cast<std::uint32_t>(nul - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1);
    diag.error(Where{path, line, col, 1}, "this is a binary file (it contains NUL bytes), not a TOML scenario");
    throw ScenarioError(diag);
  }
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    std::string msg(e.description());
    if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
    diag.error(where_of(e.source(), path), "TOML syntax: " + msg);
    throw ScenarioError(diag);
  }
  std::vector<toml::table> sets;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const Override& o = overrides[i];
    auto t = parse_override(o.text, o.origin.empty() ? "--set[" + std::to_string(i + 1) + "]" : o.origin, diag);
    if (t) sets.push_back(std::move(*t));
  }
  Loader L{diag, path, base_dir, sc};
  if (auto* n = root.get("pattern")) L.set_pattern(*n);
  if (auto* n = root.get("variant")) L.set_variant(*n);
  if (auto* n = root.get("program")) L.set_program_file(*n);
  L.apply(root, false);
  for (const auto& t : sets) L.apply(t, true);
  L.finish(root);
  if (!diag.ok()) throw ScenarioError(diag);
  return sc;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& path, const std::vector<Override>& overrides) {
  Diagnostics diag;
  return parse_impl(text, path, std::filesystem::path(path).parent_path(), overrides, diag);
}

Scenario load_scenario(const std::filesystem::path& path, const std::vector<Override>& overrides) {
  Diagnostics diag;
  std::string name = path.string();
  auto fail = [&](std::string msg) {
    diag.error(Where{name, 0, 0, 1}, std::move(msg));
    throw ScenarioError(diag);
  };
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) fail("no such file");
  if (std::filesystem::is_directory(st))
    fail("is a directory, not a scenario file (interleave check DIR runs every scenario in a directory)");
  if (!std::filesystem::is_regular_file(st)) fail("not a regular file");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) fail("cannot read: " + ec.message());
  constexpr std::uintmax_t kMaxSize = 1 << 20;
  if (size > kMaxSize) fail("too large for a scenario (" + std::to_string(size) + " bytes; at most 1 MiB)");
  if (is_program_file(path)) {
    // A program file on its own is a scenario with every default: `program = "FILE"` beside it.
    std::string text = "program = ";
    text += toml_quote(path.filename().string());
    text += "\n";
    Scenario sc = parse_impl(text, name + " (as a scenario)", path.parent_path(), overrides, diag);
    sc.path = name;
    return sc;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot open for reading");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_impl(text, name, path.parent_path(), overrides, diag);
}

}  // namespace interleave::engine
