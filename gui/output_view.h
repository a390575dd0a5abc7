// output_view.h — OutputView: every write a Go program made to stdout and stderr, one row per write, with its
// virtual time and the goroutine that wrote it. Rows at or before the time cursor are shown in full, later
// rows dimmed (the student sees what the program has printed so far); clicking a row moves the cursor to it.
// The timeline marks the same writes on the writers' lanes (OutputIndex).
//
//   OutputView out;
//   out.draw(run, vs);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gui/ui.h"

namespace interleave::engine {
struct OutputWrite;
}

namespace interleave::gui {

// The run's writes by goroutine, sorted by time (for the timeline's ticks); rebuilt as the run grows.
class OutputIndex {
 public:
  // Brings the index up to date with the run (cheap when nothing changed).
  void update(const RunController& run);
  // Times of goroutine g's writes, ascending.
  const std::vector<VirtualTime>& times(GoroutineId g) const;

 private:
  std::vector<std::vector<VirtualTime>> by_g_;
  std::size_t seen_ = 0;
  std::uint64_t generation_ = ~0ULL;
};

class OutputView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  std::size_t last_shown_ = ~std::size_t{0};  // the last row at the cursor, kept in view when it changes
};

}  // namespace interleave::gui
