// ui.h — what every view shares: the colours that mean something, the fonts, the time window and cursor,
// and the current selection.
//
// Colours carry the lesson, so they are the same everywhere (timeline, legend, code markers, wait-for
// graph): green running, amber runnable (ready, waiting for a processor), blocked in a colour per kind of
// wait (channel orange, lock red, other sync purple), sleeping blue, done grey.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <string>

#include "scenarios/model/trace_model.h"

namespace interleave::gui {

class RunController;

// The kind of wait, coarse enough for a legend.
enum class WaitKind : std::uint8_t { Channel, Lock, Sync };
WaitKind wait_kind(WaitReason r);

// Colour of a state (and, for Blocked, of its kind of wait).
ImU32 state_color(GState s, WaitReason r = WaitReason::None);
// A stable colour per goroutine for processor lanes and code markers.
ImU32 goroutine_color(GoroutineId g);
// Black or white, whichever reads on `bg`.
ImU32 text_on(ImU32 bg);
// "running", "blocked: chan receive", ...
std::string state_text(GState s, WaitReason r);

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* big = nullptr;  // headlines and the help overlay
};

// What the last frame showed, for `interleave gui --report` (the GUI tests read it): the views fill it in as
// they draw, and the main loop clears it before each frame.
struct FrameReport {
  std::string status;           // the status bar's first word: "playing", "paused", "deadlock", ...
  std::string decided_by;       // "random seed 3", or "scheduled by hand (2 picks)"
  std::string narration;        // the banner's text (notes of one instant joined by newlines), "" if none
  std::string goal;             // the goal banner's text, "" if none
  int lanes = 0;                // goroutine and processor lanes of the run
  int lanes_visible = 0;        // of those, entirely inside the timeline pane
  float lane_px = 0;            // height of one lane
  float code_columns = 0;       // source characters visible across the code pane (after the gutter)
  float font_px = 0;            // the body font's size
  int markers = 0;              // goroutine markers in the code view
  int markers_over_text = 0;    // markers drawn over a line's text (should stay 0)
  bool end_marker = false;      // the end-of-run marker (DEADLOCK, ...) is drawn
  std::string doing;            // the inspector's "doing: ..." for the selected goroutine, "" if none
  int processors_busy = 0;      // processor lanes that ran something
  std::string compare;          // two runs compared: where they first differ ("" when not comparing)
  bool compare_marker = false;  // that moment is marked on a timeline
  std::string dialog;           // the file dialog, when open: "open in /path (12 entries)"
  bool toolbar_fits = false;    // the toolbar's last button is inside the window
  int output_rows = -1;         // the output pane's rows (-1: the pane is not on screen)
  int output_shown = 0;         // of those, written at or before the cursor
  std::string output_last;      // the text of the last of those
  int output_ticks = 0;         // write marks on the timeline's lanes
  std::string variables;        // the variables pane: "name = value" joined by "; " (package, then locals)
  int variables_rows = -1;      // rows in the variables pane (-1: not on screen)
  int editor_lines = -1;        // lines in the editor (-1: not on screen)
  std::string lesson;           // the lesson pane's text (its title when it has none)
  std::string graph;            // the wait-for graph's node labels, joined by ", "
  std::string code_lines;       // the code view's marked lines: "18:func1 20:main"
  std::string editor_error;     // the editor's first compile error ("prog.go:6:14: undefined: x"), "" if none
};

// The shared state of the views for one frame.
struct ViewState {
  // Time window shown by the timeline and counters: [t0, t1). Zoomed and panned by the timeline.
  double t0 = 0;
  double t1 = 1e6;
  bool fit = true;         // keep the whole run in view as it grows
  VirtualTime cursor = 0;  // the time cursor: code view, inspector, wait-for graph follow it
  bool follow = true;      // the cursor follows the live end of the run
  GoroutineId selected_g = kNoGoroutine;
  ObjectId selected_obj = kNoObject;
  bool presenter = false;
  float scale = 1.0f;  // font scale (presenter mode: larger)
  bool show_help = false;
  bool request_fullscreen = false;
  bool request_screenshot = false;
  bool request_record = false;  // start (or stop) recording the run as a GIF
  bool request_presenter_toggle = false;
  std::string select_tab;   // a tab to bring forward once ("Editor", "Output", "Variables"), then cleared
  std::string message;      // last status message ("saved replay to ...")
  double message_time = 0;  // ImGui::GetTime() when it was set
  Fonts fonts;
  FrameReport report;
  // Screen points the tests click through the real mouse path (`--actions click:NAME`), by name:
  // "lane:philosopher#2" (a goroutine's lane label). Refilled every frame.
  std::map<std::string, ImVec2, std::less<>> targets;

  // Screen x of virtual time t in a lane area [x0, x0 + width).
  float x_of(double t, float x0, float width) const { return x0 + static_cast<float>((t - t0) / (t1 - t0)) * width; }
  double t_of(float x, float x0, float width) const { return t0 + (x - x0) / width * (t1 - t0); }
  void set_message(std::string m) {
    message = std::move(m);
    message_time = ImGui::GetTime();
  }
  // Makes the window show [0, end] with a little margin.
  void fit_to(VirtualTime end) {
    t0 = 0;
    t1 = static_cast<double>(std::max<VirtualTime>(end, 1000)) * 1.02;
  }
  // Zooms by `factor` (< 1 zooms in) keeping time `at` at the same place.
  void zoom(double factor, double at);
};

// Width of the lane-label column shared by the timeline and counters, so their time axes line up.
float label_width(const ViewState& vs);
// Height of one goroutine lane.
float lane_height(const ViewState& vs);

}  // namespace interleave::gui
