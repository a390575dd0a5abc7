// file_dialog.h — FileDialog: choosing a file to open (any folder, not only the shipped scenarios) or where
// to write one (Save replay, Export), in a modal window: the folder's path (editable), its sub-folders and
// its files (for opening: scenarios, Go programs and recordings), and for saving a file name.
//
//   FileDialog dialog;
//   dialog.open(FileDialog::Mode::Open, folder);           // File > Open...
//   if (auto path = dialog.draw(vs)) run.open(*path);      // every frame; a path once one is chosen
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gui/ui.h"

namespace interleave::gui {

class FileDialog {
 public:
  enum class Mode { Open, SaveReplay, Export };
  void open(Mode mode, const std::filesystem::path& folder, const std::string& name = {});
  // Draws the dialog while it is open; returns the chosen path once (the dialog then closes).
  std::optional<std::filesystem::path> draw(ViewState& vs);
  bool is_open() const { return open_; }
  Mode mode() const { return mode_; }

 private:
  void list(const std::filesystem::path& folder);
  bool wanted(const std::filesystem::path& file) const;

  Mode mode_ = Mode::Open;
  bool open_ = false, popup_pending_ = false;
  std::filesystem::path folder_;
  char folder_text_[1024] = "";
  char name_[256] = "";
  std::vector<std::filesystem::path> dirs_, files_;
  std::string error_;
};

}  // namespace interleave::gui
