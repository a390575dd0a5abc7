// paths.cpp — locating the scenarios folder.
#include "scenarios/engine/paths.h"

#include <string_view>
#include <system_error>
#include <vector>

#ifndef INTERLEAVE_SOURCE_ROOT
#define INTERLEAVE_SOURCE_ROOT ""
#endif

namespace interleave::engine {

namespace fs = std::filesystem;

std::optional<fs::path> find_scenarios_dir() {
  std::error_code ec;
  std::vector<fs::path> candidates;
  if (fs::path cwd = fs::current_path(ec); !ec) candidates.push_back(cwd / "scenarios");
  if (fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec) {
    candidates.push_back(exe.parent_path().parent_path() / "scenarios");
    candidates.push_back(exe.parent_path() / "scenarios");
  }
  if (std::string_view root = INTERLEAVE_SOURCE_ROOT; !root.empty()) candidates.push_back(fs::path(root) / "scenarios");
  for (const auto& c : candidates)
    if (fs::is_directory(c, ec)) return c;
  return std::nullopt;
}

}  // namespace interleave::engine
