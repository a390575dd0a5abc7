// timeline_view.h — TimelineView: one lane per goroutine (grouped by role) and per processor, over virtual time.
//
// Lanes show state colours merged to pixel width by the TraceModel's level of detail, so a million events
// draw within a frame. Wheel zooms around the mouse, dragging pans, a click sets the time cursor and selects
// the goroutine under it; the selection shows flow arrows (who woke whom, who handed a value to whom).
// Hovering shows the goroutine, state, reason, object, interval and source line. The end of a run that went
// wrong (deadlock, panic, invariant) is marked where it happened.
//
//   TimelineView timeline;
//   timeline.draw(run, vs);   // inside a child window; uses all of its space
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gui/canvas.h"
#include "gui/output_view.h"
#include "gui/ui.h"

namespace interleave::gui {

class TimelineView {
 public:
  void draw(RunController& run, ViewState& vs);

  // A moment to point at, drawn as a dashed line across the lanes with its label (two runs compared: where
  // they first differ).
  struct Mark {
    VirtualTime time = 0;
    std::string label;
  };
  std::optional<Mark> mark;

 private:
  struct Row {
    enum class Kind { Header, Processor, Goroutine } kind;
    int index = 0;  // processor index, or the role index (of a header or a goroutine)
    GoroutineId g = kNoGoroutine;
  };
  void draw_legend(ViewState& vs);
  void draw_axis(ViewState& vs, ImDrawList* dl, ImVec2 p0, float width, float height);
  void build_rows(const TraceModel& m);

  std::vector<Row> rows_;
  std::vector<float> row_y_;  // row tops relative to the lanes' content origin; size rows + 1
  std::vector<LodPiece> pieces_;
  std::vector<ProcPiece> proc_pieces_;
  std::vector<GoroutineId> runnable_;
  Canvas canvas_;                 // the visible lanes' colours, one texel row per lane
  std::vector<float> row_h_;      // lane height of each row (0 for headers)
  std::vector<float> lane_tops_;  // screen y of each canvas row's lane
  std::vector<float> lane_heights_;
  OutputIndex writes_;  // the program's writes, ticked on the writers' lanes
  bool dragging_ = false;
  float drag_dx_ = 0;
};

}  // namespace interleave::gui
