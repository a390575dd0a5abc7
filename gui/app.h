// app.h — App: the GUI's window contents, every view and the run they show (one per window). app.cpp draws
// it each frame; script.cpp drives it in tests.
#pragma once

#include "gui/browser_view.h"
#include "gui/code_view.h"
#include "gui/compare_view.h"
#include "gui/controls_view.h"
#include "gui/counters_view.h"
#include "gui/editor_view.h"
#include "gui/inspector_view.h"
#include "gui/log_view.h"
#include "gui/output_view.h"
#include "gui/run_controller.h"
#include "gui/status_view.h"
#include "gui/timeline_view.h"
#include "gui/variables_view.h"
#include "gui/waitgraph_view.h"

namespace interleave::gui {

struct App {
  RunController run;
  ViewState vs;
  ControlsView controls;
  BrowserView browser;
  TimelineView timeline;
  CountersView counters;
  CodeView code;
  InspectorView inspector;
  WaitGraphView waitgraph;
  LogView log;
  OutputView output;        // Go programs: what they wrote
  VariablesView variables;  // Go programs: variables at the cursor
  EditorView editor;        // Go programs: edit and re-run
  StatusBar status;
  HelpOverlay help;
  NarrationBanner narration;
  GoalBanner goal;
  CompareView compare;  // a second run under the first, on one time axis (when comparing)
  // Pane proportions, changed by the splitters.
  float left = 0.19f, right = 0.3f;
  float tree = 0.3f;
  float timeline_h = 0.58f, counters_h = 0.6f;
  float timeline_h_go = 0.5f, counters_h_go = 0.3f;
  float code_h = 0.4f, inspector_h = 0.45f;
  float presenter_main = 0.62f, presenter_timeline = 0.55f, presenter_counters = 0.3f;
  bool cycle_shown_ = false;
  double frame_ms = 0;

  void frame();
  void desktop_layout(float width, float body_h);
  void presenter_layout(float width, float body_h);
  void lesson_tabs();
  // The panes that are tabs for Go programs (app_panes.cpp): code | editor, variables | inspector,
  // output | event log; and presenter mode's extra tabs.
  bool go_program() const;
  void code_pane();
  void inspector_pane();
  void log_pane();
  void presenter_go_tabs();
  void compare_menu();
};

// Prints the last frame's FrameReport (and the run's position) to stdout: `interleave gui --report`.
void print_report(const App& app);

}  // namespace interleave::gui
