// file_dialog.cpp — the folder browser (see file_dialog.h).
#include "gui/file_dialog.h"

#include <algorithm>
#include <cstring>
#include <system_error>

namespace interleave::gui {

namespace fs = std::filesystem;

std::vector<DirEntry> list_folder(const fs::path& dir, const std::vector<std::string>& exts, std::string* error) {
  std::vector<DirEntry> dirs, files;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    if (error) *error = "cannot read " + dir.string() + ": " + ec.message();
    return {};
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code e2;
    if (it->is_directory(e2)) {
      dirs.push_back({name, true});
    } else if (exts.empty() || std::ranges::any_of(exts, [&](const std::string& x) { return name.ends_with(x); })) {
      files.push_back({name, false});
    }
  }
  auto by_name = [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; };
  std::ranges::sort(dirs, by_name);
  std::ranges::sort(files, by_name);
  dirs.insert(dirs.end(), files.begin(), files.end());
  if (error) error->clear();
  return dirs;
}

namespace {
void copy_to(char* buf, std::size_t size, const std::string& s) {
  std::size_t n = std::min(size - 1, s.size());
  std::memcpy(buf, s.data(), n);
  buf[n] = '\0';
}
}  // namespace

void FileDialog::open(Mode mode, std::string title, const fs::path& dir, std::string file_name,
                      std::vector<std::string> exts) {
  mode_ = mode;
  title_ = std::move(title);
  exts_ = std::move(exts);
  copy_to(name_buf_, sizeof name_buf_, file_name);
  std::error_code ec;
  fs::path abs = fs::absolute(dir.empty() ? fs::path(".") : dir, ec);
  go(ec ? dir : abs.lexically_normal());
  open_ = pending_popup_ = true;
  chosen_.reset();
}

void FileDialog::go(const fs::path& dir) {
  fs::path d = dir;
  if (d.has_filename() == false && d.has_parent_path() && d != d.root_path()) d = d.parent_path();  // "a/b/" -> "a/b"
  dir_ = d;
  entries_ = list_folder(dir_, exts_, &error_);
  copy_to(dir_buf_, sizeof dir_buf_, dir_.string());
}

bool FileDialog::choose(const std::string& name) {
  if (name == "..") {
    go(dir_.has_parent_path() ? dir_.parent_path() : dir_);
    return true;
  }
  auto it = std::ranges::find(entries_, name, &DirEntry::name);
  if (it == entries_.end()) return false;
  if (it->is_dir) {
    go(dir_ / name);
  } else {
    copy_to(name_buf_, sizeof name_buf_, name);
    chosen_ = dir_ / name;
  }
  return true;
}

bool FileDialog::confirm(const std::string& name) {
  fs::path target = fs::path(name).is_absolute() ? fs::path(name) : dir_ / name;
  std::error_code ec;
  if (name.empty() || (mode_ == Mode::Open && !fs::is_regular_file(target, ec))) return false;
  copy_to(name_buf_, sizeof name_buf_, name);
  chosen_ = target;
  return true;
}

std::optional<fs::path> FileDialog::draw(const ViewState& vs) {
  if (!open_) return std::nullopt;
  if (pending_popup_) {
    ImGui::OpenPopup(title_.c_str());
    pending_popup_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(
      ImVec2(std::min(vp->Size.x * 0.9f, 760 * vs.scale), std::min(vp->Size.y * 0.85f, 560 * vs.scale)),
      ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  bool keep = true;
  if (!ImGui::BeginPopupModal(title_.c_str(), &keep)) {
    if (!keep) open_ = false;
    return std::nullopt;
  }
  std::optional<fs::path> result;
  // The folder: type a path and press Enter, or click through the list.
  ImGui::TextUnformatted("Folder");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##folder", dir_buf_, sizeof dir_buf_, ImGuiInputTextFlags_EnterReturnsTrue)) go(dir_buf_);
  if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", error_.c_str());
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f;
  ImGui::BeginChild("entries", ImVec2(0, -footer), true);
  std::string enter;  // chosen by a click this frame (acted on after the loop: it changes the list)
  if (ImGui::Selectable("..", false, ImGuiSelectableFlags_AllowDoubleClick)) enter = "..";
  for (const DirEntry& e : entries_) {
    std::string label = e.is_dir ? e.name + "/" : e.name;
    bool selected = !e.is_dir && e.name == name_buf_;
    if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick)) {
      if (e.is_dir || ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        enter = e.name;
      else
        copy_to(name_buf_, sizeof name_buf_, e.name);
    }
  }
  if (entries_.empty() && error_.empty())
    ImGui::TextDisabled(exts_.empty() ? "(empty folder)" : "(no sub-folders or matching files here)");
  ImGui::EndChild();
  if (!enter.empty()) choose(enter);

  ImGui::TextUnformatted("File");
  ImGui::SameLine();
  const float buttons = 180 * vs.scale;
  ImGui::SetNextItemWidth(-buttons);
  bool confirm = ImGui::InputText("##file", name_buf_, sizeof name_buf_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  const bool has_name = name_buf_[0] != '\0';
  if (!has_name) ImGui::BeginDisabled();
  confirm |= ImGui::Button(mode_ == Mode::Open ? "Open" : "Save");
  if (!has_name) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  if (has_name) {
    fs::path target = fs::path(name_buf_).is_absolute() ? fs::path(name_buf_) : dir_ / name_buf_;
    std::error_code ec;
    if (mode_ == Mode::Save && fs::exists(target, ec))
      ImGui::TextColored(ImVec4(1, 0.75f, 0.3f, 1), "%s exists: saving replaces it",
                         target.filename().string().c_str());
    if (confirm && (mode_ == Mode::Save || fs::is_regular_file(target, ec))) {
      result = target;
      open_ = false;
      ImGui::CloseCurrentPopup();
    } else if (confirm && fs::is_directory(target, ec)) {
      go(target);
      name_buf_[0] = '\0';
    }
  }
  if (chosen_) {  // a double-clicked file, or one a script chose
    result = std::move(chosen_);
    chosen_.reset();
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return result;
}

}  // namespace interleave::gui
