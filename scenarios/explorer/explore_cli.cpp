// explore_cli.cpp — `interleave explore FILE` and `interleave explore --merge a.json b.json ...`.
#include "scenarios/explorer/explore_cli.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "scenarios/engine/paths.h"
#include "scenarios/engine/scenario.h"
#include "scenarios/explorer/explorer.h"
#include "scenarios/explorer/report.h"

namespace interleave::explorer {

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0, kExitUsage = 1, kExitBug = 2;

int usage_error(const std::string& msg) {
  std::cerr << "interleave explore: error: " << msg << "\n";
  return kExitUsage;
}

fs::path resolve(const std::string& given) {
  std::error_code ec;
  if (fs::exists(given, ec)) return given;
  if (auto dir = engine::find_scenarios_dir()) {
    if (fs::exists(*dir / given, ec)) return *dir / given;
    if (fs::exists(dir->parent_path() / given, ec)) return dir->parent_path() / given;
  }
  return given;
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "interleave explore: error: cannot write '" << path << "'\n";
    return false;
  }
  return true;
}

class Command final : public ExploreCommand {
 public:
  explicit Command(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "explore",
        "Run a scenario under many schedules: find the interleaving that breaks it, or show there is none within a "
        "bound (exit 0 no bug, 2 bug found, 1 usage error)");
    cmd_->add_option("file", file_, "Scenario file (.toml)");
    cmd_->add_option(
            "--strategy", o_.strategy,
            "dpor (default: exhaustive, partial-order reduced), dfs (exhaustive, preemption-bounded), random, pct")
        ->capture_default_str();
    cmd_->add_option("--preemptions", o_.preemptions, "dfs: explore schedules with up to K preemptions, fewest first")
        ->capture_default_str();
    cmd_->add_option("--seed", o_.seed, "random, pct: the exploration's seed")->capture_default_str();
    cmd_->add_option("--depth", o_.depth, "pct: the bug depth d")->capture_default_str();
    cmd_->add_option("--max-schedules", o_.max_schedules,
                     "Stop after this many schedules (default: dpor and dfs none, random and pct 1000)");
    cmd_->add_option("--max-time", max_time_, "Stop after this much wall-clock time (e.g. 30s, 2m): not reproducible");
    cmd_->add_option("--max-steps", max_steps_, "Per-run step limit (default: the scenario's)");
    cmd_->add_option("--set", sets_, "Override a parameter or schedule key, as for run (repeatable)");
    o_.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    cmd_->add_option("-j,--jobs", o_.jobs, "Worker threads (the result does not depend on it)")->capture_default_str();
    cmd_->add_option("--shard", shard_, "Explore shard i of n (i/n, 1-based), then combine with --merge");
    cmd_->add_option("--json", json_, "Write the result as JSON here");
    cmd_->add_option("--save", save_, "Where to save the bug's recording (default: <scenario>.bug.native)");
    cmd_->add_flag("--stop-on-bug", o_.stop_on_bug, "Stop at the first bug");
    cmd_->add_option("--schedule", schedule_,
                     "Do not explore: run this one schedule (a 'replay' string from --json) and save it with --save");
    cmd_->add_option("--merge", merge_, "Combine the JSON results of shards into one verdict")->expected(1, -1);
    cmd_->add_flag("-q,--quiet", quiet_, "Only the verdict line");
  }
  bool parsed() const override { return cmd_->parsed(); }
  int run() override {
    if (!merge_.empty()) return run_merge();
    if (file_.empty()) return usage_error("needs a scenario file (or --merge a.json b.json ...)");
    if (!parse_shard()) return usage_error("--shard must be i/n with 1 <= i <= n, like 2/8; got '" + shard_ + "'");
    if (!max_time_.empty()) {
      auto d = patterns::parse_duration(max_time_);
      if (!d || *d <= 0)
        return usage_error("--max-time needs a duration with a unit (like 30s), got '" + max_time_ + "'");
      o_.max_seconds = static_cast<double>(*d) / 1e9;
    }
    std::vector<engine::Override> ov;
    if (max_steps_) ov.emplace_back("max_steps=" + *max_steps_, "--max-steps");
    for (std::size_t i = 0; i < sets_.size(); ++i) ov.emplace_back(sets_[i], "--set[" + std::to_string(i + 1) + "]");
    std::optional<engine::Scenario> sc;
    try {
      sc = engine::load_scenario(resolve(file_), ov);
    } catch (const engine::ScenarioError& e) {
      std::cerr << e.what();
      return kExitUsage;
    }
    try {
      if (!schedule_.empty()) return run_schedule(*sc);
      return run_explore(*sc);
    } catch (const std::invalid_argument& e) {
      return usage_error(sc->path + ": " + e.what());
    }
  }

 private:
  bool parse_shard() {
    if (shard_.empty()) return true;
    auto slash = shard_.find('/');
    if (slash == std::string::npos) return false;
    try {
      std::size_t a = 0, b = 0;
      int i = std::stoi(shard_.substr(0, slash), &a), n = std::stoi(shard_.substr(slash + 1), &b);
      if (a != slash || b != shard_.size() - slash - 1 || n < 1 || i < 1 || i > n) return false;
      o_.shard = i - 1;
      o_.shards = n;
      return true;
    } catch (...) {
      return false;
    }
  }

  std::string save_path(const engine::Scenario& sc) const {
    return save_.empty() ? fs::path(sc.path).stem().string() + ".bug.native" : save_;
  }

  int run_schedule(const engine::Scenario& sc) {
    std::string err;
    auto d = parse_schedule_text(schedule_, &err);
    if (!d) return usage_error("--schedule: " + err);
    Runner r(sc.run);
    Schedule s = r.run(prefix_of(*d));
    BugReport rep = bug_report(sc.run, s.decisions, s.preempted, sc.path);
    std::string path = save_.empty() ? fs::path(sc.path).stem().string() + ".schedule.native" : save_;
    if (!write_file(path, rep.native)) return kExitUsage;
    std::cout << "ran the schedule (" << s.preemptions << " preemptions, " << s.steps
              << " steps): " << outcome_key(s.outcome, s.message) << "\nsaved as " << path << " (interleave replay "
              << path << ")\n";
    return is_bug(s.outcome) ? kExitBug : kExitOk;
  }

  int run_explore(const engine::Scenario& sc) {
    auto last = std::chrono::steady_clock::now();
    if (!quiet_)
      o_.progress = [&](std::uint64_t n, double secs) {
        auto now = std::chrono::steady_clock::now();
        if (now - last < std::chrono::seconds(2)) return;
        last = now;
        std::fprintf(stderr, "  ... %llu schedules, %.0f/s\n", static_cast<unsigned long long>(n),
                     secs > 0 ? static_cast<double>(n) / secs : 0.0);
      };
    Result r = explore(sc.run, o_);
    std::optional<BugReport> rep;
    if (r.bug) {
      // Shrink it (fewest preemptions, then fewest steps), then show it and save it.
      std::string err;
      auto d = parse_schedule_text(r.bug->replay, &err);
      Runner runner(sc.run);
      Schedule s = runner.run(prefix_of(*d));
      if (is_bug(s.outcome)) s = shrink(runner, s);
      r.bug->preemptions = s.preemptions;
      r.bug->steps = s.steps;
      r.bug->replay = schedule_text(s.decisions);
      r.bug->message = s.message;
      rep = bug_report(sc.run, s.decisions, s.preempted, sc.path);
    }
    std::cout << verdict_line(r) << "\n";
    if (!quiet_) {
      bool printed = false;
      for (const auto& o : r.outputs)
        if (!o.text.empty() && r.outputs.size() <= 20) {
          if (!printed) std::cout << "\ndistinct outputs:\n";
          printed = true;
          std::cout << "  x" << o.count << ": " << o.text << (o.text.back() == '\n' ? "" : "\n");
        }
    }
    if (rep) {
      std::string path = save_path(sc);
      if (!write_file(path, rep->native)) return kExitUsage;
      if (!quiet_)
        std::cout << "\n"
                  << rep->text << "\nthe bug's schedule is saved as " << path << ": interleave replay " << path
                  << " reproduces it; interleave gui " << path << " shows it\n";
    }
    if (!json_.empty() && !write_file(json_, to_json(r))) return kExitUsage;
    return r.bug ? kExitBug : kExitOk;
  }

  int run_merge() {
    if (!file_.empty()) merge_.insert(merge_.begin(), file_);
    std::vector<Result> parts;
    for (const auto& p : merge_) {
      std::ifstream in(p, std::ios::binary);
      if (!in) return usage_error("cannot read '" + p + "'");
      std::stringstream ss;
      ss << in.rdbuf();
      std::string err;
      auto r = from_json(ss.str(), &err);
      if (!r) return usage_error(p + ": " + err);
      parts.push_back(std::move(*r));
    }
    Result m = merge(parts);
    std::cout << verdict_line(m) << "\n";
    if (m.bug && !quiet_)
      std::cout << "the bug's schedule: interleave explore FILE --schedule '" << m.bug->replay.substr(0, 4000)
                << "' --save bug.native\n";
    if (!json_.empty() && !write_file(json_, to_json(m))) return kExitUsage;
    return m.bug ? kExitBug : kExitOk;
  }

  CLI::App* cmd_ = nullptr;
  Options o_;
  std::string file_, max_time_, shard_, json_, save_, schedule_;
  std::optional<std::string> max_steps_;
  std::vector<std::string> sets_, merge_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<ExploreCommand> add_explore_command(CLI::App& app) { return std::make_unique<Command>(app); }

}  // namespace interleave::explorer
