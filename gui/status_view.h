// status_view.h — the status bar, the help overlay and the narration banner: the small pieces around the
// main views.
//
//   StatusBar status;      status.draw(run, vs, frame_ms);
//   HelpOverlay help;      help.draw(vs);              // when vs.show_help
//   NarrationBanner notes; notes.draw(run, vs);        // the scenario's note for the cursor's moment
#pragma once

#include "gui/ui.h"

namespace interleave::gui {

class StatusBar {
 public:
  void draw(RunController& run, ViewState& vs, double frame_ms);
};

class HelpOverlay {
 public:
  void draw(ViewState& vs);
};

class NarrationBanner {
 public:
  // Draws the latest lesson note whose moment is at or before the cursor; returns false if there is none.
  bool draw(RunController& run, ViewState& vs);
};

// The scenario's [goal] for a student scheduling by hand: the challenge, the decisions made so far, and
// whether it was reached (and in how many decisions). Draws nothing when the scenario has no goal.
class GoalBanner {
 public:
  bool draw(RunController& run, ViewState& vs);
};

}  // namespace interleave::gui
