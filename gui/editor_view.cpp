// editor_view.cpp — editing, checking and re-running the Go program in the window.
#include "gui/editor_view.h"

#include <algorithm>
#include <cfloat>
#include <fstream>

#include "gui/run_controller.h"

namespace interleave::gui {

namespace {
// ImGui's text editing writes into a char buffer; this lets it grow a std::string.
int resize_string(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

std::string_view line_of(std::string_view text, std::uint32_t n) {
  for (std::uint32_t i = 1; i < n; ++i) {
    auto nl = text.find('\n');
    if (nl == std::string_view::npos) return {};
    text.remove_prefix(nl + 1);
  }
  return text.substr(0, text.find('\n'));
}
}  // namespace

void EditorView::sync(RunController& run) {
  const engine::Program& p = run.session().program();
  std::string text(p.source_text(p.name()));
  if (p.name() == program_name_ && text == program_text_) return;
  const bool edited = p.name() == program_name_ && text_ != program_text_;
  program_name_ = p.name();
  program_text_ = text;
  if (!edited) {  // a new program, or the file changed on disk: show it (unsaved edits are kept)
    text_ = text;
    errors_.clear();
  }
}

void EditorView::set_text(RunController& run, std::string text) {
  if (run.has_run()) sync(run);  // the program on screen first, so the new text counts as an edit of it
  text_ = std::move(text);
}

bool EditorView::run_text(RunController& run, ViewState& vs) {
  if (!run.has_run()) return false;
  engine::ProgramLoad load = engine::load_program_text(text_, run.session().program().name());
  errors_ = load.errors;
  if (!load.program) {
    vs.set_message("the program does not compile: the run on screen is the old program's");
    return false;
  }
  program_text_ = text_;
  run.replace_program(load.program);
  vs.fit = vs.follow = true;
  vs.set_message("running the edited program");
  return true;
}

bool EditorView::save(RunController& run, ViewState& vs) {
  if (!run.has_run()) return false;
  const std::string path = run.session().program().name();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!(out << text_) || !out.flush()) {
    vs.set_message("could not write " + path + " (is the folder writable?)");
    return false;
  }
  vs.set_message("saved " + path);
  return true;
}

void EditorView::draw(RunController& run, ViewState& vs) {
  if (!run.has_run()) {
    ImGui::TextDisabled("No run.");
    return;
  }
  if (run.session().program().kind() != "go") {
    ImGui::TextDisabled("The compiled patterns cannot be edited here (a Go program can).");
    return;
  }
  sync(run);
  const bool edited = text_ != program_text_;
  if (ImGui::Button("Run")) run_text(run, vs);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Check the program as Go's compiler would, then run it");
  ImGui::SameLine();
  if (ImGui::Button("Save")) save(run, vs);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Write the text to %s", run.session().program().name().c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(!edited);
  if (ImGui::Button("Revert")) {
    text_ = program_text_;
    errors_.clear();
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled(edited ? "edited (Run to see it)" : "as running");
  // The errors, each with its line quoted and the column marked, as a compiler would show them.
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  float errors_h = errors_.empty() ? 0 : std::min<float>(6, 2 * errors_.size() + 1) * line_h;
  ImGui::PushFont(vs.fonts.mono);
  ImGui::InputTextMultiline("##source", text_.data(), text_.capacity() + 1,
                            ImVec2(-FLT_MIN, std::max(3 * line_h, ImGui::GetContentRegionAvail().y - errors_h)),
                            ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackResize, resize_string,
                            &text_);
  if (!errors_.empty()) {
    ImGui::BeginChild("errors", ImVec2(0, 0));
    for (const auto& e : errors_) {
      std::string where = e.line ? "line " + std::to_string(e.line) + ":" + std::to_string(e.column) : e.file;
      ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.35f, 1.0f), "%s: %s", where.c_str(), e.message.c_str());
      if (e.line) {
        std::string src(line_of(text_, e.line));
        std::replace(src.begin(), src.end(), '\t', ' ');
        ImGui::TextUnformatted(("    " + src).c_str());
        ImGui::TextUnformatted((std::string(4 + (e.column ? e.column - 1 : 0), ' ') + "^").c_str());
      }
    }
    ImGui::EndChild();
    const auto& e = errors_.front();
    vs.report.editor_error =
        e.file + (e.line ? ":" + std::to_string(e.line) + ":" + std::to_string(e.column) : "") + ": " + e.message;
  }
  ImGui::PopFont();
  vs.report.editor_lines = 1 + static_cast<int>(std::count(text_.begin(), text_.end(), '\n'));
}

}  // namespace interleave::gui
