// counters_view.h — CountersView: queue depths, semaphore values, lock holders, waiters and the run queue,
// one row per object, on the timeline's time axis (the label column has the same width, so times line up).
//
// The main series of an object is drawn filled (channel length, semaphore/WaitGroup value, mutex holders,
// run-queue length); the number of goroutines parked on it is a line on top; a capacity is a dashed line.
//
//   CountersView counters;
//   counters.draw(run, vs);
#pragma once

#include <vector>

#include "gui/canvas.h"
#include "gui/ui.h"

namespace interleave::gui {

class CountersView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  struct Row {
    ObjectId object = kNoObject;
    const CounterSeries* main = nullptr;
    const CounterSeries* waiters = nullptr;
  };
  std::vector<Row> rows_;
  std::vector<CounterColumn> cols_;
  // The visible rows' plots, painted on the CPU and drawn as one textured quad per row (canvas.h).
  Canvas canvas_;
  struct Band {
    int first_px = 0;  // the screen row of the band's first canvas row
    int canvas_row = 0;
    int rows = 0;
  };
  std::vector<Band> bands_;  // by rows_ index; rows == 0 when the row is not visible
};

}  // namespace interleave::gui
