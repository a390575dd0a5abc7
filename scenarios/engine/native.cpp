// native.cpp — writing and reading native recordings (JSON; read back with nlohmann::json).
#include "scenarios/engine/native.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scenarios/engine/export.h"
#include "scenarios/engine/scenario.h"

namespace interleave::engine {

namespace {
constexpr const char* kFormat = "interleave-native";
constexpr int kVersion = 1;

std::string hex64(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}
}  // namespace

RunConfig NativeRun::replay_config() const {
  RunConfig c = config;
  c.replay = trace.decisions();
  c.strict_replay = true;
  return c;
}

void write_native(std::ostream& out, const Session& s, const std::string& scenario_path, std::uint32_t hand_picks) {
  const TraceRecorder& t = s.trace();
  const RunConfig& c = s.config();
  const Scheduler& sched = s.scheduler();
  out << "{\"format\":\"" << kFormat << "\",\"version\":" << kVersion << ",\n\"scenario\":";
  write_json_string(out, scenario_path);
  out << ",\n\"config\":{";
  if (c.program && !c.program->pattern()) {
    // A program file (Go): its name and its whole text, so the recording replays the program it was made
    // from even after the file has changed.
    const std::vector<std::string> files = c.program->source_files();
    const std::string file = files.empty() ? c.program->name() : files.front();
    out << "\"program\":";
    write_json_string(out, file);
    out << ",\"program_source\":";
    write_json_string(out, std::string(c.program->source_text(file)));
    out << ",";
  }
  out << "\"pattern\":";
  write_json_string(out, c.pattern);
  out << ",\"variant\":";
  write_json_string(out, c.variant);
  out << ",\"params\":{";
  bool first = true;
  for (const auto& [name, value] : c.params.values()) {
    out << (first ? "" : ",");
    first = false;
    write_json_string(out, name);
    out << ':';
    write_json_string(out, param_value_text(value));
  }
  out << "},\"policy\":";
  write_json_string(out, c.policy);
  out << ",\"seed\":" << c.seed << ",\"procs\":" << c.procs << ",\"quantum\":" << c.quantum << ",\"wake_order\":\""
      << (c.wake_order == WakeOrder::Fifo ? "fifo" : "policy")
      << "\",\"spurious_wakeups\":" << (c.spurious_wakeups ? "true" : "false") << ",\"pct_depth\":" << c.pct_depth
      << ",\"max_steps\":" << c.max_steps << ",\"max_time\":" << c.max_time << ",\"hand_picks\":" << hand_picks
      << "},\n\"outcome\":\"" << to_string(sched.outcome()) << "\",\"outcome_message\":";
  write_json_string(out, sched.outcome_message());
  out << ",\"hash\":\"" << hex64(t.hash()) << "\",\"end_time\":" << t.end_time() << ",\n\"metrics\":[";
  first = true;
  for (const auto& m : s.metrics()) {
    out << (first ? "" : ",") << "{\"name\":";
    first = false;
    write_json_string(out, m.name);
    char v[40];
    std::snprintf(v, sizeof v, "%.17g", m.value);
    out << ",\"value\":" << v << ",\"unit\":";
    write_json_string(out, m.unit);
    out << "}";
  }
  out << "],\n\"goroutines\":[";
  for (std::size_t i = 1; i < t.goroutines().size(); ++i) {
    const auto& g = t.goroutines()[i];
    out << (i > 1 ? ",\n" : "\n") << "{\"id\":" << i << ",\"name\":";
    write_json_string(out, g.name);
    out << ",\"parent\":" << g.parent << ",\"created_at\":" << g.created_at << ",\"created_time\":" << g.created_time
        << "}";
  }
  out << "],\n\"objects\":[";
  for (std::size_t i = 1; i < t.objects().size(); ++i) {
    const auto& o = t.objects()[i];
    out << (i > 1 ? ",\n" : "\n") << "{\"id\":" << i << ",\"name\":";
    write_json_string(out, o.name);
    out << ",\"kind\":" << static_cast<int>(o.kind) << ",\"capacity\":" << o.capacity << "}";
  }
  out << "],\n\"srclocs\":[";
  for (std::size_t i = 1; i < t.srclocs().size(); ++i) {
    const auto& l = t.srclocs()[i];
    out << (i > 1 ? ",\n" : "\n") << "{\"file\":";
    write_json_string(out, display_path(l.file));
    out << ",\"function\":";
    write_json_string(out, l.function);
    out << ",\"line\":" << l.line << "}";
  }
  out << "],\n\"decisions\":[";
  for (std::size_t i = 0; i < t.decisions().size(); ++i) {
    const auto& d = t.decisions()[i];
    out << (i ? "," : "") << (i % 16 == 0 ? "\n" : "") << '[' << static_cast<int>(d.kind) << ',' << d.options << ','
        << d.chosen << ']';
  }
  out << "],\n\"events\":[";
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Event& e = t[i];
    out << (i ? ",\n" : "\n") << '[' << e.time << ',' << e.value << ',' << e.g << ',' << e.object << ',' << e.srcloc
        << ',' << static_cast<int>(e.type) << ',' << static_cast<int>(e.a) << ',' << static_cast<int>(e.b) << ']';
  }
  out << "]}\n";
}

namespace {

using nlohmann::json;

struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& field(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end()) throw Bad(std::string("missing field '") + name + "'");
  return *it;
}

__extension__ typedef __int128 Wide;

template <class T>
T number(const json& j, const char* what, Wide min, Wide max) {
  if (!j.is_number_integer()) throw Bad(std::string("'") + what + "' must be an integer");
  Wide v =
      j.is_number_unsigned() ? static_cast<Wide>(j.get<std::uint64_t>()) : static_cast<Wide>(j.get<std::int64_t>());
  if (v < min || v > max) throw Bad(std::string("'") + what + "' is out of range");
  return static_cast<T>(v);
}

std::string str(const json& j, const char* what) {
  if (!j.is_string()) throw Bad(std::string("'") + what + "' must be a string");
  return j.get<std::string>();
}

std::vector<Decision> read_decisions(const json& arr) {
  if (!arr.is_array()) throw Bad("'decisions' must be an array");
  std::vector<Decision> out;
  out.reserve(arr.size());
  for (const auto& d : arr) {
    if (!d.is_array() || d.size() != 3) throw Bad("each decision must be [kind, options, chosen]");
    Decision x;
    x.kind = static_cast<DecisionKind>(number<int>(d[0], "decision kind", 0, kDecisionKindCount - 1));
    x.options = number<std::uint32_t>(d[1], "decision options", 0, UINT32_MAX);
    x.chosen = number<std::uint32_t>(d[2], "decision chosen", 0, UINT32_MAX);
    out.push_back(x);
  }
  return out;
}

json read_json(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Bad("no such file");
  if (std::filesystem::is_directory(path, ec)) throw Bad("is a directory, not a recording");
  if (!std::filesystem::is_regular_file(path, ec)) throw Bad("not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Bad("cannot open for reading");
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded()) throw Bad("not a native recording (invalid JSON)");
  if (!j.is_object() || !j.contains("format") || j["format"] != kFormat)
    throw Bad("not a native recording (no \"format\": \"interleave-native\")");
  if (number<int>(field(j, "version"), "version", 0, 1000) != kVersion)
    throw Bad("recorded by an incompatible version (format version " + field(j, "version").dump() + ")");
  return j;
}

}  // namespace

std::optional<std::vector<Decision>> load_native_decisions(const std::filesystem::path& path, std::string* error) {
  try {
    return read_decisions(field(read_json(path), "decisions"));
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

std::unique_ptr<NativeRun> load_native(const std::filesystem::path& path, std::string* error) {
  try {
    json j = read_json(path);
    auto run = std::make_unique<NativeRun>();
    run->scenario_path = str(field(j, "scenario"), "scenario");
    const json& c = field(j, "config");
    RunConfig& cfg = run->config;
    cfg.pattern = str(field(c, "pattern"), "pattern");
    cfg.variant = str(field(c, "variant"), "variant");
    const patterns::Pattern* p = nullptr;
    if (c.contains("program")) {
      // A program recorded with its text: compiled again from that text.
      std::string file = str(field(c, "program"), "program");
      ProgramLoad load = load_program_text(str(field(c, "program_source"), "program_source"), file);
      if (!load.program)
        throw Bad("the recorded program " + file +
                  " does not compile: " + (load.errors.empty() ? std::string("?") : load.errors.front().message));
      cfg.program = load.program;
    } else {
      p = patterns::find_pattern(cfg.pattern);
      if (!p) throw Bad(unknown_pattern_message(cfg.pattern));
    }
    const json& params = field(c, "params");
    if (!params.is_object()) throw Bad("'params' must be an object");
    for (auto it = params.begin(); it != params.end(); ++it) {
      const patterns::ParamSpec* spec = nullptr;
      if (p) {
        spec = p->param(it.key());
      } else {
        for (const auto& s : cfg.program->params())
          if (s.name == it.key()) spec = &s;
      }
      if (!spec) throw Bad("unknown parameter '" + it.key() + "' for '" + (p ? p->name : cfg.program->name()) + "'");
      patterns::ParamValue v;
      if (auto err = parse_param_value(*spec, str(it.value(), "param"), v)) throw Bad(*err);
      cfg.params.set(spec->name, std::move(v));
    }
    cfg.policy = str(field(c, "policy"), "policy");
    cfg.seed = number<std::uint64_t>(field(c, "seed"), "seed", 0, UINT64_MAX);
    cfg.procs = number<int>(field(c, "procs"), "procs", 1, 64);
    cfg.quantum = number<Duration>(field(c, "quantum"), "quantum", 0, INT64_MAX);
    cfg.wake_order = str(field(c, "wake_order"), "wake_order") == "policy" ? WakeOrder::Policy : WakeOrder::Fifo;
    if (!field(c, "spurious_wakeups").is_boolean()) throw Bad("'spurious_wakeups' must be a boolean");
    cfg.spurious_wakeups = field(c, "spurious_wakeups").get<bool>();
    cfg.pct_depth = number<std::uint32_t>(field(c, "pct_depth"), "pct_depth", 1, 64);
    cfg.max_steps = number<std::uint64_t>(field(c, "max_steps"), "max_steps", 0, UINT64_MAX);
    cfg.max_time = number<VirtualTime>(field(c, "max_time"), "max_time", 0, INT64_MAX);
    if (c.contains("hand_picks"))  // absent in recordings written before it existed
      run->hand_picks = number<std::uint32_t>(c["hand_picks"], "hand_picks", 0, UINT32_MAX);

    run->hash = std::stoull(str(field(j, "hash"), "hash"), nullptr, 16);
    run->outcome_message = str(field(j, "outcome_message"), "outcome_message");
    for (const auto& m : field(j, "metrics"))
      run->metrics.push_back(patterns::Metric{str(field(m, "name"), "metric name"),
                                              field(m, "value").is_number() ? field(m, "value").get<double>() : 0.0,
                                              str(field(m, "unit"), "metric unit")});

    std::vector<GoroutineInfo> gs{GoroutineInfo{}};
    for (const auto& g : field(j, "goroutines")) {
      GoroutineInfo info;
      info.name = str(field(g, "name"), "goroutine name");
      info.parent = number<GoroutineId>(field(g, "parent"), "parent", 0, UINT32_MAX);
      info.created_at = number<SrcLocId>(field(g, "created_at"), "created_at", 0, UINT32_MAX);
      info.created_time = number<VirtualTime>(field(g, "created_time"), "created_time", 0, INT64_MAX);
      gs.push_back(std::move(info));
    }
    std::vector<ObjectInfo> os{ObjectInfo{}};
    for (const auto& o : field(j, "objects")) {
      ObjectInfo info;
      info.name = str(field(o, "name"), "object name");
      info.kind = static_cast<ObjectKind>(number<int>(field(o, "kind"), "object kind", 0, kObjectKindCount - 1));
      info.capacity = number<std::int64_t>(field(o, "capacity"), "capacity", INT64_MIN, INT64_MAX);
      os.push_back(std::move(info));
    }
    // SrcLoc holds const char*: TraceRecorder::load copies the strings, so these only need to live until then.
    std::vector<std::string> texts;
    const json& sl = field(j, "srclocs");
    texts.reserve(sl.size() * 2);
    std::vector<SrcLoc> locs{SrcLoc{}};
    for (const auto& l : sl) {
      texts.push_back(str(field(l, "file"), "file"));
      const char* file = texts.back().c_str();
      texts.push_back(str(field(l, "function"), "function"));
      locs.push_back(
          SrcLoc{file, texts.back().c_str(), number<std::uint32_t>(field(l, "line"), "line", 0, UINT32_MAX)});
    }
    std::vector<Event> events;
    const json& ev = field(j, "events");
    if (!ev.is_array()) throw Bad("'events' must be an array");
    events.reserve(ev.size());
    for (const auto& e : ev) {
      if (!e.is_array() || e.size() != 8) throw Bad("each event must have 8 fields");
      Event x;
      x.time = number<VirtualTime>(e[0], "time", INT64_MIN, INT64_MAX);
      x.value = number<std::int64_t>(e[1], "value", INT64_MIN, INT64_MAX);
      x.g = number<GoroutineId>(e[2], "g", 0, static_cast<GoroutineId>(gs.size() - 1));
      x.object = number<ObjectId>(e[3], "object", 0, UINT32_MAX);
      x.srcloc = number<SrcLocId>(e[4], "srcloc", 0, static_cast<SrcLocId>(locs.size() - 1));
      x.type = static_cast<EventType>(number<int>(e[5], "type", 0, static_cast<int>(EventType::RunEnd)));
      x.a = number<std::uint8_t>(e[6], "a", 0, 255);
      x.b = number<std::uint8_t>(e[7], "b", 0, 255);
      events.push_back(x);
    }
    run->trace.load(std::move(events), std::move(gs), std::move(os), std::move(locs),
                    read_decisions(field(j, "decisions")));
    run->outcome = run->trace.outcome();
    return run;
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return nullptr;
  }
}

}  // namespace interleave::engine
