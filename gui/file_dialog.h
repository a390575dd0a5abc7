// file_dialog.h — FileDialog: a folder browser to open a scenario from any folder, and to choose where a
// replay or an exported trace is written (Dear ImGui has no file dialog of its own).
//
// A modal window: the folder's path (editable), its sub-folders and the files with the wanted extensions,
// ".." to go up, a file name field, and Open/Save. In Save mode an existing file is named before it is
// replaced.
//
//   FileDialog dlg;
//   dlg.open(FileDialog::Mode::Open, "Open a scenario", ".", "", {".toml", ".go", ".native"});
//   every frame: if (auto path = dlg.draw(vs)) run.open(*path);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

// One row of a folder listing.
struct DirEntry {
  std::string name;
  bool is_dir = false;
};
// The sub-folders (hidden ones left out) then the files ending in one of `exts` (all files if empty), each
// group sorted by name. An unreadable folder lists nothing, with `error` set.
std::vector<DirEntry> list_folder(const std::filesystem::path& dir, const std::vector<std::string>& exts,
                                  std::string* error = nullptr);

class FileDialog {
 public:
  enum class Mode { Open, Save };
  void open(Mode mode, std::string title, const std::filesystem::path& dir, std::string file_name,
            std::vector<std::string> exts);
  bool is_open() const { return open_; }
  // Draws the dialog when open; returns the chosen path once, when the user confirms.
  std::optional<std::filesystem::path> draw(const ViewState& vs);

  // What the dialog's clicks do, for scripts and tests: enter a folder (or "..") or pick a file by name
  // (a double click); false if the folder has no such entry.
  bool choose(const std::string& name);
  // Typing a file name and pressing Enter (Save mode, or Open of an existing file).
  bool confirm(const std::string& name);
  const std::filesystem::path& folder() const { return dir_; }
  const std::vector<DirEntry>& entries() const { return entries_; }

 private:
  void go(const std::filesystem::path& dir);

  Mode mode_ = Mode::Open;
  std::string title_;
  std::filesystem::path dir_;
  std::vector<std::string> exts_;
  std::vector<DirEntry> entries_;
  std::string error_;
  char dir_buf_[1024] = {};
  char name_buf_[256] = {};
  bool open_ = false;
  bool pending_popup_ = false;
  std::optional<std::filesystem::path> chosen_;
};

}  // namespace interleave::gui
