// narration.cpp — resolving lesson notes to moments of a run (see narration.h).
#include "scenarios/engine/narration.h"

#include <algorithm>

namespace interleave::engine {

namespace {
constexpr std::string_view kFirstBlockRole = "first_block:";

bool ends_as(const std::string& on, Outcome o) {
  return on == "end" || (on == "deadlock" && o == Outcome::Deadlock) ||
         (on == "panic" && (o == Outcome::Panic || o == Outcome::Fatal)) ||
         (on == "invariant_violation" && o == Outcome::InvariantViolation);
}
}  // namespace

std::string note_trigger(const NarrationNote& n) {
  if (n.at) return "at " + format_time(*n.at);
  return n.on;
}

void NoteTimeline::reset(const Lesson* lesson) {
  lesson_ = lesson;
  resolved_.assign(lesson ? lesson->notes.size() : 0, std::nullopt);
  scanned_.clear();
  done_.clear();
  first_block_any_.reset();
  ended_ = false;
  if (lesson_)
    for (std::size_t i = 0; i < lesson_->notes.size(); ++i) {
      const NarrationNote& n = lesson_->notes[i];
      if (n.at)
        resolved_[i] = *n.at;
      else if (n.on == "start")
        resolved_[i] = 0;
    }
  rebuild();
}

void NoteTimeline::update(const TraceModel& m) {
  if (!lesson_ || lesson_->notes.empty()) return;
  bool changed = false;
  // First blocks: scan only the intervals that are new (only the last one of a lane can still change).
  scanned_.resize(m.goroutine_count() + 1, 0);
  done_.resize(m.goroutine_count() + 1, 0);
  for (GoroutineId g = 2; g <= m.goroutine_count(); ++g) {  // g 1 is main
    if (done_[g]) continue;
    const auto& ivs = m.intervals(g);
    for (std::size_t i = scanned_[g]; i < ivs.size() && !done_[g]; ++i) {
      if (ivs[i].state != GState::Blocked) continue;
      done_[g] = 1;  // only a goroutine's first block matters
      VirtualTime t = ivs[i].start;
      if (!first_block_any_ || t < *first_block_any_) first_block_any_ = t;
      for (std::size_t k = 0; k < lesson_->notes.size(); ++k) {
        std::string_view on = lesson_->notes[k].on;
        bool match = on == "first_block" ||
                     (on.starts_with(kFirstBlockRole) && (m.role_of(g) == on.substr(kFirstBlockRole.size()) ||
                                                          m.name(g) == on.substr(kFirstBlockRole.size())));
        if (match && (!resolved_[k] || t < *resolved_[k])) {
          resolved_[k] = t;
          changed = true;
        }
      }
    }
    if (!done_[g]) scanned_[g] = ivs.empty() ? 0 : ivs.size() - 1;
  }
  const RunEndInfo& re = m.run_end();
  if (re.ended && !ended_) {
    ended_ = true;
    for (std::size_t k = 0; k < lesson_->notes.size(); ++k) {
      const NarrationNote& n = lesson_->notes[k];
      if (!n.at && ends_as(n.on, re.outcome)) {
        resolved_[k] = re.time;
        changed = true;
      }
    }
  }
  if (changed) rebuild();
}

void NoteTimeline::rebuild() {
  moments_.clear();
  for (std::size_t i = 0; i < resolved_.size(); ++i)
    if (resolved_[i]) moments_.push_back(NoteMoment{*resolved_[i], i});
  std::ranges::stable_sort(moments_, {}, &NoteMoment::time);
}

std::vector<std::size_t> NoteTimeline::showing(VirtualTime cursor) const {
  std::vector<std::size_t> out;
  auto it = std::ranges::upper_bound(moments_, cursor, {}, &NoteMoment::time);
  if (it == moments_.begin()) return out;
  VirtualTime t = std::prev(it)->time;
  auto first = std::ranges::lower_bound(moments_, t, {}, &NoteMoment::time);
  for (; first != it; ++first) out.push_back(first->note);
  return out;
}

std::optional<VirtualTime> NoteTimeline::next_after(VirtualTime t) const {
  auto it = std::ranges::upper_bound(moments_, t, {}, &NoteMoment::time);
  if (it == moments_.end()) return std::nullopt;
  return it->time;
}

std::optional<VirtualTime> NoteTimeline::previous_before(VirtualTime t) const {
  auto it = std::ranges::lower_bound(moments_, t, {}, &NoteMoment::time);
  if (it == moments_.begin()) return std::nullopt;
  return std::prev(it)->time;
}

}  // namespace interleave::engine
