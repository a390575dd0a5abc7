// log_view.h — LogView: the run's events as text, filterable by kind, by goroutine and by words; clicking an
// event moves the time cursor to it.
//
// Filtering is incremental (only new events are checked each frame) so a million-event run stays smooth;
// changing the filter rescans once.
//
//   LogView log;
//   log.draw(run, vs);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

class LogView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  bool matches(const TraceModel& m, const Event& e, GoroutineId only) const;
  std::string describe(const TraceModel& m, const Event& e) const;

  char filter_[128] = "";
  bool show_[9] = {true, true, true, false, true, false, true, true, true};  // by EventType
  bool only_selected_ = false;
  std::vector<std::uint32_t> rows_;  // indices of matching events
  std::size_t scanned_ = 0;
  std::uint64_t generation_ = ~0ULL;
  std::string filter_used_;
  GoroutineId only_used_ = kNoGoroutine;
  bool dirty_ = true;
  std::uint32_t clicked_ = ~0u;
};

}  // namespace interleave::gui
