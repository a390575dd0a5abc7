// export.h — a recorded run as a Perfetto / Chrome trace (JSON) or as CSV.
//
// Perfetto (ui.perfetto.dev, chrome://tracing, Chrome DevTools): a thread per goroutine named like
// "G7 producer#2" with an X slice per state interval (reason, object and source line in args), a thread per
// virtual processor (thread ids after the goroutines') showing who ran on it, a counter track per queue,
// semaphore and the run queue ("buffer (#3)" with the arg "length"), and flow arrows for send→receive (from
// where the value was sent) and release→wake. Times are exact: each slice's start is the exact microsecond
// text of its nanosecond and its duration is chosen so that start + duration, added in doubles as viewers
// do, lands exactly on the end. Zero-length intervals are left out of the JSON (viewers nest them); a
// goroutine whose final state began at the run's last instant shows it as a 1 ns slice marked "final".
// Every event has a `cat`. CSV: one row per state interval, zero-length ones included.
//
//   std::ofstream f("run.json");
//   engine::write_perfetto(f, session.trace(), "dining_philosophers/naive seed 3");
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "runtime/interleave.h"

namespace interleave::engine {

enum class ExportFormat { Perfetto, Csv, Native };
std::optional<ExportFormat> parse_export_format(std::string_view name);

void write_perfetto(std::ostream& out, const TraceRecorder& trace, const std::string& title);
void write_csv(std::ostream& out, const TraceRecorder& trace);

// A source file path as exports show it: relative to the source tree when it is inside it.
std::string display_path(std::string_view file);
// Writes `s` as a JSON string literal (with quotes).
void write_json_string(std::ostream& out, std::string_view s);

}  // namespace interleave::engine
