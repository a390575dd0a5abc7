// variables_view.h — VariablesView: a Go program's package-level variables and the selected goroutine's
// locals (frame by frame) as they are at the time cursor, printed as fmt's %v prints them.
//
// Runs are deterministic, so the moment at the cursor is re-created rather than recorded: when the live run
// is at the cursor, its variables are read directly; otherwise a second Session follows the run's decisions
// up to the last step at or before the cursor, is read, and is dropped. The result is kept until the cursor,
// the selection or the run changes.
//
//   VariablesView vars;
//   vars.draw(run, vs);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gui/ui.h"
#include "scenarios/engine/program.h"

namespace interleave::gui {

class VariablesView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  void refresh(RunController& run, const ViewState& vs);

  std::uint64_t generation_ = ~0ULL;
  VirtualTime cursor_ = -1;
  GoroutineId g_ = kNoGoroutine;
  std::uint64_t live_steps_ = ~0ULL;
  std::vector<engine::VariableValue> globals_;
  std::vector<engine::FrameVariables> frames_;
  std::uint64_t at_step_ = 0;      // the step the values are from
  bool replayed_ = false;          // read from a re-execution (not the live run)
  std::uint64_t frames_step_ = 0;  // the frames are from this earlier step (the run ended after it), or 0
  double last_cost_ms_ = 0;        // how long the last refresh took
  VirtualTime pending_cursor_ = -1;
  double cursor_moved_ = -1e9;  // ImGui::GetTime() when the cursor last moved while a refresh waited
};

}  // namespace interleave::gui
