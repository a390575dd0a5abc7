// file_dialog.cpp — the modal folder browser behind File > Open, Save replay and Export.
#include "gui/file_dialog.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <system_error>

namespace interleave::gui {

namespace fs = std::filesystem;

namespace {
void copy_text(char* dst, std::size_t size, const std::string& s) { std::snprintf(dst, size, "%s", s.c_str()); }
}  // namespace

void FileDialog::open(Mode mode, const fs::path& folder, const std::string& name) {
  mode_ = mode;
  open_ = popup_pending_ = true;
  copy_text(name_, sizeof name_, name);
  list(folder);
}

bool FileDialog::wanted(const fs::path& file) const {
  if (mode_ != Mode::Open) return true;
  const std::string ext = file.extension().string();
  return ext == ".toml" || ext == ".go" || ext == ".native";
}

void FileDialog::list(const fs::path& folder) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(folder, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    error_ = "not a folder: " + folder.string();
    return;
  }
  std::vector<fs::path> dirs, files;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // hidden files and folders
    std::error_code e2;
    if (it->is_directory(e2))
      dirs.push_back(it->path());
    else if (wanted(it->path()))
      files.push_back(it->path());
  }
  if (ec) {
    error_ = "cannot read " + dir.string() + ": " + ec.message();
    return;
  }
  std::ranges::sort(dirs);
  std::ranges::sort(files);
  folder_ = dir;
  dirs_ = std::move(dirs);
  files_ = std::move(files);
  copy_text(folder_text_, sizeof folder_text_, folder_.string());
  error_.clear();
}

std::optional<fs::path> FileDialog::draw(ViewState& vs) {
  if (!open_) return std::nullopt;
  const char* title = mode_ == Mode::Open         ? "Open a scenario, Go program or recording###file_dialog"
                      : mode_ == Mode::SaveReplay ? "Save the replay as###file_dialog"
                                                  : "Export the trace as###file_dialog";
  if (popup_pending_) {
    ImGui::OpenPopup("###file_dialog");
    popup_pending_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x * 0.6f, vp->Size.y * 0.7f), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  std::optional<fs::path> chosen;
  // Opaque, over a dimmed window (the panes' own backgrounds are see-through).
  ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  bg.w = 1.0f;
  ImGui::PushStyleColor(ImGuiCol_PopupBg, bg);
  const bool shown = ImGui::BeginPopupModal(title, &open_, ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  if (!shown) return std::nullopt;
  ImGui::TextUnformatted("Folder:");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputText("##folder", folder_text_, sizeof folder_text_, ImGuiInputTextFlags_EnterReturnsTrue))
    list(folder_text_);
  if (!error_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.35f, 1.0f), "%s", error_.c_str());
  const float footer = ImGui::GetFrameHeightWithSpacing() * (mode_ == Mode::Open ? 1.3f : 2.3f);
  ImGui::BeginChild("entries", ImVec2(0, -footer), true);
  std::optional<fs::path> go_to;
  auto entry = [&](const std::string& label, const std::string& target) {
    bool clicked = ImGui::Selectable(label.c_str());
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    vs.targets["file:" + target] = ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    return clicked;
  };
  if (folder_.has_parent_path() && folder_.parent_path() != folder_ && entry("\xE2\x86\x91 ..  (up)", ".."))
    go_to = folder_.parent_path();
  for (const fs::path& d : dirs_)
    if (entry(d.filename().string() + "/", d.filename().string())) go_to = d;
  for (const fs::path& f : files_) {
    if (!entry(f.filename().string(), f.filename().string())) continue;
    if (mode_ == Mode::Open)
      chosen = f;
    else
      copy_text(name_, sizeof name_, f.filename().string());
  }
  if (dirs_.empty() && files_.empty())
    ImGui::TextDisabled(mode_ == Mode::Open ? "(no scenarios, programs or recordings here)" : "(empty)");
  ImGui::EndChild();
  if (go_to) list(*go_to);
  if (mode_ != Mode::Open) {
    ImGui::TextUnformatted("File name:");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputText("##name", name_, sizeof name_, ImGuiInputTextFlags_EnterReturnsTrue) && name_[0])
      chosen = folder_ / name_;
    bool save = ImGui::Button("Save");
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    vs.targets["file-dialog:save"] = ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    if (save && name_[0]) chosen = folder_ / name_;
    ImGui::SameLine();
  }
  if (ImGui::Button("Cancel")) open_ = false;
  vs.report.dialog =
      folder_.string() + " (" + std::to_string(dirs_.size()) + " folders, " + std::to_string(files_.size()) + " files)";
  if (chosen) open_ = false;
  if (!open_) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return chosen;
}

}  // namespace interleave::gui
