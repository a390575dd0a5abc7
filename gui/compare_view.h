// compare_view.h — CompareView: two runs side by side (issue 10, item 10). The run on screen (A) and the
// same scenario with another seed (B) are drawn as two sets of goroutine lanes on one time axis (the
// timeline's window), with the first point where their events differ marked in both and described.
//
// B is a run of its own (a second Session, run to its end within a budget), so it is as real as A: its
// lanes come from its own recording, and changing the seed re-runs it.
//
//   CompareView compare;
//   compare.set_seed(run, 7);        // the Compare panel's seed box, or --actions compare:7
//   compare.draw(run, vs);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/ui.h"
#include "runtime/trace_model.h"
#include "scenarios/engine/session.h"

namespace interleave::gui {

class CompareView {
 public:
  void draw(RunController& run, ViewState& vs);
  // Runs the scenario on screen again with `seed` as run B.
  void set_seed(RunController& run, std::uint64_t seed);
  bool active() const { return b_ != nullptr; }
  void close();

 private:
  // The first event at which A and B differ (both recordings as far as they go); nullopt if none yet.
  void find_difference(const TraceRecorder& a);
  void lanes(const TraceModel& m, const char* tag, ViewState& vs, ImVec2 origin, float width, float lane_h,
             float label_w);

  std::unique_ptr<engine::Session> b_;
  TraceModel model_b_;
  std::uint64_t seed_b_ = 2;
  std::uint64_t generation_ = ~0ULL;  // of run A when B was made (a new A starts a new B)
  std::optional<std::size_t> diff_;   // index of the first differing event
  std::size_t compared_ = 0;          // events of A compared so far
  std::string diff_text_;
  std::vector<LodPiece> pieces_;
  int seed_input_ = 2;
};

}  // namespace interleave::gui
