// cli.cpp — `interleave`: run, check, list, export, replay, gui; and with no arguments the default scenario.
//
// [SECTION] Exit statuses
// [SECTION] Shared helpers: loading with overrides, writing traces, exit statuses
// [SECTION] The commands
// [SECTION] cli_main: the command line itself (CLI11)
#include "scenarios/cli/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "scenarios/engine/analysis.h"
#include "scenarios/engine/check.h"
#include "scenarios/engine/export.h"
#include "scenarios/cli/gui_entry.h"
#include "scenarios/engine/narration.h"
#include "scenarios/engine/native.h"
#include "scenarios/engine/paths.h"
#include "scenarios/engine/scenario.h"
#include "scenarios/explorer/explore_cli.h"

#ifndef INTERLEAVE_VERSION
#define INTERLEAVE_VERSION "0.0.0"
#endif

namespace interleave::engine {

namespace fs = std::filesystem;

// [SECTION] Exit statuses ---------------------------------------------------------------------------------

namespace {

constexpr int kExitOk = 0, kExitUsage = 1, kExitRunFailed = 2;

int usage_error(const std::string& msg) {
  std::cerr << "interleave: error: " << msg << "\n";
  return kExitUsage;
}
}  // namespace

// [SECTION] Shared helpers: loading with overrides, writing traces, exit statuses ---------------------------

namespace {

// A scenario path as given, or, when it does not exist, relative to the scenarios folder
// ("interleave run dining_philosophers/naive.toml").
fs::path resolve_scenario(const std::string& given) {
  std::error_code ec;
  if (fs::exists(given, ec)) return given;
  if (auto dir = find_scenarios_dir()) {
    fs::path p = *dir / given;
    if (fs::exists(p, ec)) return p;
    p = dir->parent_path() / given;
    if (fs::exists(p, ec)) return p;
  }
  return given;
}

struct RunOptions {
  std::string file;
  std::optional<std::string> seed, procs, policy, max_steps;
  std::vector<std::string> sets;
  std::string trace_out;
  std::string format;
  bool quiet = false;
  bool summary = false;  // Go programs: the summary on stderr, after the program's own output
  bool narrate = false;  // run --narrate: the lesson's notes at their moments

  std::vector<Override> overrides() const {
    std::vector<Override> o;
    if (seed) o.emplace_back("seed=" + *seed, "--seed");
    if (procs) o.emplace_back("procs=" + *procs, "--procs");
    if (policy) o.emplace_back("policy=" + *policy, "--policy");
    if (max_steps) o.emplace_back("max_steps=" + *max_steps, "--max-steps");
    for (std::size_t i = 0; i < sets.size(); ++i) o.emplace_back(sets[i], "--set[" + std::to_string(i + 1) + "]");
    return o;
  }
};

void add_run_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_option("--seed", o.seed, "Seed for the policy and the pattern's random durations (overrides the file)");
  cmd->add_option("--procs", o.procs, "Virtual processors, GOMAXPROCS: 1..64");
  cmd->add_option("--policy", o.policy, "Scheduling policy: fifo, random, pct, manual, replay");
  cmd->add_option("--set", o.sets, "Override a parameter or schedule key: --set producers=3 (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--max-steps", o.max_steps, "Stop the run after this many scheduler steps");
}

std::optional<Scenario> load_or_report(const std::string& file, const std::vector<Override>& overrides) {
  fs::path path = resolve_scenario(file);
  std::error_code ec;
  if (is_program_file(path) && fs::is_regular_file(path, ec)) {
    // A Go program that does not compile is reported the way `go run` reports it.
    ProgramLoad load = load_program_file(path, path.string());
    if (!load.program && !load.errors.empty() && load.errors.front().line > 0) {
      std::cerr << "# command-line-arguments\n";
      for (const ProgramError& e : load.errors) {
        std::cerr << e.file;
        if (e.line > 0) std::cerr << ":" << e.line << ":" << e.column;
        std::cerr << ": " << e.message << "\n";
      }
      return std::nullopt;
    }
  }
  try {
    return load_scenario(path, overrides);
  } catch (const ScenarioError& e) {
    std::cerr << e.what();
    return std::nullopt;
  }
}

int exit_status(Outcome o) { return o == Outcome::Completed ? kExitOk : kExitRunFailed; }

// "philosophers/naive (seed 3, random, 2 processors)"; after picks by hand in the GUI the seed did not decide:
// "philosophers/naive (scheduled by hand: 4 picks, 2 processors)".
std::string run_title(const RunConfig& c, std::uint32_t hand_picks = 0) {
  std::string who = hand_picks
                        ? "scheduled by hand: " + std::to_string(hand_picks) + (hand_picks == 1 ? " pick" : " picks")
                        : "seed " + std::to_string(c.seed) + ", " + c.policy;
  return (c.program ? c.program->name() : c.pattern + "/" + c.variant) + " (" + who + ", " + std::to_string(c.procs) +
         (c.procs == 1 ? " processor)" : " processors)");
}

// Writes the trace of a finished session (or of a loaded recording, when `session` is null).
bool write_trace(const std::string& path, ExportFormat f, const TraceRecorder& trace, const Session* session,
                 const std::string& title, const std::string& scenario_path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "interleave: error: cannot write '" << path << "'\n";
    return false;
  }
  switch (f) {
    case ExportFormat::Perfetto: write_perfetto(out, trace, title); break;
    case ExportFormat::Csv: write_csv(out, trace); break;
    case ExportFormat::Native:
      if (!session) {
        std::cerr << "interleave: error: a native recording is already native; copy the file instead\n";
        return false;
      }
      write_native(out, *session, scenario_path);
      break;
  }
  out.close();
  if (!out) {
    std::cerr << "interleave: error: writing '" << path << "' failed\n";
    return false;
  }
  return true;
}

std::optional<ExportFormat> format_for(const std::string& format, const std::string& path) {
  if (!format.empty()) return parse_export_format(format);
  std::string ext = fs::path(path).extension().string();
  if (ext == ".csv") return ExportFormat::Csv;
  if (ext == ".native") return ExportFormat::Native;
  return ExportFormat::Perfetto;
}

std::string format_error(const std::string& format) {
  return unknown_value_message("format", format, {"perfetto", "csv", "native"});
}

// Runs a loaded scenario headless. Manual needs someone to choose: headless, it takes the first option.
std::unique_ptr<Session> start(const Scenario& sc, std::string* error) {
  RunConfig cfg = sc.run;
  if (cfg.policy == "manual") {
    std::cerr << "interleave: note: policy 'manual' needs the GUI; headless, every choice takes the first option\n";
    cfg.policy = "fifo";
  }
  try {
    auto s = std::make_unique<Session>(cfg);
    s->run();
    return s;
  } catch (const std::exception& e) {
    *error = e.what();
    return nullptr;
  }
}

// A Go program's run ends like `go run`: its own output on stdout and stderr, in the order it wrote them,
// Go's panic or fatal-error text, and Go's exit status. Interleave's own words go to stderr only when asked
// (--summary) or when the run did not end the way a Go program can (a step or time limit).
int finish_go_run(const RunOptions& o, const Scenario& sc, Session& s) {
  if (!o.quiet) {
    for (const OutputWrite& w : s.output()) {
      std::ostream& out = w.to_stderr ? std::cerr : std::cout;
      out << w.text;
      out.flush();
    }
  }
  Outcome outcome = s.scheduler().outcome();
  int status = s.program_run().exit_status();
  if (outcome == Outcome::StepLimit || outcome == Outcome::TimeLimit) {
    std::cerr << "interleave: " << s.scheduler().outcome_message()
              << " (the program never finished: raise [limits] in a scenario, or --max-steps)\n";
    status = kExitRunFailed;
  }
  if (o.summary) {
    RunSummary sum = summarize(s);
    std::cerr << format_summary(sum);
  }
  if (!o.trace_out.empty()) {
    auto fmt = format_for(o.format, o.trace_out);
    if (!write_trace(o.trace_out, *fmt, s.trace(), &s, run_title(s.config()), sc.path)) return kExitUsage;
  }
  if (status < 0) status = exit_status(outcome);
  return status;
}

// [SECTION] The commands ----------------------------------------------------------------------------------

// A recording given to a command that wants a scenario: say which commands open it.
std::optional<int> refuse_recording(const std::string& file, const char* command) {
  if (fs::path(file).extension() != ".native") return std::nullopt;
  return usage_error("'" + file + "' is a recording, not a scenario: `interleave " + command +
                     "` runs a scenario file (.toml); re-run the recording with `interleave replay " + file +
                     "` or open it with `interleave gui " + file + "`");
}

int cmd_run(const RunOptions& o) {
  if (auto refused = refuse_recording(o.file, "run")) return *refused;
  if (!o.format.empty() && o.trace_out.empty())
    return usage_error("--format " + o.format + " says how to write the trace, but there is no --trace-out FILE");
  auto fmt = format_for(o.format, o.trace_out);
  if (!fmt) return usage_error(format_error(o.format));
  auto sc = load_or_report(o.file, o.overrides());
  if (!sc) return kExitUsage;
  std::string err;
  auto s = start(*sc, &err);
  if (!s) return usage_error(sc->path + ": " + err);
  if (s->program().kind() == "go") return finish_go_run(o, *sc, *s);
  if (!o.quiet) {
    RunSummary sum = summarize(*s);
    sum.title = sc->name.empty() ? sum.title : sum.title + "  — " + sc->name;
    std::cout << format_summary(sum);
  }
  if (o.narrate && !o.quiet) {
    // The notes at their moments, as the GUI's banner shows them (notes after the end of the run never show).
    TraceModel model(&s->trace());
    model.update();
    NoteTimeline notes(&sc->lesson);
    notes.update(model);
    std::cout << "\nnarration:\n";
    std::size_t shown = 0;
    for (const NoteMoment& m : notes.moments()) {
      if (m.time > model.end_time()) continue;
      const NarrationNote& n = sc->lesson.notes[m.note];
      char when[32];
      std::snprintf(when, sizeof when, "%12s", format_time(m.time).c_str());
      std::cout << "  " << when << "  [" << note_trigger(n) << "]" << (n.pause ? " (pause)" : "") << " " << n.text
                << "\n";
      ++shown;
    }
    if (shown == 0) std::cout << "  (no note of this scenario happens in this run)\n";
  }
  if (!o.trace_out.empty()) {
    if (!write_trace(o.trace_out, *fmt, s->trace(), s.get(), run_title(s->config()), sc->path)) return kExitUsage;
    if (!o.quiet) std::cout << "\ntrace written to " << o.trace_out << "\n";
  }
  return exit_status(s->scheduler().outcome());
}

struct CheckCmd {
  std::vector<std::string> paths;
  int jobs = 1;
  std::string save_failures, junit, json;
};

int cmd_check(const CheckCmd& c) {
  // The same lookup as `run`: a path that does not exist here is looked for in the scenarios folder.
  std::vector<std::string> resolved;
  for (const auto& p : c.paths) resolved.push_back(resolve_scenario(p).string());
  auto files = collect_scenarios(resolved);
  if (files.empty()) return usage_error("no scenario files (*.toml) found in " + join(c.paths));
  int jobs = std::clamp<int>(c.jobs, 1, static_cast<int>(files.size()));
  CheckOptions opt;
  opt.save_failures = c.save_failures;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<CheckResult> results(files.size());
  std::vector<char> done(files.size(), 0);
  std::atomic<std::size_t> next{0};
  std::mutex mu;
  std::size_t printed = 0;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      CheckResult r = check_file(files[i], opt);
      std::lock_guard<std::mutex> lock(mu);
      results[i] = std::move(r);
      done[i] = 1;
      // Print in input order, as soon as every earlier scenario is done.
      while (printed < files.size() && done[printed]) {
        const CheckResult& p = results[printed];
        char ms[32];
        std::snprintf(ms, sizeof ms, " [%.0f ms]", p.millis);
        std::cout << p.line << (p.error ? "" : ms) << "\n";
        for (const auto& d : p.details) std::cout << "    " << d << "\n";
        std::cout << std::flush;
        ++printed;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  std::size_t passed = 0, errors = 0;
  for (const auto& r : results) {
    if (r.passed) ++passed;
    if (r.error) ++errors;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "checked %zu scenario%s in %.2f s with %d job%s\n", files.size(), files.size() == 1 ? "" : "s",
               secs, jobs, jobs == 1 ? "" : "s");
  bool wrote_ok = true;
  auto report = [&](const std::string& path, auto write) {
    if (path.empty()) return;
    std::ofstream out(path, std::ios::binary);
    if (out) write(out);
    out.close();
    if (!out) {
      std::cerr << "interleave: error: cannot write '" << path << "'\n";
      wrote_ok = false;
    }
  };
  report(c.junit, [&](std::ostream& o) { write_check_junit(o, results, secs); });
  report(c.json, [&](std::ostream& o) { write_check_json(o, results, secs); });
  std::cout << passed << " passed, " << files.size() - passed << " failed";
  if (errors) std::cout << " (" << errors << (errors == 1 ? " error" : " errors") << ")";
  std::cout << "\n";
  if (errors || !wrote_ok) return kExitUsage;
  return passed == files.size() ? kExitOk : kExitRunFailed;
}

// What a bound can name in a variant: its declared metrics (with units), and the objects and goroutine roles
// of a run with the default parameters (fifo, seed 1).
struct BoundNames {
  std::vector<const patterns::MetricSpec*> metrics;
  std::vector<std::string> objects, roles;
};

BoundNames bound_names(const patterns::Pattern& p, const patterns::Variant& v) {
  BoundNames n;
  n.metrics = p.metrics_of(v.name);
  try {
    RunConfig cfg;
    cfg.pattern = p.name;
    cfg.variant = v.name;
    cfg.spurious_wakeups = v.needs_spurious_wakeups;
    cfg.max_steps = 200'000;
    Session s(cfg);
    s.run();
    auto add = [](std::vector<std::string>& list, const std::string& x) {
      if (!x.empty() && std::find(list.begin(), list.end(), x) == list.end()) list.push_back(x);
    };
    const auto& objs = s.trace().objects();
    for (std::size_t o = 1; o < objs.size(); ++o) add(n.objects, objs[o].name);
    const auto& gs = s.trace().goroutines();
    for (std::size_t g = 1; g < gs.size(); ++g) add(n.roles, role_of(gs[g].name));
  } catch (const std::exception&) {
    // A variant that cannot run with its defaults lists no objects.
  }
  return n;
}

std::string param_type_name(patterns::ParamType t) {
  switch (t) {
    case patterns::ParamType::Int: return "int";
    case patterns::ParamType::Bool: return "bool";
    case patterns::ParamType::Duration: return "duration";
    case patterns::ParamType::Choice: return "choice";
  }
  return "?";
}

void write_param_json(std::ostream& out, const patterns::ParamSpec& p) {
  write_json_string(out, p.name);
  out << ":{\"type\":\"" << param_type_name(p.type) << "\",\"default\":";
  if (auto* i = std::get_if<std::int64_t>(&p.default_value))
    out << *i;
  else if (auto* b = std::get_if<bool>(&p.default_value))
    out << (*b ? "true" : "false");
  else
    write_json_string(out, param_value_text(p.default_value));
  if (p.type == patterns::ParamType::Int) out << ",\"min\":" << p.min << ",\"max\":" << p.max;
  if (p.type == patterns::ParamType::Duration) {
    out << ",\"min\":";
    write_json_string(out, patterns::format_duration(p.min));
    out << ",\"max\":";
    write_json_string(out, patterns::format_duration(p.max));
  }
  if (p.type == patterns::ParamType::Choice) {
    out << ",\"choices\":[";
    for (std::size_t i = 0; i < p.choices.size(); ++i) {
      if (i) out << ",";
      write_json_string(out, p.choices[i]);
    }
    out << "]";
  }
  out << ",\"unit\":";
  write_json_string(out, p.unit);
  out << ",\"help\":";
  write_json_string(out, p.help);
  out << "}";
}

void write_names_json(std::ostream& out, const std::vector<std::string>& names) {
  out << "[";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out << ",";
    write_json_string(out, names[i]);
  }
  out << "]";
}

int cmd_list(bool json) {
  const auto& reg = patterns::registry();
  if (json) {
    std::ostream& out = std::cout;
    out << "[";
    bool first = true;
    for (const auto& p : reg)
      for (const auto& v : p.variants) {
        BoundNames names = bound_names(p, v);
        out << (first ? "\n" : ",\n") << "{\"pattern\":";
        first = false;
        write_json_string(out, p.name);
        out << ",\"variant\":";
        write_json_string(out, v.name);
        out << ",\"title\":";
        write_json_string(out, v.title);
        out << ",\"pattern_title\":";
        write_json_string(out, p.title);
        out << ",\"bug\":";
        write_json_string(out, std::string(patterns::to_string(v.bug)));
        out << ",\"lesson\":";
        write_json_string(out, v.lesson);
        out << ",\"pattern_lesson\":";
        write_json_string(out, p.lesson);
        out << ",\"starvation_role\":";
        write_json_string(out, v.starvation_role);
        out << ",\"starvation_threshold\":";
        write_json_string(out, v.starvation_threshold ? patterns::format_duration(v.starvation_threshold) : "");
        out << ",\"needs_spurious_wakeups\":" << (v.needs_spurious_wakeups ? "true" : "false");
        out << ",\"invariants\":[";
        for (std::size_t i = 0; i < p.invariants.size(); ++i) {
          if (i) out << ",";
          write_json_string(out, p.invariants[i].name);
        }
        out << "],\"metrics\":[";
        for (std::size_t i = 0; i < names.metrics.size(); ++i) {
          out << (i ? "," : "") << "{\"name\":";
          write_json_string(out, names.metrics[i]->name);
          out << ",\"unit\":";
          write_json_string(out, names.metrics[i]->unit);
          out << "}";
        }
        out << "],\"objects\":";
        write_names_json(out, names.objects);
        out << ",\"roles\":";
        write_names_json(out, names.roles);
        out << ",\"params\":{";
        for (std::size_t i = 0; i < p.params.size(); ++i) {
          if (i) out << ",";
          write_param_json(out, p.params[i]);
        }
        out << "}}";
      }
    out << "\n]\n";
    return kExitOk;
  }
  for (const auto& p : reg) {
    std::cout << p.name << " — " << p.title << "\n";
    std::cout << "  variants:\n";
    for (const auto& v : p.variants) {
      std::cout << "    " << v.name
                << (v.bug == patterns::Bug::None ? "" : " [bug: " + std::string(patterns::to_string(v.bug)) + "]")
                << " — " << v.title << "\n";
      BoundNames names = bound_names(p, v);
      std::vector<std::string> metrics;
      for (const auto* m : names.metrics) metrics.push_back(m->name + (m->unit.empty() ? "" : " (" + m->unit + ")"));
      std::cout << "      metrics: " << (metrics.empty() ? std::string("none") : join(metrics, ", ")) << "\n";
      std::cout << "      objects: " << (names.objects.empty() ? std::string("none") : join(names.objects, ", "))
                << "\n";
      std::cout << "      roles:   " << (names.roles.empty() ? std::string("none") : join(names.roles, ", ")) << "\n";
    }
    std::cout << "  params:\n";
    for (const auto& s : p.params) {
      std::cout << "    " << s.name << " = " << param_value_text(s.default_value);
      if (s.type == patterns::ParamType::Int)
        std::cout << "  (" << s.min << ".." << s.max << (s.unit.empty() ? "" : " " + s.unit) << ")";
      if (s.type == patterns::ParamType::Choice) std::cout << "  (" << join(s.choices, " | ") << ")";
      if (!s.help.empty()) std::cout << "  — " << s.help;
      std::cout << "\n";
    }
    if (!p.invariants.empty()) {
      std::cout << "  invariants:\n";
      for (const auto& i : p.invariants) std::cout << "    " << i.name << " — " << i.description << "\n";
    }
    std::cout << "\n";
  }
  std::cout << "a bound names a metric (\"meals == 0\"), max_depth(OBJECT), mean_depth(OBJECT), max_waiters(OBJECT),\n"
               "max_wait(ROLE), total_wait(ROLE), virtual_time, events, steps or goroutines (scenarios/README.md)\n\n";
  if (auto dir = find_scenarios_dir()) {
    auto files = collect_scenarios({dir->string()});
    std::cout << "scenarios in " << dir->string() << " (" << files.size() << "):\n";
    for (const auto& f : files) std::cout << "  " << fs::relative(f, *dir).string() << "\n";
  } else {
    std::cout << "no scenarios folder found\n";
  }
  return kExitOk;
}

int cmd_export(const RunOptions& o) {
  if (o.trace_out.empty()) return usage_error("export needs --out PATH");
  auto fmt = format_for(o.format, o.trace_out);
  if (!fmt) return usage_error(format_error(o.format));
  if (fs::path(o.file).extension() == ".native") {
    if (!o.overrides().empty()) return usage_error("a native recording is exported as recorded; drop --seed/--set");
    std::string err;
    auto run = load_native(o.file, &err);
    if (!run) return usage_error(o.file + ": " + err);
    if (!write_trace(o.trace_out, *fmt, run->trace, nullptr, run_title(run->config), run->scenario_path))
      return kExitUsage;
    return kExitOk;
  }
  auto sc = load_or_report(o.file, o.overrides());
  if (!sc) return kExitUsage;
  std::string err;
  auto s = start(*sc, &err);
  if (!s) return usage_error(sc->path + ": " + err);
  if (!write_trace(o.trace_out, *fmt, s->trace(), s.get(), run_title(s->config()), sc->path)) return kExitUsage;
  std::cout << "exported " << s->trace().size() << " events (" << to_string(s->scheduler().outcome()) << ") to "
            << o.trace_out << "\n";
  return kExitOk;
}

int cmd_replay(const std::string& file, bool quiet) {
  if (fs::path(file).extension() == ".toml")
    return usage_error("'" + file + "' is a scenario, not a recording: run it with `interleave run " + file +
                       "` (a run written with --trace-out FILE.native can be replayed)");
  std::string err;
  auto rec = load_native(file, &err);
  if (!rec) return usage_error(file + ": " + err);
  std::unique_ptr<Session> s;
  try {
    s = std::make_unique<Session>(rec->replay_config());
    s->run();
  } catch (const std::exception& e) {
    return usage_error(file + ": cannot replay: " + e.what());
  }
  if (!quiet) std::cout << format_summary(summarize(*s)) << "\n";
  std::string why;
  auto* rp = dynamic_cast<ReplayPolicy*>(&s->scheduler().policy());
  if (s->scheduler().outcome() == Outcome::ReplayDivergence)
    why = s->scheduler().outcome_message();
  else if (rp && rp->used() != rp->total())
    why = "the run ended after " + std::to_string(rp->used()) + " of the " + std::to_string(rp->total()) +
          " recorded decisions";
  else if (s->scheduler().outcome() != rec->outcome)
    why = "the recording ended in " + std::string(to_string(rec->outcome)) + ", the replay in " +
          std::string(to_string(s->scheduler().outcome()));
  else if (s->trace().hash() != rec->hash)
    why = "the events differ from the recording (trace hash mismatch)";
  if (!why.empty()) {
    std::cout << "replay DIVERGED: " << why << "\n";
    return kExitRunFailed;
  }
  std::cout << "replay identical: " << s->trace().size() << " events, " << s->trace().decisions().size()
            << " decisions, outcome " << to_string(s->scheduler().outcome()) << " ("
            << (rec->hand_picks ? run_title(rec->config, rec->hand_picks) : run_title(rec->config)) << ")\n";
  return kExitOk;
}

int default_action() {
  auto dir = find_scenarios_dir();
  if (!dir)
    return usage_error(
        "no scenarios folder found (looked in ./scenarios, next to the program, and in the source tree)");
  fs::path scenario = *dir / kDefaultScenario;
  if (gui_available()) {
    GuiRequest req;
    req.scenario_path = scenario.string();
    return gui_main(req);
  }
  std::cerr << "interleave: no display (or no GUI in this build): running " << scenario.string()
            << " headless; `interleave --help` lists the commands\n\n";
  RunOptions o;
  o.file = scenario.string();
  return cmd_run(o);
}

bool parse_size(const std::string& s, int& w, int& h) {
  auto x = s.find_first_of("xX");
  if (x == std::string::npos) return false;
  try {
    std::size_t a = 0, b = 0;
    w = std::stoi(s.substr(0, x), &a);
    h = std::stoi(s.substr(x + 1), &b);
    return a == x && b == s.size() - x - 1 && w >= 64 && h >= 64 && w <= 16384 && h <= 16384;
  } catch (...) {
    return false;
  }
}

}  // namespace

// [SECTION] cli_main: the command line itself (CLI11) -------------------------------------------------------

int cli_main(int argc, char** argv) {
  CLI::App app{
      "Interleave: watch goroutines, channels and locks interleave, one virtual nanosecond at a time.\n"
      "With no command: opens the GUI on the default scenario, or runs it headless without a display.",
      "interleave"};
  app.set_version_flag("--version", std::string("interleave ") + INTERLEAVE_VERSION);
  app.require_subcommand(0, 1);

  RunOptions run_opts;
  auto* run = app.add_subcommand("run",
                                 "Run a scenario headless and print a summary (exit 0 completed, 2 "
                                 "deadlock/panic/invariant violation, 1 usage or file error)");
  run->add_option("file", run_opts.file, "Scenario file (.toml) or Go program (.go)")->required();
  add_run_options(run, run_opts);
  run->add_option("--trace-out", run_opts.trace_out, "Write the trace here");
  run->add_option("--format", run_opts.format,
                  "Trace format: perfetto, csv, native (default: from the extension, else perfetto)");
  run->add_flag("-q,--quiet", run_opts.quiet, "Print nothing but errors");
  run->add_flag("--summary", run_opts.summary, "Go programs: also print Interleave's summary, on stderr");
  run->add_flag("--narrate", run_opts.narrate, "Print the lesson's notes at their moments in the run");

  CheckCmd check_cmd;
  check_cmd.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto* check = app.add_subcommand(
      "check",
      "Run scenarios against their expectations; prints one line each (and, for a failure, every failing "
      "expectation and the command that reproduces it), then 'N passed, N failed' (exit 0 all passed, 2 some "
      "failed, 1 a file could not be read or loaded)");
  check->add_option("paths", check_cmd.paths, "Scenario files or directories (searched recursively for *.toml)")
      ->required();
  check->add_option("-j,--jobs", check_cmd.jobs, "Scenarios to run in parallel")->capture_default_str();
  check->add_option("--save-failures", check_cmd.save_failures,
                    "Write each failing run as DIR/<name>-seed<N>.native (open it with replay or gui)");
  check->add_option("--junit", check_cmd.junit, "Write a JUnit XML report here (one testcase per scenario)");
  check->add_option("--json", check_cmd.json, "Write the same report as JSON here");

  bool list_json = false;
  auto* list = app.add_subcommand("list", "List patterns, variants, parameters with defaults, and the scenarios found");
  list->add_flag("--json", list_json, "As a JSON array of variants, each with its pattern, variant and params");

  RunOptions export_opts;
  auto* exp = app.add_subcommand("export", "Run a scenario (or read a .native recording) and write its trace");
  exp->add_option("file", export_opts.file, "Scenario file (.toml) or recording (.native)")->required();
  add_run_options(exp, export_opts);
  exp->add_option("--format", export_opts.format, "perfetto, csv or native (default: from the extension)");
  exp->add_option("-o,--out", export_opts.trace_out, "Output file")->required();

  std::string replay_file;
  bool replay_quiet = false;
  auto* replay = app.add_subcommand(
      "replay", "Re-run a recorded run (.native) exactly and say whether it diverged (exit 0 identical, 2 diverged)");
  replay->add_option("file", replay_file, "A recording written with --format native")->required();
  replay->add_flag("-q,--quiet", replay_quiet, "Only the verdict");

  auto explore = explorer::add_explore_command(app);
  explorer::install_check_support();

  GuiRequest gui_req;
  std::optional<std::uint64_t> gui_steps;
  std::optional<std::string> gui_at, gui_size, gui_shot;
  std::optional<int> gui_bench;
  auto* gui = app.add_subcommand("gui", "Open a scenario in the GUI");
  gui->add_option("file", gui_req.scenario_path, "Scenario file (.toml) or recording (.native)")->required();
  gui->add_option("--screenshot", gui_shot, "Render, write this PNG and exit");
  auto* steps_opt = gui->add_option("--steps", gui_steps, "Run this many scheduler steps first");
  gui->add_option("--at", gui_at, "Run to this virtual time first (e.g. 20ms)")->excludes(steps_opt);
  gui->add_option("--size", gui_size, "Window size WxH (default 1600x900)");
  gui->add_option("--bench-frames", gui_bench, "Render N frames and print the p50/p95 frame time");
  gui->add_flag("--presenter", gui_req.presenter, "Large fonts and high contrast, for a projector");
  gui->add_flag("--fullscreen", gui_req.fullscreen, "Fullscreen");
  std::optional<std::string> gui_speed, gui_play_for, gui_record, gui_actions;
  gui->add_option("--speed", gui_speed, "Playback speed: virtual time per second, 1us/s..1s/s (like 5ms/s)");
  gui->add_option("--play-for", gui_play_for,
                  "Play for this much wall-clock time (like 2s), print 'virtual time: X', save --screenshot, exit");
  gui->add_option("--record", gui_record, "Render the run as an animated GIF (at --speed, --size) and exit");
  gui->add_option("--actions", gui_actions,
                  "Scripted commands between frames, comma-separated (tests): step, back, end, rewind:N, "
                  "cursor:TIME, click:NAME, next-note, prev-note, play:TIME, save-replay:PATH, open-dialog:FOLDER, "
                  "save-dialog:FOLDER, export-dialog:FOLDER, dialog:ENTRY, dialog-name:NAME, tab:NAME, "
                  "select:GOROUTINE, edit:FILE, editor-run, editor-save");
  gui->add_flag("--report", gui_req.report, "Print what the last frame showed (status, note, lanes, markers)");
  auto* cmp_opt = gui->add_option("--compare", gui_req.compare,
                                  "Show a second scenario's run under this one, on one time axis (e.g. the correct "
                                  "variant under the broken one); where they first differ is marked");
  std::optional<std::string> gui_compare_seed;  // checked below: CLI11 would wrap a negative or huge number
  gui->add_option("--compare-seed", gui_compare_seed, "Show this scenario run with another seed under it")
      ->excludes(cmp_opt);

  std::string help_topic;
  auto* help = app.add_subcommand("help", "Show the commands, or one command's options: interleave help run");
  help->add_option("command", help_topic, "A command");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    if (*help) {
      if (help_topic.empty()) {
        std::cout << app.get_formatter()->make_help(&app, "interleave", CLI::AppFormatMode::Normal);
        return kExitOk;
      }
      for (const CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() == help_topic) {
          std::cout << sub->get_formatter()->make_help(sub, "interleave " + sub->get_name(),
                                                       CLI::AppFormatMode::Normal);
          return kExitOk;
        }
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
      return usage_error(unknown_value_message("command", help_topic, names));
    }
    if (*run) return cmd_run(run_opts);
    if (*check) return cmd_check(check_cmd);
    if (*list) return cmd_list(list_json);
    if (*exp) return cmd_export(export_opts);
    if (*replay) return cmd_replay(replay_file, replay_quiet);
    if (explore->parsed()) return explore->run();
    if (*gui) {
      if (gui_size && !parse_size(*gui_size, gui_req.width, gui_req.height))
        return usage_error("--size must be WxH, each 64..16384 (like 1600x900), got '" + *gui_size + "'");
      if (gui_at && !patterns::parse_duration(*gui_at))
        return usage_error("--at needs a virtual time with a unit (like 20ms), got '" + *gui_at + "'");
      if (gui_bench && *gui_bench < 1) return usage_error("--bench-frames must be at least 1");
      gui_req.scenario_path = resolve_scenario(gui_req.scenario_path).string();
      gui_req.screenshot = gui_shot;
      gui_req.steps = gui_steps;
      gui_req.at = gui_at;
      gui_req.bench_frames = gui_bench;
      if (gui_speed) {
        std::string text = *gui_speed;
        auto slash = text.rfind("/s");
        auto d = slash != std::string::npos && slash + 2 == text.size()
                     ? patterns::parse_duration(std::string_view(text).substr(0, slash))
                     : std::nullopt;
        if (!d || *d < 1000 || *d > 1'000'000'000)
          return usage_error("--speed needs virtual time per second from 1us/s to 1s/s (like 5ms/s), got '" + text +
                             "'");
        gui_req.speed = static_cast<double>(*d);
      }
      if (gui_play_for) {
        auto d = patterns::parse_duration(*gui_play_for);
        if (!d || *d <= 0 || *d > 3600LL * 1'000'000'000)
          return usage_error("--play-for needs a wall-clock time with a unit (like 2s), got '" + *gui_play_for + "'");
        gui_req.play_for = static_cast<double>(*d) / 1e9;
      }
      if (gui_compare_seed) {
        const std::string& t = *gui_compare_seed;
        std::int64_t v = -1;
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size() || v < 0)
          return usage_error("--compare-seed must be between 0 and 9223372036854775807, got '" + t + "'");
        gui_req.compare_seed = static_cast<std::uint64_t>(v);
      }
      if (gui_record) {
        if (!gui_record->ends_with(".gif"))
          return usage_error("--record writes a .gif file, got '" + *gui_record + "'");
        gui_req.record = gui_record;
      }
      if (gui_actions) {
        std::string a = *gui_actions;
        for (std::size_t start = 0; start <= a.size();) {
          auto comma = a.find(',', start);
          if (comma == std::string::npos) comma = a.size();
          if (comma > start) gui_req.actions.push_back(a.substr(start, comma - start));
          start = comma + 1;
        }
      }
      return gui_main(gui_req);
    }
    return default_action();
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
}

}  // namespace interleave::engine
