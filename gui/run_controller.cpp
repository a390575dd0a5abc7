// run_controller.cpp — loading, stepping with a budget, rewinding by re-execution, manual scheduling, saving.
#include "gui/run_controller.h"

#include <fstream>
#include <system_error>

#include "scenarios/engine/export.h"
#include "scenarios/engine/native.h"

namespace interleave::gui {

namespace {
using Clock = std::chrono::steady_clock;
// How long a reload may take to re-run a finished run to its end before the rest is left to play.
constexpr double kReloadBudgetMs = 1500;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
}  // namespace

bool RunController::open(const std::filesystem::path& path) {
  try {
    engine::Scenario sc;
    if (path.extension() == ".native") {
      // A recording: re-run it exactly (its decisions, strictly), with the lesson of its scenario if it is there.
      std::string err;
      auto rec = engine::load_native(path, &err);
      if (!rec) throw std::runtime_error(path.string() + ": " + err);
      std::error_code exists_ec;
      if (!rec->scenario_path.empty() && std::filesystem::exists(rec->scenario_path, exists_ec)) {
        try {
          sc = engine::load_scenario(rec->scenario_path);
        } catch (const std::exception&) {
          // the recording stands on its own
        }
      }
      sc.path = path.string();
      sc.run = rec->replay_config();
    } else {
      sc = engine::load_scenario(path);
    }
    if (sc.run.policy == "replay") {
      std::string err;
      auto decisions = engine::load_native_decisions(sc.replay_file, &err);
      if (!decisions) throw std::runtime_error(path.string() + ": " + err);
      sc.run.replay = std::move(*decisions);
      sc.run.strict_replay = true;
      sc.run.policy = "fifo";
    }
    scenario_ = std::move(sc);
    cfg_ = scenario_.run;
    error_.clear();
  } catch (const std::exception& e) {
    error_ = e.what();
    path_ = path;  // keep watching the broken file: fixing it reloads
    std::error_code ec;
    mtime_ = std::filesystem::last_write_time(path, ec);
    return false;
  }
  path_ = path;
  std::error_code ec;
  mtime_ = std::filesystem::last_write_time(path, ec);
  manual_ = cfg_.policy == "manual";
  restart();
  return error_.empty();
}

bool RunController::reload() {
  if (path_.empty()) return false;
  const bool had_run = session_ != nullptr;
  const bool was_finished = had_run && finished();
  const bool was_playing = playing;
  const std::uint64_t was_at = steps();
  if (!open(path_)) return false;
  if (!had_run) {
    playing = true;  // a file that was broken from the start: run it now, as opening it would have
  } else if (was_finished) {
    run_to_end(kReloadBudgetMs);
    playing = !finished() && !needs_decision_;  // a long run: the rest plays on
  } else {
    run_to_step(was_at);  // the same step: an edit that changes no run shows exactly the same moment
    playing = was_playing;
  }
  return true;
}

void RunController::restart() {
  longest_.clear();
  furthest_step_ = 0;
  start_session(cfg_.replay);
}

void RunController::apply_config() {
  manual_ = cfg_.policy == "manual";
  restart();
}

void RunController::start_session(std::vector<Decision> replay) {
  engine::RunConfig c = cfg_;
  c.replay = std::move(replay);
  if (manual_) c.policy = "manual";
  try {
    auto s = std::make_unique<engine::Session>(std::move(c));
    model_.reset(nullptr);  // the old recorder goes with the old session
    session_ = std::move(s);
    model_.reset(&session_->trace());
  } catch (const std::exception& e) {
    error_ = e.what();
    return;
  }
  needs_decision_ = false;
  first_block_.reset();
  scanned_.clear();
  ++generation_;
  after_steps();
}

void RunController::rewind_to_step(std::uint64_t n) {
  if (!session_) return;
  if (steps() >= furthest_step_) {
    longest_ = session_->trace().decisions();
    furthest_step_ = steps();
  }
  start_session(longest_);
  if (!session_) return;
  run_to_step(n);
}

bool RunController::finished() const { return !session_ || session_->scheduler().outcome() != Outcome::Running; }

std::uint64_t RunController::steps() const { return session_ ? session_->scheduler().steps() : 0; }

void RunController::after_steps() {
  model_.update();
  if (steps() > furthest_step_ && longest_.empty()) furthest_step_ = steps();
  if (!first_block_) {
    // Scan only what is new: intervals are appended, and only the last one can still be replaced.
    scanned_.resize(model_.goroutine_count() + 1, 0);
    for (GoroutineId g = 1; g <= model_.goroutine_count(); ++g) {
      const auto& ivs = model_.intervals(g);
      for (std::size_t i = scanned_[g]; i < ivs.size(); ++i)
        if (ivs[i].state == GState::Blocked && (!first_block_ || ivs[i].start < *first_block_))
          first_block_ = ivs[i].start;
      scanned_[g] = ivs.empty() ? 0 : ivs.size() - 1;
    }
  }
}

void RunController::tick(double dt_seconds, double budget_ms) {
  if (Clock::now() - last_check_ > std::chrono::milliseconds(500)) {
    last_check_ = Clock::now();
    if (file_changed()) reload();
  }
  if (!session_ || !playing || finished()) {
    if (finished()) playing = false;
    return;
  }
  Scheduler& s = session_->scheduler();
  if (needs_decision_) return;  // waiting for the user's pick
  VirtualTime target = s.now() + static_cast<VirtualTime>(dt_seconds * speed) + 1;
  auto start = Clock::now();
  int n = 0;
  try {
    while (s.outcome() == Outcome::Running && s.now() < target) {
      StepResult r = session_->step();
      if (r == StepResult::NeedDecision) {
        needs_decision_ = true;
        break;
      }
      if ((++n & 63) == 0 && ms_since(start) > budget_ms) break;
    }
  } catch (const std::exception& e) {
    error_ = e.what();
    playing = false;
  }
  after_steps();
}

void RunController::step_once() {
  if (!session_ || finished()) return;
  try {
    StepResult r = session_->step();
    needs_decision_ = r == StepResult::NeedDecision;
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  after_steps();
}

void RunController::step_goroutine(GoroutineId g) {
  if (!session_ || g == kNoGoroutine) return;
  auto state_of = [&]() -> std::pair<std::size_t, GState> {
    const auto& iv = model_.intervals(g);
    return iv.empty() ? std::pair{std::size_t{0}, GState::Runnable} : std::pair{iv.size(), iv.back().state};
  };
  auto before = state_of();
  auto start = Clock::now();
  while (!finished() && ms_since(start) < 200) {
    step_once();
    if (needs_decision_ || state_of() != before) break;
  }
}

void RunController::run_to_step(std::uint64_t n) {
  if (!session_) return;
  try {
    StepResult r = session_->run_until_step(n);
    needs_decision_ = r == StepResult::NeedDecision;
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  after_steps();
}

void RunController::run_to_time(VirtualTime t) {
  if (!session_) return;
  try {
    StepResult r = session_->run_until_time(t);
    needs_decision_ = r == StepResult::NeedDecision;
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  after_steps();
}

void RunController::run_to_end(double budget_ms) {
  if (!session_) return;
  auto start = Clock::now();
  try {
    while (!finished() && ms_since(start) < budget_ms) {
      StepResult r = session_->run_until_step(steps() + 4096);
      if (r == StepResult::NeedDecision) {
        needs_decision_ = true;
        break;
      }
    }
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  after_steps();
}

void RunController::set_manual(bool on) {
  if (on == manual_ || !session_) return;
  manual_ = on;
  // From here on the run's future is whatever is chosen now: make it the reference for rewinding.
  longest_.clear();
  furthest_step_ = steps();
  try {
    session_->set_policy(on ? "manual" : cfg_.policy);
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  if (!on) needs_decision_ = false;
}

std::vector<GoroutineId> RunController::runnable() const {
  if (!session_) return {};
  return session_->scheduler().runnable();
}

void RunController::pick(GoroutineId g) {
  if (!session_) return;
  if (ManualPolicy* m = session_->manual()) {
    m->pick(g);
    longest_.clear();
    furthest_step_ = steps();
    needs_decision_ = false;
    step_once();
  }
}

bool RunController::save_replay(const std::string& path, std::string* message) {
  if (!session_) return false;
  std::ofstream f(path);
  engine::write_native(f, *session_, path_.string());
  *message = f ? "saved replay to " + path : "could not write " + path;
  return static_cast<bool>(f);
}

bool RunController::export_trace(const std::string& path, std::string* message) {
  if (!session_) return false;
  std::ofstream f(path);
  engine::write_perfetto(f, session_->trace(), scenario_.name.empty() ? path_.stem().string() : scenario_.name);
  *message = f ? "exported Perfetto trace to " + path + " (open it at ui.perfetto.dev)" : "could not write " + path;
  return static_cast<bool>(f);
}

bool RunController::file_changed() {
  if (path_.empty()) return false;
  std::error_code ec;
  auto t = std::filesystem::last_write_time(path_, ec);
  if (ec || t == mtime_) return false;
  mtime_ = t;
  return true;
}

}  // namespace interleave::gui
