// code_view.h — CodeView: the pattern's own source, with a named, coloured marker in a gutter left of the
// line each goroutine is at, as of the time cursor (so scrubbing moves the markers). A marker never covers
// the text of the line it marks.
//
// The marker's colour is the goroutine's state colour; its name is the goroutine's. The selected
// goroutine's line is highlighted and kept in view.
//
//   CodeView code;
//   code.draw(run, vs);
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

class CodeView {
 public:
  void draw(RunController& run, ViewState& vs);

 private:
  std::string file_;                                           // the source shown
  std::vector<std::string_view> lines_;                        // into the embedded text
  std::map<std::uint32_t, std::vector<GoroutineId>> markers_;  // line -> goroutines there
  std::uint32_t last_scrolled_ = 0;
  GoroutineId last_selected_ = kNoGoroutine;
};

}  // namespace interleave::gui
