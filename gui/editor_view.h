// editor_view.h — EditorView: the Go program's text, editable in the window. Run checks it as Go's compiler
// would: errors are listed at their line and column in Go's words (with the line quoted and the column
// marked) and the run on screen stays; a program that compiles replaces the run. Save writes the text back
// to the program's file (which the file watcher then reloads).
//
//   EditorView editor;
//   editor.draw(run, vs);
//   editor.set_text(run, text); editor.run_text(run, vs);   // what typing and the Run button do (--actions)
#pragma once

#include <string>
#include <vector>

#include "gui/ui.h"
#include "scenarios/engine/program.h"

namespace interleave::gui {

class EditorView {
 public:
  void draw(RunController& run, ViewState& vs);
  void set_text(RunController& run, std::string text);
  // Checks the text and runs it; false (with errors()) when it does not compile.
  bool run_text(RunController& run, ViewState& vs);
  // Writes the text to the program's file; false with a message in vs when it cannot.
  bool save(RunController& run, ViewState& vs);
  const std::vector<engine::ProgramError>& errors() const { return errors_; }

 private:
  void sync(RunController& run);  // takes the program's text when another program is on screen

  std::string text_;
  std::string program_name_;  // the program the text belongs to
  std::string program_text_;  // its text as last run or loaded
  std::vector<engine::ProgramError> errors_;
};

}  // namespace interleave::gui
