// cli_ci_test.cpp — what CI and trace viewers are told must be true, through the real `interleave`: final
// states, metrics on every outcome, bounds in the metric's unit, the run queue, the starvation verdict,
// `check` for CI (errors, every failure, reproduce commands, recordings, JUnit and JSON), help and list, and
// Perfetto exports that viewers draw right (exact times, no zero-length slices, bound flows, cat everywhere).
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/cli_support.h"

namespace fs = std::filesystem;

namespace {

using interleave::test::Ran;

// Runs the real program in `cwd` (under `timeout`, so a hang fails the test instead of stalling it).
Ran run(const std::string& args, const fs::path& cwd = fs::temp_directory_path()) {
  return interleave::test::run_interleave(args, cwd);
}

fs::path scratch() {
  fs::path d = fs::temp_directory_path() / ("interleave-ci-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string write(const std::string& name, const std::string& text) {
  fs::path p = scratch() / name;
  std::ofstream(p) << text;
  return p.string();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A scenario file of `pattern/variant` with extra TOML appended.
std::string variant_file(const std::string& name, const std::string& pattern, const std::string& variant,
                         const std::string& extra) {
  return write(name, "pattern = \"" + pattern + "\"\nvariant = \"" + variant + "\"\n" + extra);
}

}  // namespace

TEST_CASE("ci 1: every goroutine ends in its final state, even one that blocked at the last instant" *
          doctest::timeout(60)) {
  Ran r = run("run dining_philosophers/naive.toml");
  CHECK(r.status == 2);
  // philosopher#4 blocks at the run's last instant: zero time blocked, but still named as waiting.
  CHECK(has(r.out, "philosopher#4 (g6)"));
  std::istringstream lines(r.out);
  int still = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("philosopher#")) {
      CHECK_MESSAGE(has(line, "sync.Mutex.Lock fork#"), line);
      CHECK_MESSAGE(has(line, "(still blocked)"), line);
      ++still;
    }
  CHECK(still == 5);
  CHECK(has(r.out,
            "philosopher#4 (g6)                0          0          0     2.39ms          0  sync.Mutex.Lock "
            "fork#0 (still blocked)"));

  // CSV: each goroutine's last row is its final (blocked) state; the JSON ends it there too.
  fs::path csv = scratch() / "naive.csv", json = scratch() / "naive.json";
  REQUIRE(run("export dining_philosophers/naive.toml --out '" + csv.string() + "'").status == 0);
  REQUIRE(run("export dining_philosophers/naive.toml --out '" + json.string() + "'").status == 0);
  std::map<std::string, std::string> last_row;
  std::istringstream rows(slurp(csv));
  std::string header;
  std::getline(rows, header);
  for (std::string row; std::getline(rows, row);) last_row[row.substr(0, row.find(','))] = row;
  REQUIRE(last_row.size() == 6);
  for (const auto& [g, row] : last_row) CHECK_MESSAGE(has(row, ",blocked,"), row);
  CHECK(has(last_row["6"], ",blocked,sync.Mutex.Lock,fork#0,"));
  auto j = nlohmann::json::parse(slurp(json));
  std::map<int, nlohmann::json> last_slice;
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "X" && e["pid"] == 1) last_slice[e["tid"].get<int>()] = e;
  REQUIRE(last_slice.size() == 6);
  for (const auto& [g, e] : last_slice) CHECK(e["args"]["state"] == "blocked");
  CHECK(last_slice[6]["args"]["final"] == true);
  CHECK(last_slice[6]["args"]["object"].get<std::string>().starts_with("fork#0"));
  fs::remove_all(scratch());
}

TEST_CASE("ci 2: metrics are reported on every outcome, from 0" * doctest::timeout(60)) {
  Ran r = run("run dining_philosophers/naive.toml");
  CHECK(r.status == 2);
  CHECK(has(r.out, "meals                 0 meals"));
  std::string f = variant_file("meals.toml", "dining_philosophers", "naive",
                               "[schedule]\nprocs = 2\npolicy = \"random\"\nseed = 3\n[expect]\noutcome = "
                               "\"deadlock\"\nbounds = [\"meals == 0\"]\n");
  Ran c = run("check '" + f + "'");
  CHECK_MESSAGE(c.status == 0, c.out);
  fs::remove_all(scratch());
}

TEST_CASE("ci 3: a bound is compared in its metric's unit, and a unit that cannot apply is a load error" *
          doctest::timeout(60)) {
  const std::string rw = "[schedule]\nprocs = 2\npolicy = \"random\"\nseed = 1\n[expect]\nbounds = [";
  auto check_bound = [&](const std::string& bound) {
    return run("check '" + variant_file("b.toml", "readers_writers", "reader_preference", rw + bound + "]\n") + "'");
  };
  Ran tight = check_bound("\"writer_max_wait <= 1ms\"");
  CHECK(tight.status == 2);
  CHECK_MESSAGE(has(tight.out, "bound 'writer_max_wait <= 1ms' does not hold: it is 38.321 ms"), tight.out);
  Ran loose = check_bound("\"writer_max_wait >= 10ms\"");
  CHECK_MESSAGE(loose.status == 0, loose.out);
  Ran micro = check_bound("\"writer_max_wait >= 38000us\", \"writer_max_wait < 39ms\"");
  CHECK_MESSAGE(micro.status == 0, micro.out);
  // A bare number against a duration metric: an error at file:line:col that suggests the unit.
  Ran bare = run("run '" +
                 variant_file("bare.toml", "readers_writers", "reader_preference",
                              "[expect]\nbounds = [\"writer_max_wait >= 10\"]\n") +
                 "'");
  CHECK(bare.status == 1);
  CHECK_MESSAGE(has(bare.out,
                    "bare.toml:4:31: error: bound 'writer_max_wait >= 10': writer_max_wait is a duration "
                    "(in ms): give the value a unit, like 10ms"),
                bare.out);
  // A duration against items, and a metric the variant does not report.
  Ran items =
      run("run '" +
          variant_file("items.toml", "producer_consumer", "semaphores", "[expect]\nbounds = [\"consumed <= 1ms\"]\n") +
          "'");
  CHECK(items.status == 1);
  CHECK_MESSAGE(has(items.out,
                    "items.toml:4:24: error: bound 'consumed <= 1ms': '1ms' is a duration, but consumed "
                    "is counted in items"),
                items.out);
  Ran unknown = run(
      "run '" +
      variant_file("unknown.toml", "producer_consumer", "semaphores", "[expect]\nbounds = [\"meals == 1\"]\n") + "'");
  CHECK(unknown.status == 1);
  CHECK_MESSAGE(has(unknown.out,
                    "unknown.toml:4:12: error: bound 'meals == 1': unknown metric 'meals' for "
                    "producer_consumer/semaphores; it reports produced, consumed, throughput"),
                unknown.out);
  fs::remove_all(scratch());
}

TEST_CASE("ci 4: bounds, the summary and the exports read one run-queue series" * doctest::timeout(60)) {
  std::string f = variant_file("runq.toml", "producer_consumer", "semaphores",
                               "[schedule]\nprocs = 1\n[expect]\nseeds = 3\nbounds = [\"max_depth(run queue) >= 1\", "
                               "\"mean_depth(run queue) > 0\"]\n");
  Ran c = run("check '" + f + "'");
  CHECK_MESSAGE(c.status == 0, c.out);
  Ran r = run("run producer_consumer/semaphores.toml --procs 1");
  CHECK(r.status == 0);
  std::istringstream lines(r.out);
  std::string row;
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("run queue")) row = line;
  REQUIRE(!row.empty());
  CHECK_MESSAGE(!has(row, " - "), row);
  fs::remove_all(scratch());
}

TEST_CASE("ci 6: starvation is a verdict: printed by run, accepted by check" * doctest::timeout(60)) {
  Ran r = run("run readers_writers/reader_preference.toml");
  CHECK(r.status == 0);  // the program completed
  CHECK_MESSAGE(has(r.out,
                    "verdict: starvation: a writer waited 38.320918ms of the run's 51.300497ms (75%); the "
                    "threshold is 25ms"),
                r.out);
  Ran fair = run("run readers_writers/no_starve.toml");
  CHECK(fair.status == 0);
  CHECK(!has(fair.out, "verdict: starvation"));
  Ran c = run("check readers_writers/reader_preference.toml readers_writers/writer_preference.toml");
  CHECK_MESSAGE(c.status == 0, c.out);
  CHECK(has(c.out, ": starvation "));
  // A fair variant does not show starvation; one that names no starving role cannot expect it.
  std::string fair_file =
      variant_file("fair.toml", "readers_writers", "no_starve", "[expect]\noutcome = \"starvation\"\n");
  CHECK(run("check '" + fair_file + "'").status == 1);
  Ran fr = run("run '" + fair_file + "'");
  CHECK(has(fr.out, "fair.toml:4:11: error: outcome \"starvation\" needs a variant that names a starving role"));
  std::string starving = variant_file("starving.toml", "readers_writers", "reader_preference",
                                      "[schedule]\nprocs = 2\npolicy = \"random\"\nseed = 2\n[expect]\noutcome = "
                                      "\"starvation\"\nhappens = \"always\"\nseeds = 20\n");
  Ran sometimes_not = run("check '" + starving + "'");
  CHECK(sometimes_not.status == 2);
  CHECK_MESSAGE(has(sometimes_not.out, "expected starvation, got no starvation: the longest wait of a writer was"),
                sometimes_not.out);
  fs::remove_all(scratch());
}

TEST_CASE("ci 7: check that CI can rely on" * doctest::timeout(120)) {
  SUBCASE("a missing file is an error: exit 1, listed, counted among the failed") {
    Ran r = run("check dining_philosophers/naive.toml no/such/file.toml");
    CHECK(r.status == 1);
    CHECK(has(r.out, "ERROR no/such/file.toml: error: no such file"));
    CHECK(has(r.out, "1 passed, 1 failed (1 error)\n"));
  }
  SUBCASE("the same lookup as run, from any folder; '1 scenario'") {
    Ran r = run("check dining_philosophers/naive.toml", "/");
    CHECK_MESSAGE(r.status == 0, r.out);
    CHECK(has(r.out, "PASS "));
    CHECK(has(r.out, "checked 1 scenario in"));
  }
  SUBCASE("every failing expectation, the command that reproduces it, and the recording") {
    std::string f = variant_file("two.toml", "producer_consumer", "semaphores",
                                 "[schedule]\nseed = 7\n[expect]\nseeds = 2\nbounds = [\"consumed == 1\", "
                                 "\"max_depth(buffer) <= 3\", \"produced == 2\"]\n");
    fs::path dir = scratch() / "failures";
    fs::path junit = scratch() / "report.xml", json = scratch() / "report.json";
    Ran r = run("check '" + f + "' --save-failures '" + dir.string() + "' --junit '" + junit.string() + "' --json '" +
                json.string() + "'");
    CHECK(r.status == 2);
    CHECK_MESSAGE(has(r.out, "- seed 7: bound 'consumed == 1' does not hold: it is 20 items"), r.out);
    CHECK(has(r.out, "- seed 7: bound 'produced == 2' does not hold: it is 20 items"));
    CHECK(!has(r.out, "max_depth(buffer) <= 3' does not hold"));
    CHECK(has(r.out, "reproduce: interleave run " + f + " --seed 7"));
    fs::path rec = dir / (scratch().filename().string() + "-two-seed7.native");
    CHECK_MESSAGE(fs::exists(rec), r.out);
    Ran replay = run("replay '" + rec.string() + "'");
    CHECK_MESSAGE(replay.status == 0, replay.out);
    CHECK(has(replay.out, "replay identical"));
    std::string xml = slurp(junit);
    CHECK(has(xml, "<testsuites name=\"interleave check\" tests=\"1\" failures=\"1\" errors=\"0\""));
    CHECK(has(xml, "<testcase classname="));
    CHECK(has(xml, "<failure message=\"FAIL "));
    CHECK(has(xml, "bound &apos;produced == 2&apos; does not hold"));
    auto j = nlohmann::json::parse(slurp(json));
    CHECK(j["scenarios"] == 1);
    CHECK(j["failed"] == 1);
    CHECK(j["results"][0]["status"] == "fail");
    CHECK(j["results"][0]["failures"][0]["seed"] == 7);
    CHECK(j["results"][0]["failures"][0]["reasons"].size() == 2);
    CHECK(j["results"][0]["failures"][0]["reproduce"] == "interleave run " + f + " --seed 7");
  }
  SUBCASE("a scenario that passes leaves no recording, even when some of its seeds did not show the bug") {
    fs::path dir = scratch() / "none";
    Ran r = run("check readers_writers/reader_preference.toml --save-failures '" + dir.string() + "'");
    CHECK_MESSAGE(r.status == 0, r.out);
    CHECK(has(r.out, "shown in 17/20 seeds"));
    CHECK((!fs::exists(dir) || fs::is_empty(dir)));
  }
  SUBCASE("a passing run writes a report with every scenario passed") {
    fs::path json = scratch() / "ok.json";
    Ran r = run("check dining_philosophers/ --json '" + json.string() + "'");
    CHECK(r.status == 0);
    auto j = nlohmann::json::parse(slurp(json));
    CHECK(j["scenarios"] == 4);
    CHECK(j["passed"] == 4);
    CHECK(j["failed"] == 0);
  }
  fs::remove_all(scratch());
}

TEST_CASE("ci 8: help, a recording given to run, and what list says a bound can name" * doctest::timeout(60)) {
  Ran h = run("help");
  CHECK(h.status == 0);
  CHECK(has(h.out, "check"));
  CHECK(has(h.out, "replay"));
  Ran hr = run("help check");
  CHECK(hr.status == 0);
  CHECK(has(hr.out, "--junit"));
  CHECK(run("help nonsense").status == 1);
  Ran n = run("run some.native");
  CHECK(n.status == 1);
  CHECK(has(n.out, "'some.native' is a recording, not a scenario"));
  CHECK(has(n.out, "interleave replay some.native"));
  Ran f = run("run dining_philosophers/naive.toml --format csv");
  CHECK(f.status == 1);
  CHECK(has(f.out, "there is no --trace-out FILE"));
  Ran rt = run("replay dining_philosophers/naive.toml");
  CHECK(rt.status == 1);
  CHECK(has(rt.out, "is a scenario, not a recording: run it with `interleave run"));
  Ran l = run("list");
  CHECK(l.status == 0);
  CHECK(has(l.out, "      metrics: meals (meals), throughput (meals/s)\n      objects: run queue, finished, fork#0"));
  CHECK(has(l.out, "      metrics: reader_max_wait (ms), reads (reads), writer_max_wait (ms)"));
  Ran lj = run("list --json");
  REQUIRE(lj.status == 0);
  auto j = nlohmann::json::parse(lj.out);
  bool found = false;
  for (const auto& v : j) {
    if (v["pattern"] != "producer_consumer" || v["variant"] != "semaphores") continue;
    found = true;
    const auto& p = v["params"]["producers"];
    CHECK(p["type"] == "int");
    CHECK(p["default"] == 2);
    CHECK(p["min"] == 1);
    CHECK(p["max"] == 16);
    CHECK(p["unit"] == "goroutines");
    CHECK(v["params"]["produce_time"]["type"] == "duration");
    CHECK(v["metrics"][1]["name"] == "consumed");
    CHECK(v["metrics"][1]["unit"] == "items");
    CHECK(v["objects"].size() >= 4);
    CHECK(v["roles"][1] == "producer");
  }
  CHECK(found);
}

TEST_CASE("ci 9: Perfetto exports that viewers draw right" * doctest::timeout(60)) {
  fs::path json = scratch() / "chan.json";
  REQUIRE(run("export producer_consumer/channel.toml --set procs=2 --out '" + json.string() + "'").status == 0);
  auto j = nlohmann::json::parse(slurp(json));
  std::set<std::pair<int, int>> named;
  std::map<std::pair<int, int>, std::vector<std::pair<std::string, std::string>>> slices;  // raw ts, dur texts
  std::map<std::uint64_t, nlohmann::json> starts, ends;
  std::size_t counters = 0;
  const std::string text = slurp(json);
  for (const auto& e : j["traceEvents"]) {
    CHECK_MESSAGE(e.contains("cat"), e.dump());
    std::pair<int, int> thread{e["pid"].get<int>(), e["tid"].get<int>()};
    if (e["ph"] == "M" && e["name"] == "thread_name") named.insert(thread);
    if (e["ph"] == "X") {
      CHECK_MESSAGE(e["dur"].get<double>() > 0, e.dump());
      slices[thread].push_back({e["ts"].dump(), e["dur"].dump()});
    }
    if (e["ph"] == "s") starts[e["id"].get<std::uint64_t>()] = e;
    if (e["ph"] == "f") ends[e["id"].get<std::uint64_t>()] = e;
    if (e["ph"] == "C") {
      ++counters;
      CHECK(!has(e["name"].get<std::string>(), " length"));
      CHECK(named.count(thread) == 1);
    }
    if (e["ph"] == "i") CHECK_MESSAGE(named.count(thread) == 1, e.dump());
  }
  CHECK(counters > 0);
  // Thread ids are unique across processes, and every thread with slices is named.
  std::set<int> tids;
  for (const auto& [pid, tid] : named) CHECK(tids.insert(tid).second);
  for (const auto& [thread, list] : slices) CHECK(named.count(thread) == 1);
  // Exact times: on every thread a slice's start + duration, added in doubles, is exactly the next start or
  // before it, never past it.
  for (const auto& [thread, list] : slices)
    for (std::size_t i = 0; i + 1 < list.size(); ++i) {
      double end = std::stod(list[i].first) + std::stod(list[i].second);
      CHECK(end <= std::stod(list[i + 1].first));
    }
  // Every flow has both ends, at different times, the start on the sender when it sent.
  REQUIRE(!starts.empty());
  int earlier = 0;
  for (const auto& [id, s] : starts) {
    REQUIRE(ends.count(id) == 1);
    const auto& f = ends[id];
    CHECK(s["ts"].get<double>() < f["ts"].get<double>());
    CHECK(s["cat"] == "goroutine");
    CHECK(f["cat"] == "goroutine");
    double sent = s["args"]["at"].get<double>(), received = f["args"]["at"].get<double>();
    CHECK(sent <= received);
    CHECK(s["ts"].get<double>() <= sent);
    if (s["name"] == "send→receive" && sent < received) ++earlier;
  }
  CHECK(earlier > 0);  // buffered values: the arrow starts when the value entered the buffer
  // The same run, byte for byte.
  fs::path again = scratch() / "again.json";
  REQUIRE(run("export producer_consumer/channel.toml --set procs=2 --out '" + again.string() + "'").status == 0);
  CHECK(slurp(again) == text);
  fs::remove_all(scratch());
}
