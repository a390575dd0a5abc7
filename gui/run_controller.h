// run_controller.h — RunController: the one run the GUI shows, and every command that changes it.
//
// It loads a scenario through the engine's loader, owns the Session and the TraceModel built from its
// recording, and advances the run inside the frame with a wall-clock budget, so a scenario that never blocks
// cannot freeze the window. Going back in time is re-execution: a new Session that follows the decisions of
// the longest run seen so far, run to step N (ARCHITECTURE.md, "a run is a pure function of ...").
//
//   RunController run;
//   run.open("scenarios/producer_consumer/semaphores.toml");
//   every frame: run.tick(dt_seconds, 4.0 /*ms budget*/);   // plays if playing, reloads a changed file
//   run.model().intervals(g) ...
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/model/trace_model.h"
#include "scenarios/engine/narration.h"
#include "scenarios/engine/scenario.h"
#include "scenarios/engine/session.h"

namespace interleave::gui {

class RunController {
 public:
  // Loads a scenario file and starts a run. On a bad file, error() says why (file:line:col) and the previous
  // run, if any, stays on screen. Returns true on success.
  bool open(const std::filesystem::path& path);
  // Reads the scenario file again and re-runs it as far as the run on screen had got (to its end if it had
  // finished, else to the same step), so the time window, cursor and selection still show the same
  // moment. tick() calls it when the file changes on disk. A bad file leaves the run on screen, with error().
  bool reload();
  // Starts the current configuration again from step 0 (the recorded future is forgotten).
  void restart();
  // Runs a new program in place of the scenario's (the editor's Run): the schedule, lesson and the
  // parameters the new program still has stay; a fresh run starts and plays.
  void replace_program(std::shared_ptr<const engine::Program> program);
  // Re-executes from the start, following the longest run's decisions, up to step n.
  void rewind_to_step(std::uint64_t n);
  // Per frame: reload the file if it changed; if playing, advance the playback clock by dt * speed of virtual
  // time (never stepping past it, at most max_steps_per_second steps per second, within budget_ms of
  // wall-clock time), stopping at a note with pause = true; update the model.
  void tick(double dt_seconds, double budget_ms);
  // The playback clock: the virtual time on show. At or after the run's last event; the run has no event
  // between that one and this time.
  VirtualTime play_time() const { return static_cast<VirtualTime>(std::llround(play_time_)); }
  // When the lesson's notes happen in this run (as far as it has got).
  const engine::NoteTimeline& notes() const { return notes_; }

  // One scheduler step (answers a manual decision with `pick` first, if given).
  void step_once();
  // Steps until goroutine g's state changes (or the run ends), within a budget.
  void step_goroutine(GoroutineId g);
  // Runs to step n / virtual time t from the present (for --steps / --at); within an overall safety cap.
  void run_to_step(std::uint64_t n);
  void run_to_time(VirtualTime t);
  void run_to_end(double budget_ms);

  // "You are the scheduler": manual policy on, or back to the configured policy.
  void set_manual(bool on);
  bool manual() const { return manual_; }
  // Runnable goroutines the user may pick from when a manual decision is pending.
  bool needs_decision() const { return needs_decision_; }
  std::vector<GoroutineId> runnable() const;
  void pick(GoroutineId g);

  // Configuration edits: each restarts the run.
  engine::RunConfig& config() { return cfg_; }
  const engine::RunConfig& config() const { return cfg_; }
  void apply_config();

  bool save_replay(const std::string& path, std::string* message);
  bool export_trace(const std::string& path, std::string* message);

  bool has_run() const { return session_ != nullptr; }
  engine::Session& session() { return *session_; }
  const engine::Session& session() const { return *session_; }
  const TraceModel& model() const { return model_; }
  const engine::Scenario& scenario() const { return scenario_; }
  const std::filesystem::path& path() const { return path_; }
  const std::string& error() const { return error_; }
  void clear_error() { error_.clear(); }
  bool finished() const;
  std::uint64_t steps() const;
  std::uint64_t furthest_step() const { return furthest_step_; }
  // Virtual time of the first Blocked state of a goroutine other than main, if any yet.
  std::optional<VirtualTime> first_block() const { return notes_.first_block(); }
  // Decisions made by hand in this run ("you are the scheduler"), counted since it started.
  // (A recording of a run scheduled by hand counts the picks it was made with.)
  std::uint32_t hand_picks() const { return hand_picks_ + recorded_hand_picks_; }
  // Whether the run's future came from picks by hand (the status says so instead of the seed).
  bool scheduled_by_hand() const { return hand_picks() > 0; }
  // Bumped whenever the model is rebuilt from scratch (restart, rewind, reload): views drop caches.
  std::uint64_t generation() const { return generation_; }

  bool playing = false;
  double speed = 5e6;                 // virtual nanoseconds per wall-clock second (1e3 .. 1e9)
  double max_steps_per_second = 200;  // dense moments stay watchable; 0: no limit
  static constexpr double kMinSpeed = 1e3, kMaxSpeed = 1e9;

 private:
  void start_session(std::vector<Decision> replay);
  void after_steps();
  // A pause note whose moment has come (at or before t) and that playback has not stopped at yet.
  std::optional<engine::NoteMoment> pause_due(double from, double t) const;
  bool event_pause_pending() const;
  bool file_changed();

  std::filesystem::path path_;
  std::filesystem::file_time_type mtime_{};
  std::chrono::steady_clock::time_point last_check_{};
  engine::Scenario scenario_;
  engine::RunConfig cfg_;
  std::unique_ptr<engine::Session> session_;
  TraceModel model_;
  std::string error_;
  std::vector<Decision> longest_;  // decisions of the furthest run, followed when rewinding
  std::uint64_t furthest_step_ = 0;
  bool furthest_finished_ = false;  // the furthest run had ended (rewinding to its last step ends it too)
  bool manual_ = false;
  bool needs_decision_ = false;
  double play_time_ = 0;    // the playback clock (virtual ns)
  double step_credit_ = 0;  // steps playback may still take (refilled at max_steps_per_second)
  engine::NoteTimeline notes_;
  std::vector<char> paused_at_;  // by note: playback has stopped at it once (pause = true)
  std::uint32_t hand_picks_ = 0;
  std::uint32_t recorded_hand_picks_ = 0;  // an opened recording's picks by hand
  std::uint32_t furthest_hand_picks_ = 0;
  std::uint64_t generation_ = 0;
};

}  // namespace interleave::gui
