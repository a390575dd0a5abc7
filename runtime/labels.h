// labels.h — what a goroutine says it is doing ("eating", "thinking", "in the room"): the label API.
//
// A goroutine calls interleave::doing("eating") and, until it says something else (or doing("") clears it),
// the timeline, inspector, hover and exports show that next to its state. A label is recorded as a Note
// event with b = kLabelNote and value = the label's id in a table shared by every run of the process
// (append-only, thread-safe: `check --jobs` runs scenarios on several threads).
//
//   interleave::doing("eating");
//   interleave::work(eat_time);
//   interleave::doing("thinking");
#pragma once

#include <cstdint>
#include <string_view>

namespace interleave {

inline constexpr std::uint8_t kLabelNote = 1;  // Event::b of a Note event that sets a goroutine's label

// The id of a label text (0 is the empty label: nothing said).
std::uint32_t intern_label(std::string_view text);
// The text of a label id ("" for 0 or an unknown id). The view stays valid for the life of the process.
std::string_view label_text(std::uint32_t id);

}  // namespace interleave
