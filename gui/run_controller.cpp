// run_controller.cpp — loading, stepping with a budget, rewinding by re-execution, manual scheduling, saving.
#include "gui/run_controller.h"

#include <algorithm>
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
  furthest_finished_ = false;
  hand_picks_ = furthest_hand_picks_ = 0;
  paused_at_.assign(scenario_.lesson.notes.size(), 0);
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
  play_time_ = 0;
  step_credit_ = 0;
  notes_.reset(&scenario_.lesson);
  if (paused_at_.size() != scenario_.lesson.notes.size()) paused_at_.assign(scenario_.lesson.notes.size(), 0);
  ++generation_;
  after_steps();
}

void RunController::rewind_to_step(std::uint64_t n) {
  if (!session_) return;
  if (steps() >= furthest_step_) {
    longest_ = session_->trace().decisions();
    furthest_step_ = steps();
    furthest_finished_ = finished();
    furthest_hand_picks_ = hand_picks_;
  }
  // Pause notes already passed stay passed; the ones after the new position may stop playback again.
  start_session(longest_);
  if (!session_) return;
  run_to_step(n);
  // The last step of a run that ended: the end (deadlock, outcome, its notes) is part of that step.
  if (n >= furthest_step_ && furthest_finished_) {
    try {
      for (int i = 0; i < 64 && !finished(); ++i)
        if (session_->step() == StepResult::NeedDecision) break;
    } catch (const std::exception& e) {
      error_ = e.what();
    }
    after_steps();
  }
  hand_picks_ = n >= furthest_step_ ? furthest_hand_picks_ : hand_picks_;
  for (const engine::NoteMoment& mo : notes_.moments())  // notes after the cursor may pause playback again
    if (mo.time > play_time_ && mo.note < paused_at_.size()) paused_at_[mo.note] = 0;
}

bool RunController::finished() const { return !session_ || session_->scheduler().outcome() != Outcome::Running; }

std::uint64_t RunController::steps() const { return session_ ? session_->scheduler().steps() : 0; }

void RunController::after_steps() {
  model_.update();
  if (steps() > furthest_step_ && longest_.empty()) {
    furthest_step_ = steps();
    furthest_finished_ = finished();
  }
  if (session_) {
    // Stepping by hand moves the playback clock to the run's clock; a finished run shows its end.
    auto now = static_cast<double>(session_->scheduler().now());
    if (play_time_ < now || finished()) play_time_ = now;
    model_.advance_to(static_cast<VirtualTime>(play_time_));
  }
  notes_.update(model_);
}

std::optional<engine::NoteMoment> RunController::pause_due(double from, double t) const {
  for (const engine::NoteMoment& mo : notes_.moments()) {
    if (static_cast<double>(mo.time) > t) break;
    if (static_cast<double>(mo.time) >= from && scenario_.lesson.notes[mo.note].pause && !paused_at_[mo.note])
      return mo;
  }
  return std::nullopt;
}

bool RunController::event_pause_pending() const {
  for (std::size_t i = 0; i < scenario_.lesson.notes.size(); ++i) {
    const engine::NarrationNote& n = scenario_.lesson.notes[i];
    if (n.pause && !n.at && !paused_at_[i]) return true;
  }
  return false;
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
  const double from = std::max(play_time_, static_cast<double>(s.now()));
  double target = from + dt_seconds * speed;
  // A note with pause = true inside this frame's stretch of time: play up to it and stop there.
  std::optional<engine::NoteMoment> stop = pause_due(from, target);
  if (stop) target = static_cast<double>(stop->time);
  const bool per_step_pause = event_pause_pending();
  if (max_steps_per_second > 0)
    step_credit_ =
        std::min(step_credit_ + dt_seconds * max_steps_per_second, std::max(1.0, max_steps_per_second * 0.05));
  auto start = Clock::now();
  bool caught_up = true;  // every step up to target is taken
  int n = 0;
  try {
    while (s.outcome() == Outcome::Running) {
      if (static_cast<double>(s.next_step_time()) > target) break;
      if (max_steps_per_second > 0 && step_credit_ < 1) {
        caught_up = false;
        break;
      }
      StepResult r = session_->step();
      step_credit_ -= 1;
      if (r == StepResult::NeedDecision) {
        needs_decision_ = true;
        caught_up = false;
        break;
      }
      if (per_step_pause) {  // a first_block / end note that pauses: look after every step
        model_.update();
        notes_.update(model_);
        if (auto due = pause_due(from, static_cast<double>(s.now()))) {
          stop = due;
          target = static_cast<double>(due->time);
          break;
        }
      }
      if ((++n & 63) == 0 && ms_since(start) > budget_ms) {
        caught_up = false;
        break;
      }
    }
  } catch (const std::exception& e) {
    error_ = e.what();
    playing = false;
  }
  play_time_ = caught_up ? std::max(target, play_time_) : std::max(play_time_, static_cast<double>(s.now()));
  if (stop) {
    play_time_ = std::max(static_cast<double>(stop->time), static_cast<double>(s.now()));
    paused_at_[stop->note] = 1;
    playing = false;
  }
  after_steps();
}

void RunController::step_once() {
  if (!session_ || finished()) return;
  try {
    StepResult r = session_->step();
    needs_decision_ = r == StepResult::NeedDecision;
    // Nothing left that could ever run: the end of the run belongs to this step, not to one more.
    if (!needs_decision_ && session_->scheduler().stuck()) session_->step();
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
    if (!needs_decision_ && steps() >= n && session_->scheduler().stuck()) session_->step();
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
    ++hand_picks_;
    longest_.clear();
    furthest_step_ = steps();
    needs_decision_ = false;
    // One click is the whole move: the pick, then on to the next choice (or the end of the run).
    auto start = Clock::now();
    do step_once();
    while (!needs_decision_ && !finished() && ms_since(start) < 200);
  }
}

bool RunController::save_replay(const std::string& path, std::string* message) {
  if (!session_) return false;
  std::ofstream f(path);
  engine::write_native(f, *session_, path_.string(), hand_picks_);
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
