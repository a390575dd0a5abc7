// gui_entry.h — how the CLI hands over to the GUI (implemented in gui/, or by a stub when built without it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace interleave::engine {

struct GuiRequest {
  std::string scenario_path;              // the scenario to open
  std::optional<std::string> screenshot;  // --screenshot PATH: render, write a PNG, exit
  std::optional<std::uint64_t> steps;     // --steps N: run N scheduler steps before the screenshot
  std::optional<std::string> at;          // --at TIME: run to this virtual time ("20ms") before it
  int width = 1600;                       // --size WxH
  int height = 900;
  std::optional<int> bench_frames;  // --bench-frames N: render N frames, print p50/p95 frame time
  bool presenter = false;           // --presenter: large fonts, high contrast
  bool fullscreen = false;          // --fullscreen
};

// Runs the GUI; returns the process exit status.
int gui_main(const GuiRequest& req);

// True if this build has a GUI and a display is available to show it.
bool gui_available();

}  // namespace interleave::engine
