// compare_view.h — CompareView: two runs side by side, their timelines on one time axis.
//
// A class compares two seeds of one scenario, or the correct and the broken variant: the second run (B) is
// its own RunController, kept at the first run's playback time (run to its end once the first has ended),
// drawn under the first with the same time window, cursor and zoom. The first event where the runs differ
// (what goroutines do, what objects hold; the scheduler's decisions themselves are not compared, their
// effects are) is marked on both timelines, with what each run did there.
//
//   CompareView compare;
//   compare.open_seed(app.run, 4);                 // or compare.open_file("scenarios/.../footman.toml")
//   every frame: compare.follow(app.run);          // B catches up with A
//   in the timeline pane: compare.draw(app.run, app.timeline, vs);
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "gui/timeline_view.h"
#include "gui/ui.h"

namespace interleave::gui {

// Where two runs first differ.
struct Divergence {
  bool identical = true;  // no event differs (the runs are the same so far)
  VirtualTime time = 0;   // when the first differing event happened (the earlier of the two)
  std::size_t event = 0;  // its index among the compared events
  std::string a, b;       // what each run did there ("philosopher#2 blocked: mutex lock fork#3"), "" if it had ended
};

// How far a comparison has got: the next compared event of each run and how many pairs matched before.
struct DivergenceScan {
  std::size_t i = 0, j = 0, k = 0;
};

// Compares the recorded events of two runs (scheduling decisions left out) from where `scan` stopped, up to
// what each model has consumed, so each event is compared once. A difference found stays (sets
// d.identical = false); a run that has ended (`a_ended`, `b_ended`) differs from one with events left.
void compare_runs(const TraceModel& a, bool a_ended, const TraceModel& b, bool b_ended, DivergenceScan& scan,
                  Divergence& d);

class CompareView {
 public:
  // B: the same scenario and configuration as `a`, with another seed.
  bool open_seed(const RunController& a, std::uint64_t seed);
  // B: another scenario file. On a bad file, error() says why.
  bool open_file(const std::filesystem::path& path);
  void close();
  bool active() const { return b_ != nullptr; }
  const std::string& error() const { return error_; }
  RunController& other() { return *b_; }

  // Keeps B at A's playback time, or runs it to its end once A has ended (within a budget).
  void follow(RunController& a, double budget_ms = 30'000);
  // Both timelines, A above B, in the space available; the first difference marked on both.
  void draw(RunController& a, TimelineView& ta, ViewState& vs);
  // "differ at 1.2ms: A philosopher#2 blocked ... | B ...", or "identical so far"; "" when not comparing.
  std::string summary() const;

 private:
  void header(const char* tag, RunController& r, ImU32 color, ViewState& vs);

  std::unique_ptr<RunController> b_;
  TimelineView tb_;
  std::string error_;
  Divergence div_;
  DivergenceScan scan_;  // where the comparison of the two recordings has got to
  std::uint64_t gen_a_ = 0, gen_b_ = 0;
};

}  // namespace interleave::gui
