// app_panes.cpp — the panes that become tabs when the run is a Go program: the code and its editor, the
// variables and the inspector, the program's output and the event log (first the Go-specific one).
#include <string>

#include "gui/app.h"

namespace interleave::gui {

namespace {
// A tab, brought forward when vs.select_tab names it.
bool tab(const char* name, ViewState& vs) {
  ImGuiTabItemFlags flags = 0;
  if (vs.select_tab == name) {
    flags |= ImGuiTabItemFlags_SetSelected;
    vs.select_tab.clear();
  }
  return ImGui::BeginTabItem(name, nullptr, flags);
}
}  // namespace

bool App::go_program() const { return run.has_run() && run.session().program().kind() == "go"; }

void App::code_pane() {
  if (!go_program()) {
    code.draw(run, vs);
    return;
  }
  if (ImGui::BeginTabBar("code_tabs")) {
    if (tab("Code", vs)) {
      code.draw(run, vs);
      ImGui::EndTabItem();
    }
    if (tab("Editor", vs)) {
      editor.draw(run, vs);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

void App::inspector_pane() {
  if (!go_program()) {
    inspector.draw(run, vs);
    return;
  }
  if (ImGui::BeginTabBar("inspector_tabs")) {
    if (tab("Variables", vs)) {
      variables.draw(run, vs);
      ImGui::EndTabItem();
    }
    if (tab("Inspector", vs)) {
      ImGui::BeginChild("inspector_body");
      inspector.draw(run, vs);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

void App::log_pane() {
  if (!go_program()) {
    log.draw(run, vs);
    return;
  }
  if (ImGui::BeginTabBar("log_tabs")) {
    if (tab("Output", vs)) {
      output.draw(run, vs);
      ImGui::EndTabItem();
    }
    if (tab("Event log", vs)) {
      log.draw(run, vs);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

void App::presenter_go_tabs() {
  if (!go_program()) return;
  if (tab("Output", vs)) {
    output.draw(run, vs);
    ImGui::EndTabItem();
  }
  if (tab("Variables", vs)) {
    variables.draw(run, vs);
    ImGui::EndTabItem();
  }
  if (tab("Editor", vs)) {
    editor.draw(run, vs);
    ImGui::EndTabItem();
  }
}

}  // namespace interleave::gui
