// names.h — how a run's goroutines, objects and times are named, everywhere: the GUI's lanes, tooltips and
// menus, the CLI's summary and bounds, the exports. One rule each, so `worker-10` is the same role in a
// `max_wait(worker)` bound as on the timeline.
#pragma once

#include <string>
#include <string_view>

#include "runtime/types.h"

namespace interleave {

// A goroutine's role: its name without a trailing number and the separator before it.
// "producer#2" -> "producer"; "philosopher 3" -> "philosopher"; "worker-10" -> "worker"; "main.worker" ->
// "main.worker"; "" -> "goroutine".
std::string role_of(std::string_view goroutine_name);

// "producer#2 (g3)"; the scheduler (no goroutine) is "scheduler", an unnamed goroutine "goroutine (g5)".
std::string goroutine_label(std::string_view name, GoroutineId g);

// "jobs (chan)", "fork 2 (Mutex)"; a kind without a short word (the run queue, a counter) is just its name;
// an unnamed object is "object 7".
std::string object_label(std::string_view name, ObjectKind kind, ObjectId o);

// Short, human units for a virtual duration, for display: "1.25 ms", "300 µs", "12 ns". (A duration as a
// value a user types or a Go program prints is Go's Duration.String(): patterns::format_duration.)
std::string format_time(Duration d);

}  // namespace interleave
