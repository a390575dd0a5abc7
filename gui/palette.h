// palette.h — the state colours as plain RGB, shared by the GUI (ui.cpp) and the screenshot checker
// (tests/gui/png_check.cpp), so a test looks for exactly the colours the timeline draws.
#pragma once

#include <cstdint>

namespace interleave::gui::palette {

struct Rgb {
  std::uint8_t r, g, b;
};

inline constexpr Rgb kRunning{60, 179, 75};
inline constexpr Rgb kRunnable{240, 190, 50};
inline constexpr Rgb kBlockedChannel{240, 120, 40};
inline constexpr Rgb kBlockedLock{220, 45, 45};
inline constexpr Rgb kBlockedSync{160, 90, 210};
inline constexpr Rgb kSleeping{90, 160, 230};
inline constexpr Rgb kDone{110, 110, 110};

struct Named {
  const char* name;
  Rgb rgb;
};
inline constexpr Named kStates[] = {
    {"running", kRunning},           {"runnable", kRunnable},         {"blocked: channel", kBlockedChannel},
    {"blocked: lock", kBlockedLock}, {"blocked: sync", kBlockedSync}, {"sleeping", kSleeping},
};

}  // namespace interleave::gui::palette
