// narration.h — when each lesson note of a scenario happens in a run: the moments the GUI's banner, its
// pause-at-note and `interleave run --narrate` all agree on.
//
// A note `at = "T"` happens at T (whether or not an event falls there: it shows once the cursor passes T).
// `on = "start"` at 0; `on = "first_block"` when the first goroutine other than main blocks
// (`first_block:ROLE`: the first one with that role or name); `on = "end"` when the run ends, and
// `deadlock`, `panic`, `invariant_violation` when it ends that way. Notes of one instant keep their order in
// the file. The timeline is built incrementally from a TraceModel as the run grows.
//
//   engine::NoteTimeline notes(&scenario.lesson);
//   notes.update(model);                       // after each batch of steps
//   for (auto i : notes.showing(cursor)) show(scenario.lesson.notes[i].text);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/model/trace_model.h"
#include "scenarios/engine/scenario.h"

namespace interleave::engine {

struct NoteMoment {
  VirtualTime time = 0;
  std::size_t note = 0;  // index into Lesson::notes
};

class NoteTimeline {
 public:
  NoteTimeline() = default;
  explicit NoteTimeline(const Lesson* lesson) { reset(lesson); }
  // Forgets the run (a new run of the same lesson, or another lesson).
  void reset(const Lesson* lesson);
  // Reads what the model has added since the last call.
  void update(const TraceModel& m);
  // Every note whose moment is known so far, in time order (file order within an instant). `at` notes are
  // always known, even past the end of the run so far.
  const std::vector<NoteMoment>& moments() const { return moments_; }
  // The notes the banner shows at `cursor`: all those of the latest moment at or before it (empty if none).
  std::vector<std::size_t> showing(VirtualTime cursor) const;
  // The first moment after `t` / the last one before `t`, if any (for next/previous-note keys).
  std::optional<VirtualTime> next_after(VirtualTime t) const;
  std::optional<VirtualTime> previous_before(VirtualTime t) const;
  // When the first goroutine other than main blocked (any role), if it has.
  std::optional<VirtualTime> first_block() const { return first_block_any_; }

 private:
  void rebuild();
  const Lesson* lesson_ = nullptr;
  std::vector<std::optional<VirtualTime>> resolved_;  // by note
  std::vector<NoteMoment> moments_;
  std::vector<std::size_t> scanned_;  // by goroutine: intervals already looked at
  std::vector<char> done_;            // by goroutine: its first block is known
  std::optional<VirtualTime> first_block_any_;
  bool ended_ = false;
};

// "start", "first_block:philosopher", "at 20ms": what a note is attached to, for printing.
std::string note_trigger(const NarrationNote& n);

}  // namespace interleave::engine
