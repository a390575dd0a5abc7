// inspector_view.h — InspectorView: everything about the selected goroutine and the selected object, at the
// time cursor.
//
// A goroutine: its state now, what it waits on and since when, the time it spent in each state, and its
// state history (click a row to move the cursor there). An object: its value, owner, and its waiters in the
// order they arrived.
//
//   InspectorView inspector;
//   inspector.draw(run, vs);
#pragma once

#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

class InspectorView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  void draw_goroutine(RunController& run, ViewState& vs);
  void draw_object(RunController& run, ViewState& vs);
  std::vector<GoroutineId> scratch_;
  long last_row_ = -1;
};

}  // namespace interleave::gui
