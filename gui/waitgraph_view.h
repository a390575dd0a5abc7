// waitgraph_view.h — WaitGraphView: who waits for what, and who holds it, at the time cursor.
//
// Goroutines (in their state colour) and objects (grey) are nodes on a circle; "waits on" edges run from a
// goroutine to an object, "held by" edges from a lock to its holder. Edges on a cycle — a deadlock in the
// making — are red and thick. With many nodes it falls back to a summary per object.
//
//   WaitGraphView graph;
//   graph.draw(run, vs);
#pragma once

#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

class WaitGraphView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  struct Node {
    bool is_object = false;
    std::uint32_t id = 0;
    ImVec2 pos;
    bool in_cycle = false;
  };
  std::vector<Node> nodes_;
};

}  // namespace interleave::gui
