// export.cpp — Perfetto/Chrome trace JSON and CSV, written by hand (streaming, deterministic, no DOM).
#include "scenarios/engine/export.h"

#include "scenarios/model/names.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <optional>
#include <vector>

#include "runtime/labels.h"
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
std::string us_text(VirtualTime ns) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%lld.%03lld", ns < 0 ? "-" : "", static_cast<long long>(std::llabs(ns / 1000)),
                static_cast<long long>(std::llabs(ns % 1000)));
  return buf;
}

// A slice's duration such that a reader that adds the parsed numbers (as every viewer does, in doubles) lands
// exactly on the parsed end, never past it: the exact 3-decimal text when that sum is exact, otherwise the
// shortest text of the largest double that does not overshoot.
std::string dur_text(VirtualTime start, VirtualTime end) {
  std::string exact = us_text(end - start);
  double t = std::strtod(us_text(start).c_str(), nullptr);
  double e = std::strtod(us_text(end).c_str(), nullptr);
  if (t + std::strtod(exact.c_str(), nullptr) == e) return exact;
  double d = e - t;
  for (int i = 0; i < 8 && d > 0 && t + d > e; ++i) d -= (t + d) - e;  // take back the overshoot
  for (int i = 0; i < 64 && d > 0 && t + d > e; ++i) d = std::nextafter(d, 0.0);
  if (!(d > 0) || t + d > e) return exact;
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, ptr) : exact;
}

// The model's labels (names.h), looked up in the recording.
std::string goroutine_label(const TraceRecorder& t, GoroutineId g) {
  return interleave::goroutine_label(g < t.goroutines().size() ? t.goroutines()[g].name : std::string(), g);
}

std::string object_label(const TraceRecorder& t, ObjectId o) {
  if (o == kNoObject || o >= t.objects().size()) return {};
  return interleave::object_label(t.objects()[o].name, t.objects()[o].kind, o);
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

constexpr int kGoroutinePid = 1;
constexpr int kProcessorPid = 2;
// Every goroutine slice and every flow share one category: viewers bind a flow event to the slice of its
// thread that starts at the flow's timestamp and has the flow's category.
constexpr const char* kGoroutineCat = "goroutine";

// One slice as written: [start, end) of one interval, never empty.
struct Slice {
  VirtualTime start = 0, end = 0;
  const StateInterval* iv = nullptr;
  bool final_instant = false;  // the goroutine's final state, entered at the run's last instant
};

// The slice of `lane` to bind a flow event at time t to: the last one starting at or before t (when
// `running`, the Running slice that ends at t is preferred: the goroutine that sends or wakes is running).
long slice_at(const std::vector<Slice>& lane, VirtualTime t, bool running) {
  auto it = std::upper_bound(lane.begin(), lane.end(), t, [](VirtualTime x, const Slice& s) { return x < s.start; });
  long i = static_cast<long>(it - lane.begin()) - 1;
  if (i < 0) return lane.empty() ? -1 : 0;
  if (running && lane[static_cast<std::size_t>(i)].iv->state != GState::Running && i > 0 &&
      lane[static_cast<std::size_t>(i - 1)].iv->state == GState::Running &&
      lane[static_cast<std::size_t>(i - 1)].end >= t)
    --i;
  return i;
}

class PerfettoWriter {
 public:
  PerfettoWriter(std::ostream& out, const TraceRecorder& t) : out_(out), t_(t) {}

  void write(const std::string& title) {
    out_ << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[";
    const std::size_t goroutines = t_.goroutines().size() - 1;
    auto intervals = state_intervals(t_);
    build_slices(intervals, goroutines);
    // Processor threads get ids after every goroutine's, so that no two threads share an id.
    proc_tid0_ = static_cast<std::int64_t>(goroutines) + 1;

    metadata("process_name", kGoroutinePid, 0, title + " — goroutines", 1);
    metadata("process_name", kProcessorPid, 0, title + " — processors", 2);
    for (std::size_t g = 1; g <= goroutines; ++g)
      metadata("thread_name", kGoroutinePid, static_cast<std::int64_t>(g),
               goroutine_label(t_, static_cast<GoroutineId>(g)), static_cast<std::int64_t>(g));
    for (std::size_t p = 0; p < procs_.size(); ++p)
      metadata("thread_name", kProcessorPid, proc_tid0_ + static_cast<std::int64_t>(p), "P" + std::to_string(p),
               static_cast<std::int64_t>(p) + 1);

    for (std::size_t g = 1; g < lanes_.size(); ++g)
      for (const Slice& s : lanes_[g]) goroutine_slice(static_cast<GoroutineId>(g), s);
    for (std::size_t p = 0; p < procs_.size(); ++p)
      for (const Slice& s : procs_[p]) processor_slice(static_cast<int>(p), s);
    events();
    out_ << "\n]}\n";
  }

 private:
  void next() {
    out_ << (first_ ? "\n" : ",\n");
    first_ = false;
  }

  void metadata(const char* what, int pid, std::int64_t tid, const std::string& name, std::int64_t sort_index) {
    next();
    out_ << "{\"ph\":\"M\",\"cat\":\"__metadata\",\"name\":\"" << what << "\",\"pid\":" << pid << ",\"tid\":" << tid
         << ",\"ts\":0,\"args\":{\"name\":";
    write_json_string(out_, name);
    out_ << "}}";
    next();
    out_ << "{\"ph\":\"M\",\"cat\":\"__metadata\",\"name\":\""
         << (std::string_view(what) == "process_name" ? "process_sort_index" : "thread_sort_index")
         << "\",\"pid\":" << pid << ",\"tid\":" << tid << ",\"ts\":0,\"args\":{\"sort_index\":" << sort_index << "}}";
  }

  // Zero-length intervals (several changes at one instant) are left out: viewers nest or stack them. The
  // CSV keeps them. A goroutine whose final state began at the run's last instant still ends in it: that
  // state is written as a 1 ns slice marked "final".
  void build_slices(const std::vector<StateInterval>& intervals, std::size_t goroutines) {
    lanes_.assign(goroutines + 1, {});
    std::vector<long> last(goroutines + 1, -1);  // index into intervals of each goroutine's last interval
    for (std::size_t i = 0; i < intervals.size(); ++i)
      if (intervals[i].g <= goroutines) last[intervals[i].g] = static_cast<long>(i);
    int max_proc = -1;
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      const StateInterval& iv = intervals[i];
      if (iv.g == 0 || iv.g > goroutines) continue;
      if (iv.end > iv.start) {
        lanes_[iv.g].push_back(Slice{iv.start, iv.end, &iv, false});
        max_proc = std::max(max_proc, static_cast<int>(iv.processor));
      } else if (last[iv.g] == static_cast<long>(i) && iv.end == t_.end_time()) {
        lanes_[iv.g].push_back(Slice{iv.start, iv.start + 1, &iv, true});
      }
    }
    procs_.assign(static_cast<std::size_t>(max_proc + 1), {});
    for (const StateInterval& iv : intervals)
      if (iv.processor >= 0 && iv.end > iv.start && iv.g <= goroutines)
        procs_[static_cast<std::size_t>(iv.processor)].push_back(Slice{iv.start, iv.end, &iv, false});
  }

  // What goroutine g said it was doing (interleave::doing) at time `at`, for its slices' args.
  std::string_view doing_at(GoroutineId g, VirtualTime at) {
    if (!labels_read_) {
      labels_read_ = true;
      t_.for_each([&](const Event& e) {
        if (e.type != EventType::Note || e.b != kLabelNote) return;
        if (labels_.size() <= e.g) labels_.resize(e.g + 1);
        labels_[e.g].emplace_back(e.time, static_cast<std::uint32_t>(e.value));
      });
    }
    if (g >= labels_.size()) return {};
    auto it = std::upper_bound(labels_[g].begin(), labels_[g].end(), at,
                               [](VirtualTime v, const auto& l) { return v < l.first; });
    return it == labels_[g].begin() ? std::string_view() : label_text(std::prev(it)->second);
  }
  bool labels_read_ = false;
  std::vector<std::vector<std::pair<VirtualTime, std::uint32_t>>> labels_;

  void goroutine_slice(GoroutineId g, const Slice& s) {
    const StateInterval& iv = *s.iv;
    next();
    out_ << "{\"ph\":\"X\",\"pid\":" << kGoroutinePid << ",\"tid\":" << g << ",\"ts\":" << us_text(s.start)
         << ",\"dur\":" << dur_text(s.start, s.end) << ",\"cat\":\"" << kGoroutineCat << "\",\"name\":";
    write_json_string(out_, slice_name(iv));
    out_ << ",\"args\":{\"state\":\"" << to_string(iv.state) << "\"";
    if (iv.reason != WaitReason::None) out_ << ",\"reason\":\"" << to_string(iv.reason) << "\"";
    if (std::string_view what = doing_at(g, iv.start); !what.empty()) {
      out_ << ",\"doing\":";
      write_json_string(out_, std::string(what));
    }
    if (iv.object != kNoObject) {
      out_ << ",\"object\":";
      write_json_string(out_, object_label(t_, iv.object));
    }
    if (iv.processor >= 0) out_ << ",\"processor\":" << iv.processor;
    if (auto src = source_of(t_, iv.srcloc); !src.empty()) {
      out_ << ",\"source\":";
      write_json_string(out_, src);
    }
    if (s.final_instant) out_ << ",\"final\":true";
    out_ << "}}";
  }

  void processor_slice(int p, const Slice& s) {
    next();
    out_ << "{\"ph\":\"X\",\"pid\":" << kProcessorPid << ",\"tid\":" << proc_tid0_ + p << ",\"ts\":" << us_text(s.start)
         << ",\"dur\":" << dur_text(s.start, s.end) << ",\"cat\":\"processor\",\"name\":";
    write_json_string(out_, goroutine_label(t_, s.iv->g));
    out_ << "}";
  }

  void counter(VirtualTime time, ObjectId object, CounterKind kind, std::int64_t value) {
    if (object == kNoObject || object >= t_.objects().size()) return;
    next();
    out_ << "{\"ph\":\"C\",\"pid\":" << kGoroutinePid << ",\"tid\":1,\"ts\":" << us_text(time) << ",\"name\":";
    // Viewers name a counter track "<name> <arg>": "buffer (#3) length".
    write_json_string(out_, t_.objects()[object].name + " (#" + std::to_string(object) + ")");
    out_ << ",\"cat\":\"" << to_string(t_.objects()[object].kind) << "\",\"args\":{\"" << to_string(kind)
         << "\":" << value << "}}";
  }

  // A flow arrow from `from`'s slice at `from_time` to `to`'s slice at `to_time`. Both ends bind to a slice
  // by its start; the two ends must differ in time (viewers key a flow's ends by timestamp), and the end
  // must not come before the start.
  void flow(const char* name, GoroutineId from, VirtualTime from_time, GoroutineId to, VirtualTime to_time,
            ObjectId object) {
    if (from == kNoGoroutine || from >= lanes_.size() || to == kNoGoroutine || to >= lanes_.size()) return;
    const auto& a = lanes_[from];
    const auto& b = lanes_[to];
    long i = slice_at(a, from_time, true), j = slice_at(b, to_time, false);
    if (i < 0 || j < 0) return;
    while (static_cast<std::size_t>(j) < b.size() &&
           b[static_cast<std::size_t>(j)].start <= a[static_cast<std::size_t>(i)].start)
      ++j;
    if (static_cast<std::size_t>(j) >= b.size()) return;  // nothing of the receiver after the send to land on
    ++flow_id_;
    next();
    out_ << "{\"ph\":\"s\",\"pid\":" << kGoroutinePid << ",\"tid\":" << from
         << ",\"ts\":" << us_text(a[static_cast<std::size_t>(i)].start) << ",\"id\":" << flow_id_ << ",\"cat\":\""
         << kGoroutineCat << "\",\"name\":\"" << name << "\",\"args\":{\"at\":" << us_text(from_time);
    if (object != kNoObject) {
      out_ << ",\"object\":";
      write_json_string(out_, object_label(t_, object));
    }
    out_ << "}}";
    next();
    out_ << "{\"ph\":\"f\",\"bp\":\"e\",\"pid\":" << kGoroutinePid << ",\"tid\":" << to
         << ",\"ts\":" << us_text(b[static_cast<std::size_t>(j)].start) << ",\"id\":" << flow_id_ << ",\"cat\":\""
         << kGoroutineCat << "\",\"name\":\"" << name << "\",\"args\":{\"at\":" << us_text(to_time) << "}}";
  }

  // Counters, flows and the run's end, in event order. A value's arrow starts when it was sent: for a
  // buffered channel, when it entered the buffer; for a sender that had to wait, when it began waiting.
  void events() {
    struct GState_ {
      GState state = GState::Done;
      VirtualTime since = 0;
    };
    std::vector<GState_> gs(lanes_.size());
    struct ChanState {
      std::deque<VirtualTime> sent;  // when each buffered value was sent, oldest first
      std::int64_t length = 0;
      std::optional<VirtualTime> popped;  // a value just left the buffer (its ChanMatch follows)
      std::optional<VirtualTime> pushed;  // a value just entered the buffer at this time
    };
    std::vector<ChanState> chans(t_.objects().size());
    RunnableCount runnable;  // the run queue's length track comes from the state changes
    ObjectId run_queue = t_.run_queue();
    t_.for_each([&](const Event& e) {
      switch (e.type) {
        case EventType::Counter:
          if (e.object < chans.size() && e.counter() == CounterKind::Length &&
              t_.objects()[e.object].kind == ObjectKind::Channel) {
            ChanState& c = chans[e.object];
            for (std::int64_t k = c.length; k < e.value; ++k) c.sent.push_back(e.time);
            if (e.value > c.length) c.pushed = e.time;
            for (std::int64_t k = e.value; k < c.length && !c.sent.empty(); ++k) {
              c.popped = c.sent.front();
              c.sent.pop_front();
            }
            c.length = e.value;
          }
          if (e.object != run_queue) counter(e.time, e.object, e.counter(), e.value);
          break;
        case EventType::State:
          if (e.g < gs.size()) {
            GState_& g = gs[e.g];
            // A waiting sender whose value just took a freed buffer slot: it was sent when the wait began.
            if (g.state == GState::Blocked && e.state() != GState::Blocked) {
              for (auto& c : chans)
                if (c.pushed && *c.pushed == e.time && !c.sent.empty() && c.sent.back() == e.time) {
                  c.sent.back() = g.since;
                  c.pushed.reset();
                  break;
                }
            }
            g.state = e.state();
            g.since = e.time;
          }
          if (runnable.on_event(e)) counter(e.time, run_queue, CounterKind::Length, runnable.count());
          break;
        case EventType::ChanMatch: {
          if (e.g == kNoGoroutine || e.value <= 0) break;
          VirtualTime sent = e.time;
          if (e.object < chans.size() && chans[e.object].popped) {
            sent = *chans[e.object].popped;
            chans[e.object].popped.reset();
          } else if (e.g < gs.size() && gs[e.g].state == GState::Blocked) {
            sent = gs[e.g].since;  // a waiting sender handed its value over
          }
          flow("send→receive", e.g, sent, static_cast<GoroutineId>(e.value), e.time, e.object);
          break;
        }
        case EventType::Wake:
          if (e.g == kNoGoroutine || e.value <= 0) break;  // woken by a timer: no arrow
          flow("release→wake", e.g, e.time, static_cast<GoroutineId>(e.value), e.time, e.object);
          break;
        case EventType::RunEnd: {
          next();
          GoroutineId g = e.g != kNoGoroutine && e.g < lanes_.size() ? e.g : 1;
          out_ << "{\"ph\":\"i\",\"s\":\"g\",\"pid\":" << kGoroutinePid << ",\"tid\":" << g
               << ",\"ts\":" << us_text(e.time) << ",\"cat\":\"run\",\"name\":\"run end: " << to_string(e.outcome())
               << "\"}";
          break;
        }
        default: break;
      }
    });
  }

  std::ostream& out_;
  const TraceRecorder& t_;
  bool first_ = true;
  std::vector<std::vector<Slice>> lanes_;  // by goroutine id
  std::vector<std::vector<Slice>> procs_;  // by processor
  std::int64_t proc_tid0_ = 1;
  std::uint64_t flow_id_ = 0;
};

}  // namespace

void write_perfetto(std::ostream& out, const TraceRecorder& t, const std::string& title) {
  PerfettoWriter(out, t).write(title);
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
