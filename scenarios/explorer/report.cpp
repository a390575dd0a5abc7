// report.cpp — the bug report (Go's words, dump, side-by-side trace, recording) and the JSON of a result.
#include "scenarios/explorer/report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "scenarios/engine/native.h"

namespace interleave::explorer {

std::vector<std::uint32_t> prefix_of(const std::vector<Decision>& decisions) {
  std::vector<std::uint32_t> p;
  for (const auto& d : decisions)
    if (d.kind != DecisionKind::PickProcessor) p.push_back(static_cast<std::uint32_t>(d.chosen));
  return p;
}

namespace {

std::string fit(std::string s, std::size_t w) {
  // Width in characters, counting a UTF-8 sequence as one.
  std::size_t chars = 0, cut = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == w) {
      cut = i;
      break;
    }
    ++chars;
  }
  if (cut < s.size()) {
    s.resize(cut);
    return s;
  }
  return s + std::string(w - chars, ' ');
}

std::string file_of(const TraceRecorder& t, SrcLocId id) {
  if (id == 0 || id >= t.srclocs().size()) return "";
  std::string f = t.srclocs()[id].file;
  if (auto slash = f.rfind('/'); slash != std::string::npos) f = f.substr(slash + 1);
  return f;
}

// "race_condition.cpp:41", or just ":41" in the file most lines are in.
std::string where(const TraceRecorder& t, SrcLocId id, const std::string& main_file) {
  std::string f = file_of(t, id);
  if (f.empty()) return "";
  return (f == main_file ? "" : f) + ":" + std::to_string(t.srclocs()[id].line);
}

}  // namespace

std::string side_by_side(const engine::Session& s, const std::vector<char>& preempted, std::size_t max_rows) {
  const TraceRecorder& t = s.trace();
  const std::size_t ng = t.goroutines().size();  // [0] unused
  constexpr std::size_t kCol = 26, kTime = 12;
  struct Row {
    VirtualTime time;
    GoroutineId g;
    std::string text;
    bool preempt;
  };
  std::vector<Row> rows;
  std::vector<GState> state(ng, GState::Done);
  std::map<std::string, std::size_t> files;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].type == EventType::State) ++files[file_of(t, t[i].srcloc)];
  std::string main_file;
  for (std::size_t best = 0; const auto& [f, n] : files)
    if (!f.empty() && n > best) {
      best = n;
      main_file = f;
    }
  std::size_t decision = 0;
  bool pending_preempt = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Event& e = t[i];
    if (e.type == EventType::Decision) {
      if (decision < preempted.size() && preempted[decision]) pending_preempt = true;
      ++decision;
      continue;
    }
    if (e.type != EventType::State || e.g >= ng) continue;
    GState before = state[e.g];
    state[e.g] = e.state();
    std::string text;
    std::string at = where(t, e.srcloc, main_file);
    switch (e.state()) {
      case GState::Running:
        if (before == GState::Running) continue;  // work() at a new line: not a step of the schedule
        text = "runs";
        break;
      case GState::Runnable:
        if (before == GState::Running)
          text = "yields";
        else if (before == GState::Done)
          text = "created";
        else
          continue;  // woken: it shows when it runs
        break;
      case GState::Blocked: {
        text = std::string(to_string(e.reason()));
        if (e.object != kNoObject && e.object < t.objects().size()) text += " " + t.objects()[e.object].name;
        break;
      }
      case GState::Sleeping: text = "sleeps"; break;
      case GState::Done: text = "done"; break;
    }
    if (!at.empty() && e.state() != GState::Done && text != "created") text += " " + at;
    bool pre = pending_preempt && e.state() == GState::Running;
    if (pre) pending_preempt = false;
    rows.push_back(Row{e.time, e.g, pre ? "⚡ " + text : text, pre});
  }
  std::ostringstream out;
  if (!main_file.empty()) out << "(:N is line N of " << main_file << ")\n";
  out << fit("time", kTime);
  for (std::size_t g = 1; g < ng; ++g) out << "| " << fit("g" + std::to_string(g) + " " + t.goroutines()[g].name, kCol);
  out << "\n" << std::string(kTime + (ng - 1) * (kCol + 2), '-') << "\n";
  std::size_t first = rows.size() > max_rows ? rows.size() - max_rows : 0;
  if (first > 0) out << "... " << first << " earlier rows\n";
  for (std::size_t i = first; i < rows.size(); ++i) {
    const Row& r = rows[i];
    out << fit(patterns::format_duration(r.time), kTime);
    for (std::size_t g = 1; g < ng; ++g) out << "| " << fit(g == r.g ? r.text : "", kCol);
    out << (r.preempt ? "  <- preemption" : "") << "\n";
  }
  return out.str();
}

BugReport bug_report(const engine::RunConfig& cfg, const std::vector<Decision>& decisions,
                     const std::vector<char>& preempted, const std::string& scenario_path, std::size_t max_rows) {
  engine::RunConfig c = cfg;
  c.policy = "fifo";
  c.replay = decisions;
  c.strict_replay = true;
  engine::Session s(c);
  s.run();
  const Scheduler& sched = s.scheduler();
  BugReport rep;
  std::ostringstream out;
  if (!sched.dump().empty())
    out << sched.dump();
  else
    out << to_string(sched.outcome()) << ": " << sched.outcome_message() << "\n";
  out << "\nthe schedule, one column per goroutine (⚡ marks a preemption):\n\n";
  out << side_by_side(s, preempted, max_rows);
  rep.text = out.str();
  std::ostringstream nat;
  engine::write_native(nat, s, scenario_path);
  rep.native = nat.str();
  return rep;
}

// [SECTION] JSON --------------------------------------------------------------------------------------------

std::string to_json(const Result& r) {
  nlohmann::ordered_json j;
  j["schedules"] = r.schedules;
  j["seconds"] = r.seconds;
  j["complete"] = r.complete;
  j["incomplete_reason"] = r.complete ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.incomplete_reason);
  j["outcomes"] = nlohmann::ordered_json::object();
  for (const auto& [k, n] : r.outcomes) j["outcomes"][k] = n;
  j["outputs"] = nlohmann::ordered_json::array();
  for (const auto& o : r.outputs) j["outputs"].push_back({{"text", o.text}, {"count", o.count}, {"replay", o.replay}});
  if (r.bug)
    j["bug"] = {{"kind", r.bug->kind},
                {"message", r.bug->message},
                {"preemptions", r.bug->preemptions},
                {"steps", r.bug->steps},
                {"replay", r.bug->replay}};
  else
    j["bug"] = nullptr;
  return j.dump(2) + "\n";
}

std::optional<Result> from_json(const std::string& text, std::string* error) {
  try {
    auto j = nlohmann::json::parse(text);
    Result r;
    r.schedules = j.at("schedules").get<std::uint64_t>();
    r.seconds = j.at("seconds").get<double>();
    r.complete = j.at("complete").get<bool>();
    if (!j.at("incomplete_reason").is_null()) r.incomplete_reason = j.at("incomplete_reason").get<std::string>();
    for (auto& [k, v] : j.at("outcomes").items()) r.outcomes[k] = v.get<std::uint64_t>();
    for (auto& o : j.at("outputs")) {
      OutputSeen s;
      s.text = o.at("text").get<std::string>();
      s.count = o.at("count").get<std::uint64_t>();
      s.replay = o.at("replay").get<std::string>();
      auto d = parse_schedule_text(s.replay, error);
      if (!d) return std::nullopt;
      s.rank = d->size();
      r.outputs.push_back(std::move(s));
    }
    if (!j.at("bug").is_null()) {
      const auto& b = j.at("bug");
      r.bug = Bug{b.at("kind").get<std::string>(), b.at("message").get<std::string>(),
                  b.at("preemptions").get<std::uint32_t>(), b.at("steps").get<std::uint64_t>(),
                  b.at("replay").get<std::string>()};
    }
    return r;
  } catch (const std::exception& e) {
    if (error) *error = std::string("not an exploration result (explore --json): ") + e.what();
    return std::nullopt;
  }
}

}  // namespace interleave::explorer
