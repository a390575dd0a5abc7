// analysis.cpp — intervals, per-goroutine and per-object statistics, and the printed summary.
#include "scenarios/engine/analysis.h"

#include <algorithm>
#include <cstdio>

namespace interleave::engine {

RunSummary summarize(const Session& s) {
  RunSummary r;
  const Scheduler& sched = s.scheduler();
  r.title = s.program().name();
  r.outcome = sched.outcome();
  r.message = sched.outcome_message();
  r.duration = sched.now();
  r.events = s.trace().size();
  r.steps = sched.steps();
  r.seed = s.config().seed;
  r.hash = s.trace().hash();
  for (const OutputWrite& w : s.output()) r.output += w.text;
  r.goroutines = goroutine_stats(s.trace());
  r.objects = object_stats(s.trace());
  r.object_names.assign(s.trace().objects().size(), std::string());
  for (std::size_t o = 1; o < s.trace().objects().size(); ++o) r.object_names[o] = s.trace().objects()[o].name;
  r.metrics = s.metrics();
  r.dump = sched.dump();
  const patterns::Variant* variant = s.program().variant();
  if (variant && !variant->starvation_role.empty() && variant->starvation_threshold > 0) {
    const patterns::Variant& v = *variant;
    StarvationVerdict& sv = r.starvation;
    sv.applies = true;
    sv.role = v.starvation_role;
    sv.threshold = v.starvation_threshold;
    sv.run = r.duration;
    for (const auto& g : r.goroutines)
      if (g.role == sv.role || g.name == sv.role) sv.longest = std::max(sv.longest, g.max_wait);
    sv.starved = r.outcome == Outcome::Completed && sv.longest >= sv.threshold;
  }
  return r;
}

std::string format_starvation(const StarvationVerdict& v) {
  if (!v.applies) return {};
  char share[32];
  std::snprintf(share, sizeof share, "%.0f%%",
                v.run > 0 ? 100.0 * static_cast<double>(v.longest) / static_cast<double>(v.run) : 0.0);
  std::string what = "a " + v.role + " waited " + patterns::format_duration(v.longest) + " of the run's " +
                     patterns::format_duration(v.run) + " (" + share + "); the threshold is " +
                     patterns::format_duration(v.threshold);
  if (v.starved) return "starvation: " + what;
  return "no starvation: the longest wait of a " + v.role + " was " + patterns::format_duration(v.longest) + " of " +
         patterns::format_duration(v.run) + " (" + share + "), below the threshold of " +
         patterns::format_duration(v.threshold);
}

namespace {

// Three significant digits, for tables: "47.1ms", "731us", "2s".
std::string dur(Duration d) {
  if (d == 0) return "0";
  static constexpr std::pair<Duration, const char*> kUnits[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}};
  for (auto [scale, unit] : kUnits)
    if (d >= scale) {
      double v = static_cast<double>(d) / static_cast<double>(scale);
      char buf[32];
      std::snprintf(buf, sizeof buf, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, unit);
      std::string out = buf;
      // 2.00ms -> 2ms, 2.50ms -> 2.5ms
      auto dot = out.find('.');
      if (dot != std::string::npos) {
        std::size_t u = out.find_first_not_of("0123456789.", dot);
        std::size_t e = u;
        while (e > dot + 1 && out[e - 1] == '0') --e;
        if (e == dot + 1) --e;
        out.erase(e, u - e);
      }
      return out;
    }
  return std::to_string(d) + "ns";
}

std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}
std::string lpad(std::string s, std::size_t w) {
  if (s.size() < w) s.insert(0, w - s.size(), ' ');
  return s;
}

std::string number(double v) {
  char buf[48];
  if (v == static_cast<double>(static_cast<long long>(v)) && std::abs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

std::string format_summary(const RunSummary& s) {
  std::string out;
  out += s.title + "  (seed " + std::to_string(s.seed) + ")\n";
  out += "outcome: " + std::string(to_string(s.outcome));
  if (!s.message.empty() && s.outcome != Outcome::Completed) out += " (" + s.message + ")";
  if (s.starvation.applies && s.outcome == Outcome::Completed) out += "\nverdict: " + format_starvation(s.starvation);
  out += "\nvirtual time: " + patterns::format_duration(s.duration) + "   events: " + std::to_string(s.events) +
         "   steps: " + std::to_string(s.steps) + "   trace hash: ";
  char hash[20];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(s.hash));
  out += std::string(hash) + "\n\n";

  constexpr std::size_t kMaxRows = 40;
  out += pad("goroutine", 24) + lpad("running", 11) + lpad("runnable", 11) + lpad("blocked", 11) +
         lpad("sleeping", 11) + lpad("max wait", 11) + "  on\n";
  for (std::size_t i = 0; i < s.goroutines.size() && i < kMaxRows; ++i) {
    const auto& g = s.goroutines[i];
    auto t = [&](GState st) { return lpad(dur(g.time_in[static_cast<std::size_t>(st)]), 11); };
    // "on": what a goroutine still blocked at the end waits on (even if it blocked at the last instant);
    // otherwise the reason of its longest wait.
    std::string on = "-";
    if (g.final_state == GState::Blocked) {
      on = std::string(to_string(g.final_reason));
      std::string obj = g.final_object < s.object_names.size() ? s.object_names[g.final_object] : std::string();
      if (!obj.empty()) on += " " + obj;
      on += " (still blocked)";
    } else if (g.max_wait > 0) {
      on = std::string(to_string(g.max_wait_reason));
    }
    out += pad(goroutine_label(g.name, g.id), 24) + t(GState::Running) + t(GState::Runnable) +
           t(GState::Blocked) + t(GState::Sleeping) + lpad(dur(g.max_wait), 11) + "  " + on + "\n";
  }
  if (s.goroutines.size() > kMaxRows)
    out += "... and " + std::to_string(s.goroutines.size() - kMaxRows) + " more goroutines\n";

  out += "\n" + pad("object", 24) + pad("kind", 12) + lpad("max depth", 11) + lpad("mean depth", 12) +
         lpad("max waiters", 13) + "\n";
  std::size_t rows = 0;
  for (const auto& o : s.objects) {
    if (rows++ == kMaxRows) {
      out += "... and more objects\n";
      break;
    }
    std::string maxd = o.has_depth ? number(static_cast<double>(o.max_depth)) : "-";
    if (o.has_depth && o.capacity > 0) maxd += "/" + std::to_string(o.capacity);
    char mean[32];
    std::snprintf(mean, sizeof mean, "%.2f", o.mean_depth);
    out += pad(o.name, 24) + pad(std::string(to_string(o.kind)), 12) + lpad(maxd, 11) +
           lpad(o.has_depth ? mean : "-", 12) + lpad(std::to_string(o.max_waiters), 13) + "\n";
  }
  if (!s.metrics.empty()) {
    out += "\nmetrics\n";
    for (const auto& m : s.metrics)
      out += "  " + pad(m.name, 22) + number(m.value) + (m.unit.empty() ? "" : " " + m.unit) + "\n";
  }
  if (!s.dump.empty() && s.outcome != Outcome::Completed) out += "\n" + s.dump;
  return out;
}

}  // namespace interleave::engine
