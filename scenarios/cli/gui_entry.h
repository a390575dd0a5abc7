// gui_entry.h — how the CLI hands over to the GUI (implemented in gui/, or by a stub when built without it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace interleave::engine {

struct GuiRequest {
  std::string scenario_path;              // the scenario to open
  std::optional<std::string> screenshot;  // --screenshot PATH: render, write a PNG, exit
  std::optional<std::uint64_t> steps;     // --steps N: run N scheduler steps before the screenshot
  std::optional<std::string> at;          // --at TIME: run to this virtual time ("20ms") before it
  int width = 1600;                       // --size WxH
  int height = 900;
  std::optional<int> bench_frames;     // --bench-frames N: render N frames, print p50/p95 frame time
  bool presenter = false;              // --presenter: large fonts, high contrast
  bool fullscreen = false;             // --fullscreen
  std::optional<double> speed;         // --speed 5ms/s: playback speed, virtual ns per wall-clock second
  std::optional<double> play_for;      // --play-for 2s: play for this many wall-clock seconds, print the time, exit
  std::optional<std::string> record;   // --record out.gif: render the run as an animated GIF, exit
  std::vector<std::string> actions;    // --actions: scripted commands between frames (tests), see gui/app.cpp
  bool report = false;                 // --report: print what the last frame showed
  std::optional<std::string> compare;  // --compare FILE: a second run under the first, one time axis
  std::optional<std::uint64_t> compare_seed;  // --compare-seed N: the same scenario with seed N under it
};

// Runs the GUI; returns the process exit status.
int gui_main(const GuiRequest& req);

// True if this build has a GUI and a display is available to show it.
bool gui_available();

}  // namespace interleave::engine
