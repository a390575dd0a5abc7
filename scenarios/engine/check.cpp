// check.cpp — judging runs against a scenario's expectations, and the JUnit/JSON reports for CI.
#include "scenarios/engine/check.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "lang/lib/strconv.h"
#include "scenarios/engine/native.h"

namespace interleave::engine {

bool compare(double v, Bound::Op op, double limit) {
  switch (op) {
    case Bound::Op::Eq: return v == limit;
    case Bound::Op::Ne: return v != limit;
    case Bound::Op::Lt: return v < limit;
    case Bound::Op::Le: return v <= limit;
    case Bound::Op::Gt: return v > limit;
    case Bound::Op::Ge: return v >= limit;
  }
  return false;
}

namespace {

std::vector<std::string> unique_names(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  if (v.size() > 12) {
    v.resize(12);
    v.push_back("...");
  }
  return v;
}

}  // namespace

std::optional<double> measure(const Bound& b, const RunSummary& s, std::string* why) {
  using S = Bound::Subject;
  switch (b.subject) {
    case S::VirtualTime: return static_cast<double>(s.duration);
    case S::Events: return static_cast<double>(s.events);
    case S::Steps: return static_cast<double>(s.steps);
    case S::Goroutines: return static_cast<double>(s.goroutines.size());
    case S::Metric: {
      for (const auto& m : s.metrics)
        if (m.name == b.arg) return m.value;
      std::vector<std::string> names;
      for (const auto& m : s.metrics) names.push_back(m.name);
      *why = "the run reported no metric '" + b.arg +
             "' (it reported: " + (names.empty() ? std::string("none") : join(names)) + ")";
      if (auto near = did_you_mean(b.arg, names); !near.empty()) *why += "; did you mean '" + near + "'?";
      return std::nullopt;
    }
    case S::MaxDepth:
    case S::MeanDepth:
    case S::MaxWaiters: {
      std::optional<double> v;
      for (const auto& o : s.objects) {
        if (o.name != b.arg) continue;
        double x = b.subject == S::MaxDepth    ? static_cast<double>(o.max_depth)
                   : b.subject == S::MeanDepth ? o.mean_depth
                                               : static_cast<double>(o.max_waiters);
        v = v ? std::max(*v, x) : x;
      }
      if (!v) {
        std::vector<std::string> names;
        for (const auto& o : s.objects) names.push_back(o.name);
        *why = "the run has no object named '" + b.arg + "' (objects: " + join(unique_names(names)) + ")";
        if (auto near = did_you_mean(b.arg, names); !near.empty()) *why += "; did you mean '" + near + "'?";
      }
      return v;
    }
    case S::MaxWait:
    case S::TotalWait: {
      std::optional<double> v;
      for (const auto& g : s.goroutines) {
        if (g.role != b.arg && g.name != b.arg) continue;
        double x = static_cast<double>(b.subject == S::MaxWait ? g.max_wait : g.total_wait);
        v = v ? std::max(*v, x) : x;
      }
      if (!v) {
        std::vector<std::string> names;
        for (const auto& g : s.goroutines) names.push_back(g.role);
        *why = "the run has no goroutine named or with the role '" + b.arg + "' (roles: " + join(unique_names(names)) +
               ")";
        if (auto near = did_you_mean(b.arg, names); !near.empty()) *why += "; did you mean '" + near + "'?";
      }
      return v;
    }
  }
  return std::nullopt;
}

std::vector<std::string> failed_bounds(const Scenario& sc, const RunSummary& s) {
  std::vector<std::string> out;
  for (const Bound& b : sc.expect.bounds) {
    std::string why;
    auto v = measure(b, s, &why);
    if (!v)
      out.push_back("bound '" + b.text + "': " + why);
    else if (!compare(*v, b.op, b.value))
      out.push_back("bound '" + b.text + "' does not hold: it is " + format_bound_value(b, *v));
  }
  return out;
}

std::optional<std::string> failed_bound(const Scenario& sc, const RunSummary& s) {
  auto all = failed_bounds(sc, s);
  if (all.empty()) return std::nullopt;
  return all.front();
}

namespace {

std::string expected_word(const Expectations& e) { return e.starvation ? "starvation" : outcome_word(e.outcome); }

// Text shown in a message: quoted as Go's strconv.Quote does (golib::quote), long text cut.
std::string quote_text(const std::string& s, std::size_t max = 200) {
  return golib::quote(std::string_view(s).substr(0, max)) + (s.size() > max ? "..." : "");
}

// Where the output first differs from the expected text: its line, and both versions of that line.
std::string output_difference(const std::string& want, const std::string& got) {
  std::size_t i = 0, line = 1, start = 0;
  for (; i < want.size() && i < got.size() && want[i] == got[i]; ++i)
    if (want[i] == '\n') ++line, start = i + 1;
  auto line_of = [&](const std::string& t) {
    if (start >= t.size()) return std::string("(the end of the output)");
    std::size_t nl = t.find('\n', start);
    return quote_text(t.substr(start, nl == std::string::npos ? std::string::npos : nl - start + 1));
  };
  return "the output differs from the expected at line " + std::to_string(line) + ": expected " + line_of(want) +
         ", got " + line_of(got);
}

// Every way this run does not show what the scenario expects (empty: it does).
std::vector<std::string> judge(const Scenario& sc, const RunSummary& s) {
  const Expectations& e = sc.expect;
  std::vector<std::string> why;
  auto broke = [&](const std::string& inv) {
    return s.outcome == Outcome::InvariantViolation && s.message.rfind(inv + ":", 0) == 0;
  };
  if (s.outcome != e.outcome) {
    std::string got = outcome_word(s.outcome);
    if (s.outcome != Outcome::Completed && !s.message.empty()) got += " (" + s.message + ")";
    why.push_back("expected " + expected_word(e) + ", got " + got);
  } else if (e.starvation && !s.starvation.starved) {
    why.push_back("expected starvation, got " + format_starvation(s.starvation));
  }
  for (const auto& inv : e.invariants)
    if (broke(inv)) why.push_back("invariant '" + inv + "' was violated: " + s.message);
  if (!e.violates.empty() && s.outcome == Outcome::InvariantViolation && !broke(e.violates))
    why.push_back("expected invariant '" + e.violates + "' to break, but the violation was: " + s.message);
  for (auto& b : failed_bounds(sc, s)) why.push_back(std::move(b));
  if (e.output && s.output != *e.output) why.push_back(output_difference(*e.output, s.output));
  if (e.output_matches && !std::regex_search(s.output, std::regex(*e.output_matches)))
    why.push_back("the output does not match /" + *e.output_matches + "/: it was " + quote_text(s.output));
  return why;
}

// A shell word: quoted when it needs to be.
std::string shell_word(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:+,@") ==
                        std::string::npos)
    return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string reproduce_command(const Scenario& sc, std::uint64_t seed) {
  std::string cmd = "interleave run " + shell_word(sc.path) + " --seed " + std::to_string(seed);
  if (sc.run.policy == "manual") cmd += " --policy fifo";
  return cmd;
}

std::string save_name(const Scenario& sc, std::uint64_t seed) {
  std::filesystem::path p(sc.path);
  std::string stem = p.parent_path().filename().string();
  stem += (stem.empty() ? "" : "-") + p.stem().string();
  return stem + "-seed" + std::to_string(seed) + ".native";
}

}  // namespace

namespace {
std::atomic<ExploreJudge> explore_judge{nullptr};
}

void set_explore_judge(ExploreJudge judge) { explore_judge = judge; }

namespace {
CheckResult check_seeds(const Scenario& sc, const CheckOptions& opt);
}

CheckResult check_scenario(const Scenario& sc, const CheckOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  const ExploreExpect& x = sc.expect.explore;
  CheckResult r;
  if (sc.expect.present || !x.present) r = check_seeds(sc, opt);
  if (x.present) {
    std::string what;
    ExploreJudge judge = explore_judge.load();
    std::optional<std::string> why = judge ? judge(sc, &what) : std::optional<std::string>("explorer not available");
    r.path = sc.path;
    if (why)
      r.line = "FAIL " + sc.path + ": [expect.explore] " + *why;
    else if (sc.expect.present && r.passed)
      r.line += "; explore: " + what;
    else if (!sc.expect.present)
      r.line = "PASS " + sc.path + ": explore: " + what;
    r.passed = (r.passed || !sc.expect.present) && !why;
  }
  r.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

namespace {
CheckResult check_seeds(const Scenario& sc, const CheckOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  CheckResult r;
  r.path = sc.path;
  const Expectations& e = sc.expect;
  std::uint32_t shown = 0;
  std::optional<std::uint64_t> first_shown;
  std::map<std::string, int> outcomes;
  for (std::uint32_t i = 0; i < e.seeds; ++i) {
    RunConfig cfg = sc.run;
    cfg.seed = sc.run.seed + i;
    if (cfg.policy == "manual") cfg.policy = "fifo";  // nobody to ask headless: take the first option
    std::vector<std::string> why;
    try {
      Session session(cfg);
      session.run();
      RunSummary sum = summarize(session);
      ++outcomes[sum.starvation.starved ? "starvation" : outcome_word(sum.outcome)];
      why = judge(sc, sum);
    } catch (const std::exception& ex) {
      why.push_back(std::string("could not run: ") + ex.what());
    }
    if (why.empty()) {
      ++shown;
      if (!first_shown) first_shown = cfg.seed;
      continue;
    }
    // Keep the first failing seed, with every reason.
    if (r.failures.empty()) {
      SeedFailure f;
      f.seed = cfg.seed;
      f.reasons = std::move(why);
      f.reproduce = reproduce_command(sc, cfg.seed);
      r.failures.push_back(std::move(f));
    }
    if (e.always) break;
  }
  std::string what = expected_word(e);
  if (!e.violates.empty()) what += " of " + e.violates;
  for (const auto& b : e.bounds) what += ", " + b.text;
  if (e.output) what += ", the expected output";
  if (e.output_matches) what += ", output matching /" + *e.output_matches + "/";
  if (e.always) {
    r.passed = r.failures.empty();
    r.line = r.passed ? "PASS " + sc.path + ": " + what + " in " + std::to_string(e.seeds) + "/" +
                            std::to_string(e.seeds) + " seeds"
                      : "FAIL " + sc.path + ": seed " + std::to_string(r.failures[0].seed) + ": " +
                            r.failures[0].reasons.front();
  } else {
    r.passed = first_shown.has_value();
    if (r.passed) {
      r.failures.clear();  // "sometimes": the seeds that did not show it are not failures
      r.line = "PASS " + sc.path + ": " + what + " shown in " + std::to_string(shown) + "/" + std::to_string(e.seeds) +
               " seeds (first: seed " + std::to_string(*first_shown) + ")";
    } else {
      std::string seen;
      for (const auto& [o, n] : outcomes) seen += (seen.empty() ? "" : ", ") + o + " x" + std::to_string(n);
      r.line = "FAIL " + sc.path + ": expected " + what + " in at least one of " + std::to_string(e.seeds) +
               " seeds, never shown (" + (seen.empty() ? std::string("no run finished") : seen) + ")";
    }
  }
  // The failing run as a recording, when asked: run again (runs are deterministic) and write it.
  if (!r.passed && !opt.save_failures.empty())
    for (SeedFailure& f : r.failures) {
      RunConfig cfg = sc.run;
      cfg.seed = f.seed;
      if (cfg.policy == "manual") cfg.policy = "fifo";
      std::filesystem::path out = std::filesystem::path(opt.save_failures) / save_name(sc, f.seed);
      try {
        Session again(cfg);
        again.run();
        std::error_code ec;
        std::filesystem::create_directories(opt.save_failures, ec);
        std::ofstream file(out, std::ios::binary);
        if (file) write_native(file, again, sc.path);
        file.close();
        f.saved = file ? out.string() : "(could not write " + out.string() + ")";
      } catch (const std::exception& ex) {
        f.saved = "(could not record: " + std::string(ex.what()) + ")";
      }
    }
  for (const SeedFailure& f : r.failures) {
    for (const auto& reason : f.reasons) r.details.push_back("- seed " + std::to_string(f.seed) + ": " + reason);
    r.details.push_back("reproduce: " + f.reproduce);
    if (!f.saved.empty()) r.details.push_back("recording: " + f.saved);
  }
  r.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return r;
}
}  // namespace

CheckResult check_file(const std::filesystem::path& path, const CheckOptions& opt) {
  try {
    return check_scenario(load_scenario(path), opt);
  } catch (const ScenarioError& e) {
    CheckResult r;
    r.path = path.string();
    r.error = true;
    r.line = "ERROR " + e.first_line();
    return r;
  }
}

std::vector<std::filesystem::path> collect_scenarios(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               p, std::filesystem::directory_options::skip_permission_denied, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".toml") found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.emplace_back(p);
    }
  }
  return out;
}

namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string message_of(const CheckResult& r) {
  std::string m = r.line;
  for (const auto& d : r.details) m += "\n" + d;
  return m;
}

}  // namespace

void write_check_junit(std::ostream& out, const std::vector<CheckResult>& results, double seconds) {
  std::size_t failures = 0, errors = 0;
  for (const auto& r : results) {
    if (r.error)
      ++errors;
    else if (!r.passed)
      ++failures;
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", seconds);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"interleave check\" tests=\"" << results.size() << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" time=\"" << secs << "\">\n";
  out << "  <testsuite name=\"interleave check\" tests=\"" << results.size() << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" time=\"" << secs << "\">\n";
  for (const auto& r : results) {
    std::snprintf(secs, sizeof secs, "%.3f", r.millis / 1000.0);
    std::filesystem::path p(r.path);
    out << "    <testcase classname=\"" << xml_escape(p.parent_path().filename().string()) << "\" name=\""
        << xml_escape(r.path) << "\" time=\"" << secs << "\"";
    if (r.passed) {
      out << "/>\n";
      continue;
    }
    out << ">\n      <" << (r.error ? "error" : "failure") << " message=\"" << xml_escape(r.line) << "\">"
        << xml_escape(message_of(r)) << "</" << (r.error ? "error" : "failure") << ">\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void write_check_json(std::ostream& out, const std::vector<CheckResult>& results, double seconds) {
  nlohmann::ordered_json j;
  std::size_t passed = 0, failed = 0, errors = 0;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    (r.error ? errors : r.passed ? passed : failed) += 1;
    nlohmann::ordered_json c;
    c["path"] = r.path;
    c["status"] = r.error ? "error" : r.passed ? "pass" : "fail";
    c["message"] = r.line;
    nlohmann::ordered_json fs = nlohmann::ordered_json::array();
    for (const auto& f : r.failures) {
      nlohmann::ordered_json x;
      x["seed"] = f.seed;
      x["reasons"] = f.reasons;
      x["reproduce"] = f.reproduce;
      if (!f.saved.empty()) x["recording"] = f.saved;
      fs.push_back(std::move(x));
    }
    c["failures"] = std::move(fs);
    c["millis"] = std::round(r.millis * 1000) / 1000;
    list.push_back(std::move(c));
  }
  j["scenarios"] = results.size();
  j["passed"] = passed;
  j["failed"] = failed + errors;
  j["errors"] = errors;
  j["seconds"] = std::round(seconds * 1000) / 1000;
  j["results"] = std::move(list);
  out << j.dump(2) << "\n";
}

}  // namespace interleave::engine
