// export.h — a recorded run as a Perfetto / Chrome trace (JSON) or as CSV.
//
// Perfetto (ui.perfetto.dev, chrome://tracing): a track per goroutine named like "G7 producer#2" with an X
// slice per state interval (reason, object and source line in args), a track per virtual processor showing
// who ran on it, a counter track per queue, semaphore and run queue, and flow arrows for send→receive and
// release→wake. CSV: one row per state interval.
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
