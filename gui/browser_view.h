// browser_view.h — BrowserView: the scenarios/ folder as a tree, the open scenario's lesson, and the
// parameter editor built from the pattern's schema (each value checked as a scenario file's would be: a bad
// one is refused with the reason under its field; a good one restarts the run).
//
//   BrowserView browser;
//   browser.draw(run, vs);
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

class BrowserView {
 public:
  void draw_tree(RunController& run, ViewState& vs);
  void draw_lesson(RunController& run, ViewState& vs);
  void draw_params(RunController& run, ViewState& vs);

 private:
  void scan(const std::filesystem::path& root);
  std::filesystem::path root_;
  std::map<std::string, std::vector<std::filesystem::path>> folders_;  // folder name -> scenario files
  double last_scan_ = -100;
  std::map<std::string, std::array<char, 96>> text_;  // integer and duration parameters' edit buffers
  std::set<std::string> active_;                      // being edited now
  std::map<std::string, std::string> edit_error_;     // refused values: why
  std::string scroll_to_;                             // a field just refused: scroll its reason into view
  std::uint64_t generation_ = 0;                      // of the run the refusals were about
};

// The scenarios/ folder that holds `scenario` (walking up), or the source tree's.
std::filesystem::path scenarios_root(const std::filesystem::path& scenario);
// The first scenario of the first folder (the default when none is given).
std::filesystem::path default_scenario();

}  // namespace interleave::gui
