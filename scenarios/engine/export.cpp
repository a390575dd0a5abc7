// export.cpp — Perfetto/Chrome trace JSON and CSV, written by hand (streaming, deterministic, no DOM).
#include "scenarios/engine/export.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "scenarios/engine/analysis.h"

#ifndef INTERLEAVE_SOURCE_ROOT
#define INTERLEAVE_SOURCE_ROOT ""
#endif

namespace interleave::engine {

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "perfetto" || name == "chrome" || name == "json") return ExportFormat::Perfetto;
  if (name == "csv") return ExportFormat::Csv;
  if (name == "native") return ExportFormat::Native;
  return std::nullopt;
}

std::string display_path(std::string_view file) {
  std::string_view root = INTERLEAVE_SOURCE_ROOT;
  if (!root.empty() && file.size() > root.size() + 1 && file.substr(0, root.size()) == root && file[root.size()] == '/')
    return std::string(file.substr(root.size() + 1));
  return std::string(file);
}

void write_json_string(std::ostream& out, std::string_view s) {
  out << '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out << buf;
        } else {
          out << ch;
        }
    }
  }
  out << '"';
}

namespace {

// Microseconds with nanosecond precision, exactly ("12.345"): Chrome traces count in microseconds.
void write_us(std::ostream& out, VirtualTime ns) {
  if (ns < 0) {
    out << '-';
    ns = -ns;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ns / 1000), static_cast<long long>(ns % 1000));
  out << buf;
}

std::string goroutine_label(const TraceRecorder& t, GoroutineId g) {
  std::string name = g < t.goroutines().size() ? t.goroutines()[g].name : std::string();
  return "G" + std::to_string(g) + " " + name;
}

std::string object_label(const TraceRecorder& t, ObjectId o) {
  if (o == kNoObject || o >= t.objects().size()) return {};
  return t.objects()[o].name + " (" + std::string(to_string(t.objects()[o].kind)) + " #" + std::to_string(o) + ")";
}

std::string source_of(const TraceRecorder& t, SrcLocId id) {
  if (id == 0 || id >= t.srclocs().size()) return {};
  const SrcLoc& s = t.srclocs()[id];
  return display_path(s.file) + ":" + std::to_string(s.line);
}

std::string slice_name(const StateInterval& iv) {
  if (iv.state == GState::Blocked && iv.reason != WaitReason::None) return std::string(to_string(iv.reason));
  return std::string(to_string(iv.state));
}

void metadata(std::ostream& out, bool& first, const char* what, int pid, int tid, const std::string& name,
              std::int64_t sort_index) {
  out << (first ? "\n" : ",\n");
  first = false;
  out << "{\"ph\":\"M\",\"name\":\"" << what << "\",\"pid\":" << pid << ",\"tid\":" << tid << ",\"args\":{\"name\":";
  write_json_string(out, name);
  out << "}}";
  out << ",\n{\"ph\":\"M\",\"name\":\"" << (tid == 0 ? "process_sort_index" : "thread_sort_index")
      << "\",\"pid\":" << pid << ",\"tid\":" << tid << ",\"args\":{\"sort_index\":" << sort_index << "}}";
}

constexpr int kGoroutinePid = 1;
constexpr int kProcessorPid = 2;

}  // namespace

void write_perfetto(std::ostream& out, const TraceRecorder& t, const std::string& title) {
  out << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[";
  bool first = true;
  auto next = [&] {
    out << (first ? "\n" : ",\n");
    first = false;
  };
  metadata(out, first, "process_name", kGoroutinePid, 0, title + " — goroutines", 1);
  metadata(out, first, "process_name", kProcessorPid, 0, title + " — processors", 2);
  for (std::size_t g = 1; g < t.goroutines().size(); ++g)
    metadata(out, first, "thread_name", kGoroutinePid, static_cast<int>(g),
             goroutine_label(t, static_cast<GoroutineId>(g)), static_cast<std::int64_t>(g));
  int max_proc = -1;
  auto intervals = state_intervals(t);
  for (const auto& iv : intervals) max_proc = std::max(max_proc, iv.processor);
  for (int p = 0; p <= max_proc; ++p)
    metadata(out, first, "thread_name", kProcessorPid, p + 1, "P" + std::to_string(p), p + 1);

  // What each goroutine said it was doing (interleave::doing), to name in its slices' args.
  std::vector<std::vector<std::pair<VirtualTime, std::uint32_t>>> labels;
  t.for_each([&](const Event& e) {
    if (e.type != EventType::Note || e.b != kLabelNote) return;
    if (labels.size() <= e.g) labels.resize(e.g + 1);
    labels[e.g].emplace_back(e.time, static_cast<std::uint32_t>(e.value));
  });
  auto doing_at = [&](GoroutineId g, VirtualTime at) -> std::string_view {
    if (g >= labels.size()) return {};
    auto it = std::upper_bound(labels[g].begin(), labels[g].end(), at,
                               [](VirtualTime v, const auto& l) { return v < l.first; });
    return it == labels[g].begin() ? std::string_view() : label_text(std::prev(it)->second);
  };
  // State slices, one per interval, on the goroutine's track; running ones also on their processor's track.
  for (const auto& iv : intervals) {
    next();
    out << "{\"ph\":\"X\",\"pid\":" << kGoroutinePid << ",\"tid\":" << iv.g << ",\"ts\":";
    write_us(out, iv.start);
    out << ",\"dur\":";
    write_us(out, iv.end - iv.start);
    out << ",\"cat\":\"" << to_string(iv.state) << "\",\"name\":";
    write_json_string(out, slice_name(iv));
    out << ",\"args\":{\"state\":\"" << to_string(iv.state) << "\"";
    if (iv.reason != WaitReason::None) out << ",\"reason\":\"" << to_string(iv.reason) << "\"";
    if (std::string_view what = doing_at(iv.g, iv.start); !what.empty()) {
      out << ",\"doing\":";
      write_json_string(out, std::string(what));
    }
    if (iv.object != kNoObject) {
      out << ",\"object\":";
      write_json_string(out, object_label(t, iv.object));
    }
    if (iv.processor >= 0) out << ",\"processor\":" << iv.processor;
    if (auto src = source_of(t, iv.srcloc); !src.empty()) {
      out << ",\"source\":";
      write_json_string(out, src);
    }
    out << "}}";
    if (iv.processor >= 0) {
      next();
      out << "{\"ph\":\"X\",\"pid\":" << kProcessorPid << ",\"tid\":" << iv.processor + 1 << ",\"ts\":";
      write_us(out, iv.start);
      out << ",\"dur\":";
      write_us(out, iv.end - iv.start);
      out << ",\"cat\":\"processor\",\"name\":";
      write_json_string(out, goroutine_label(t, iv.g));
      out << "}";
    }
  }

  // Counters, flows.
  std::uint64_t flow_id = 0;
  auto write_counter = [&](VirtualTime time, ObjectId object, CounterKind counter, std::int64_t value) {
    if (object == kNoObject || object >= t.objects().size()) return;
    next();
    std::string kind(to_string(counter));
    out << "{\"ph\":\"C\",\"pid\":" << kGoroutinePid << ",\"ts\":";
    write_us(out, time);
    out << ",\"name\":";
    write_json_string(out, t.objects()[object].name + " " + kind + " (#" + std::to_string(object) + ")");
    out << ",\"cat\":\"" << to_string(t.objects()[object].kind) << "\",\"args\":{\"" << kind << "\":" << value << "}}";
  };
  RunnableCount runnable;  // the run queue's length track comes from the state changes
  ObjectId run_queue = t.run_queue();
  t.for_each([&](const Event& e) {
    switch (e.type) {
      case EventType::Counter: write_counter(e.time, e.object, e.counter(), e.value); break;
      case EventType::State:
        if (runnable.on_event(e)) write_counter(e.time, run_queue, CounterKind::Length, runnable.count());
        break;
      case EventType::ChanMatch:
      case EventType::Wake: {
        if (e.g == kNoGoroutine || e.value <= 0) break;  // woken by a timer: no arrow
        const char* name = e.type == EventType::ChanMatch ? "send→receive" : "release→wake";
        ++flow_id;
        next();
        out << "{\"ph\":\"s\",\"pid\":" << kGoroutinePid << ",\"tid\":" << e.g << ",\"ts\":";
        write_us(out, e.time);
        out << ",\"id\":" << flow_id << ",\"cat\":\"flow\",\"name\":\"" << name << "\"";
        if (e.object != kNoObject) {
          out << ",\"args\":{\"object\":";
          write_json_string(out, object_label(t, e.object));
          out << "}";
        }
        out << "}";
        next();
        out << "{\"ph\":\"f\",\"bp\":\"e\",\"pid\":" << kGoroutinePid << ",\"tid\":" << e.value << ",\"ts\":";
        write_us(out, e.time);
        out << ",\"id\":" << flow_id << ",\"cat\":\"flow\",\"name\":\"" << name << "\"}";
        break;
      }
      case EventType::RunEnd: {
        next();
        out << "{\"ph\":\"i\",\"s\":\"g\",\"pid\":" << kGoroutinePid << ",\"tid\":" << e.g << ",\"ts\":";
        write_us(out, e.time);
        out << ",\"name\":\"run end: " << to_string(e.outcome()) << "\"}";
        break;
      }
      default: break;
    }
  });
  out << "\n]}\n";
}

namespace {
void csv_field(std::ostream& out, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}
}  // namespace

void write_csv(std::ostream& out, const TraceRecorder& t) {
  out << "goroutine,name,state,reason,object,start_ns,end_ns,file,line\n";
  for (const auto& iv : state_intervals(t)) {
    out << iv.g << ',';
    csv_field(out, iv.g < t.goroutines().size() ? t.goroutines()[iv.g].name : std::string());
    out << ',' << to_string(iv.state) << ',';
    if (iv.reason != WaitReason::None) csv_field(out, to_string(iv.reason));
    out << ',';
    if (iv.object != kNoObject && iv.object < t.objects().size()) csv_field(out, t.objects()[iv.object].name);
    out << ',' << iv.start << ',' << iv.end << ',';
    if (iv.srcloc != 0 && iv.srcloc < t.srclocs().size()) {
      csv_field(out, display_path(t.srclocs()[iv.srcloc].file));
      out << ',' << t.srclocs()[iv.srcloc].line;
    } else {
      out << ',';
    }
    out << '\n';
  }
}

}  // namespace interleave::engine
