// cli_test.cpp — the scenario engine and the `interleave` program: exit statuses, exports parsed back,
// native recordings and replay, determinism, loader speed and error messages.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "scenarios/engine/analysis.h"
#include "scenarios/engine/check.h"
#include "scenarios/engine/export.h"
#include "scenarios/engine/native.h"
#include "scenarios/engine/scenario.h"
#include "tests/unit/cli_support.h"

using namespace interleave;
using namespace interleave::engine;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = INTERLEAVE_SOURCE_ROOT;
const fs::path kGood = kRoot / "scenarios/producer_consumer/semaphores.toml";


using interleave::test::Ran;

// Runs the real program (under `timeout`, so a hang fails the test instead of stalling it).
Ran run_program(const std::string& args) { return interleave::test::run_interleave(args); }

fs::path temp_dir() {
  fs::path d = fs::temp_directory_path() / ("interleave-cli-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string write_temp(const std::string& name, const std::string& text) {
  fs::path p = temp_dir() / name;
  std::ofstream(p) << text;
  return p.string();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<Session> run_scenario(const std::string& text, std::vector<Override> overrides = {}) {
  Scenario sc = parse_scenario(text, "test.toml", overrides);
  auto s = std::make_unique<Session>(sc.run);
  s->run();
  return s;
}

const char* kPc = R"(pattern = "producer_consumer"
variant = "semaphores"
[schedule]
procs = 2
policy = "random"
seed = 4
)";

std::string perfetto(const Session& s) {
  std::ostringstream out;
  write_perfetto(out, s.trace(), "test");
  return out.str();
}

std::string csv(const Session& s) {
  std::ostringstream out;
  write_csv(out, s.trace());
  return out.str();
}

std::string native(const Session& s) {
  std::ostringstream out;
  write_native(out, s, "test.toml");
  return out.str();
}

}  // namespace

TEST_CASE("cli: exit statuses: 0 completed, 1 usage or file error, 2 the run went wrong" * doctest::timeout(120)) {
  SUBCASE("--version and --help") {
    Ran v = run_program("--version");
    CHECK(v.status == 0);
    CHECK(v.out.find("interleave 0.") != std::string::npos);
    for (const char* cmd :
         {"--help", "run --help", "check --help", "list --help", "export --help", "replay --help", "gui --help"}) {
      CAPTURE(cmd);
      Ran h = run_program(cmd);
      CHECK(h.status == 0);
      CHECK(h.out.find("Usage:") != std::string::npos);
    }
  }
  SUBCASE("usage errors") {
    CHECK(run_program("no-such-command").status == 1);
    CHECK(run_program("run").status == 1);
    CHECK(run_program("run '" + kGood.string() + "' --format perfeto --trace-out /dev/null").status == 1);
    Ran bad = run_program("run '" + kGood.string() + "' --policy rnd");
    CHECK(bad.status == 1);
    CHECK(bad.out.find("did you mean 'random'?") != std::string::npos);
    CHECK(run_program("run /no/such/file.toml").status == 1);
    CHECK(run_program("run '" + temp_dir().string() + "'").status == 1);
  }
  SUBCASE("a completed run exits 0 and prints the summary") {
    Ran r = run_program("run '" + kGood.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("outcome: completed") != std::string::npos);
    CHECK(r.out.find("main (g1)") != std::string::npos);
    CHECK(r.out.find("buffer") != std::string::npos);
    CHECK(r.out.find("consumed") != std::string::npos);
  }
  SUBCASE("a deadlock exits 2 and prints Go's dump") {
    // Two consumers, one producer, one condition variable and signal(): the classic lost wake-up. The
    // shipped scenario sets a seed that shows it.
    fs::path dl = kRoot / "scenarios/producer_consumer/one_cond_signal.toml";
    REQUIRE(fs::exists(dl));
    Ran r = run_program("run '" + dl.string() + "'");
    CHECK(r.status == 2);
    CHECK(r.out.find("fatal error: all goroutines are asleep - deadlock!") != std::string::npos);
    CHECK(r.out.find("goroutine 1 \"main\" [") != std::string::npos);
  }
  SUBCASE("an invariant violation exits 2") {
    fs::path iv = kRoot / "scenarios/producer_consumer/no_mutex.toml";
    REQUIRE(fs::exists(iv));
    Ran r = run_program("run '" + iv.string() + "'");
    CHECK(r.status == 2);
    CHECK(r.out.find("invariant violated") != std::string::npos);
  }
  SUBCASE("check: one line per scenario, then 'N passed, N failed'") {
    std::string pass = write_temp("pass.toml", std::string(kPc) + "[expect]\noutcome = \"completes\"\nseeds = 3\n");
    std::string fail = write_temp("fail.toml", std::string(kPc) + "[expect]\noutcome = \"deadlock\"\nseeds = 2\n");
    Ran ok = run_program("check '" + pass + "' --jobs 2");
    CHECK(ok.status == 0);
    CHECK(ok.out.find("PASS " + pass) != std::string::npos);
    CHECK(ok.out.ends_with("1 passed, 0 failed\n"));
    Ran bad = run_program("check '" + pass + "' '" + fail + "' --jobs 2");
    CHECK(bad.status == 2);
    CHECK(bad.out.find("FAIL " + fail + ": seed 4: expected deadlock, got completes") != std::string::npos);
    CHECK(bad.out.ends_with("1 passed, 1 failed\n"));
  }
  SUBCASE("list --json is an array of variants with pattern, variant and params") {
    Ran r = run_program("list --json");
    CHECK(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() >= 6);
    std::set<std::string> seen;
    for (const auto& v : j) {
      CHECK(v["pattern"].is_string());
      CHECK(v["variant"].is_string());
      CHECK(v["params"].is_object());
      seen.insert(v["pattern"].get<std::string>() + "/" + v["variant"].get<std::string>());
    }
    CHECK(seen.count("producer_consumer/semaphores") == 1);
  }
  fs::remove_all(temp_dir());
}

TEST_CASE("exports: perfetto JSON has named tracks, X slices, counters and flows" * doctest::timeout(30)) {
  auto s = run_scenario(kPc);
  REQUIRE(s->scheduler().outcome() == Outcome::Completed);
  auto j = nlohmann::json::parse(perfetto(*s));
  const auto& ev = j["traceEvents"];
  REQUIRE(ev.is_array());
  std::set<std::string> thread_names;
  std::size_t slices = 0, goroutine_slices = 0, counters = 0, blocked_with_reason = 0, finals = 0;
  std::map<std::uint64_t, int> flow_ends;  // id -> bit 1 start, bit 2 finish
  std::set<std::string> flow_names, counter_names;
  for (const auto& e : ev) {
    std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name") thread_names.insert(e["args"]["name"]);
    if (ph == "X") {
      ++slices;
      CHECK(e["dur"].get<double>() > 0);  // zero-length intervals are left out of the JSON
      if (e["pid"] == 1) {
        ++goroutine_slices;
        if (e["args"].value("final", false)) ++finals;
        CHECK(e["args"].contains("state"));
        if (e["args"]["state"] == "blocked") {
          CHECK(e["args"].contains("reason"));
          CHECK(e["args"].contains("object"));
          CHECK(e["args"]["source"].get<std::string>().find("patterns/producer_consumer.cpp:") == 0);
          ++blocked_with_reason;
        }
      }
    }
    if (ph == "C") {
      ++counters;
      counter_names.insert(e["name"]);
    }
    if (ph == "s" || ph == "f") {
      flow_ends[e["id"].get<std::uint64_t>()] |= ph == "s" ? 1 : 2;
      flow_names.insert(e["name"]);
    }
  }
  CHECK(thread_names.count("main (g1)") == 1);
  CHECK(thread_names.count("producer#0 (g2)") == 1);
  CHECK(thread_names.count("P0") == 1);
  CHECK(thread_names.count("P1") == 1);
  std::size_t nonempty = 0;
  for (const auto& iv : state_intervals(s->trace())) nonempty += iv.end > iv.start;
  // Zero-length intervals are left out, but a goroutine whose final state began at the last instant (main,
  // returning) ends in it: a 1 ns slice marked "final".
  CHECK(finals <= 1);
  CHECK(goroutine_slices == nonempty + finals);
  CHECK(slices > goroutine_slices);  // processor tracks too
  CHECK(blocked_with_reason > 0);
  CHECK(counters > 0);
  bool buffer_counter = false;
  for (const auto& n : counter_names) buffer_counter |= n.starts_with("buffer ");
  CHECK(buffer_counter);
  REQUIRE(!flow_ends.empty());
  for (const auto& [id, bits] : flow_ends) CHECK(bits == 3);  // every arrow has both ends
  CHECK(flow_names.count("release→wake") == 1);
}

TEST_CASE("exports: a channel's send→receive becomes a flow" * doctest::timeout(30)) {
  auto s = run_scenario("pattern = \"producer_consumer\"\nvariant = \"channel\"\n");
  auto j = nlohmann::json::parse(perfetto(*s));
  int sends = 0;
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "s" && e["name"] == "send→receive") ++sends;
  CHECK(sends > 0);
}

TEST_CASE("exports: CSV has one row per state interval" * doctest::timeout(30)) {
  auto s = run_scenario(kPc);
  std::string text = csv(*s);
  std::istringstream in(text);
  std::string header;
  std::getline(in, header);
  CHECK(header == "goroutine,name,state,reason,object,start_ns,end_ns,file,line");
  std::size_t rows = 0;
  bool blocked_row = false;
  for (std::string line; std::getline(in, line);) {
    ++rows;
    if (line.find(",blocked,semacquire,") != std::string::npos) blocked_row = true;
  }
  CHECK(rows == state_intervals(s->trace()).size());
  CHECK(blocked_row);
}

TEST_CASE("native recordings load back and replay exactly" * doctest::timeout(30)) {
  auto s = run_scenario(kPc);
  std::string text = native(*s);
  std::string path = write_temp("run.native", text);
  std::string err;
  auto rec = load_native(path, &err);
  REQUIRE_MESSAGE(rec, err);
  CHECK(rec->hash == s->trace().hash());
  CHECK(rec->trace.hash() == s->trace().hash());  // the events themselves round-trip
  CHECK(rec->trace.size() == s->trace().size());
  CHECK(rec->trace.decisions() == s->trace().decisions());
  CHECK(rec->config.seed == 4);
  CHECK(rec->outcome == Outcome::Completed);
  Session again(rec->replay_config());
  again.run();
  CHECK(again.trace().hash() == rec->hash);

  // A scenario can replay a recording: policy = "replay" takes its decisions and its seed.
  Scenario replaying = parse_scenario(
      "pattern = \"producer_consumer\"\nvariant = \"semaphores\"\n[schedule]\nprocs = 2\npolicy = "
      "\"replay\"\nreplay = \"" +
          path + "\"\n",
      (temp_dir() / "replaying.toml").string());
  CHECK(replaying.run.seed == 4);
  CHECK(replaying.run.strict_replay);
  Session replayed(replaying.run);
  replayed.run();
  CHECK(replayed.trace().hash() == rec->hash);

  // A recording whose decisions are cut short diverges under strict replay.
  RunConfig cut = rec->replay_config();
  REQUIRE(cut.replay.size() > 2);
  cut.replay.resize(cut.replay.size() / 2);
  Session diverged(cut);
  diverged.run();
  CHECK(diverged.scheduler().outcome() == Outcome::ReplayDivergence);

  // The same cut, not strict: the recorded half, then the policy carries on.
  cut.strict_replay = false;
  Session carried(cut);
  carried.run();
  CHECK(carried.scheduler().outcome() == Outcome::Completed);

  // Garbage is an error, not a crash.
  CHECK(!load_native(write_temp("junk.native", "{\"format\":\"interleave-native\",\"version\":1}"), &err));
  CHECK(err.find("missing field") != std::string::npos);
  CHECK(!load_native(write_temp("junk2.native", "\x01\x02 not json"), &err));
  fs::remove_all(temp_dir());
}

TEST_CASE("replay through the CLI says identical, or diverged" * doctest::timeout(60)) {
  std::string scenario = write_temp("r.toml", kPc);
  std::string rec = (temp_dir() / "r.native").string();
  REQUIRE(run_program("run -q '" + scenario + "' --trace-out '" + rec + "'").status == 0);
  Ran ok = run_program("replay -q '" + rec + "'");
  CHECK(ok.status == 0);
  CHECK(ok.out.find("replay identical") != std::string::npos);
  // Tamper with the recorded decisions: flip the first one to another option.
  std::string text = read_file(rec);
  auto j = nlohmann::json::parse(text);
  REQUIRE(j["decisions"].size() > 0);
  auto& d = j["decisions"][0];
  d[2] = (d[2].get<int>() + 1) % d[1].get<int>();
  std::ofstream(rec) << j.dump();
  Ran bad = run_program("replay -q '" + rec + "'");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("replay DIVERGED") != std::string::npos);
  fs::remove_all(temp_dir());
}

TEST_CASE("determinism: the same seed gives byte-identical exports; different seeds differ" * doctest::timeout(60)) {
  std::string racy =
      patterns::find_pattern("race_condition") && patterns::find_pattern("race_condition")->variant("unsynchronised")
          ? "pattern = \"race_condition\"\nvariant = \"unsynchronised\"\n[schedule]\nprocs = 2\npolicy = \"random\"\n"
          : std::string(kPc);
  auto a = run_scenario(racy, {"seed=11"});
  auto b = run_scenario(racy, {"seed=11"});
  CHECK(perfetto(*a) == perfetto(*b));
  CHECK(csv(*a) == csv(*b));
  CHECK(native(*a) == native(*b));
  auto c = run_scenario(racy, {"seed=12"});
  CHECK(a->trace().hash() != c->trace().hash());
  CHECK(perfetto(*a) != perfetto(*c));
  CHECK(csv(*a) != csv(*c));
}

TEST_CASE("loader: loading a scenario takes well under a millisecond" * doctest::timeout(30)) {
  REQUIRE(fs::exists(kGood));
  constexpr int kLoads = 200;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kLoads; ++i) (void)load_scenario(kGood);
  double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / kLoads;
  MESSAGE("loading " << kGood.filename().string() << " takes " << us << " us");
#if !defined(__SANITIZE_ADDRESS__)
  CHECK(us < 1000.0);
#endif
}

TEST_CASE("loader: errors point at file:line:col, quote the line and suggest" * doctest::timeout(30)) {
  auto first_error = [](const std::string& text, std::vector<Override> o = {}) -> std::string {
    try {
      parse_scenario(text, "x.toml", o);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "(loaded)";
  };
  std::string e =
      first_error("pattern = \"producer_consumer\"\nvariant = \"semaphores\"\n[schedule]\npolicy = \"rnd\"\n");
  CHECK(e ==
        "x.toml:4:10: error: unknown policy 'rnd'; expected one of fifo, random, pct, manual, replay, go; did you mean "
        "'random'?\n    4 | policy = \"rnd\"\n      |          ^~~~~\n");
  e = first_error(kPc, {Override("producers=0", "--set")});
  CHECK(e.starts_with("--set:1:11: error: producers must be between 1 and 16 goroutines, got 0\n"));
  e = first_error(kPc, {Override("produce_time=uniform 3ms..1ms", "--set")});
  CHECK(e.starts_with("--set:1:14: error: produce_time:"));
  // Overrides apply: a parameter, a dotted schedule key, and a duration without quotes.
  Scenario sc = parse_scenario(kPc, "x.toml", {"producers=5", "schedule.procs=3", "produce_time=2ms", "seed=9"});
  CHECK(sc.run.params.integer("producers") == 5);
  CHECK(sc.run.procs == 3);
  CHECK(sc.run.params.dist("produce_time").mean() == 2'000'000);
  CHECK(sc.run.seed == 9);
  CHECK(did_you_mean("nave", std::vector<std::string>{"naive", "resource_ordering"}) == "naive");
  CHECK(did_you_mean("xyzzy", std::vector<std::string>{"naive", "resource_ordering"}).empty());
}

TEST_CASE("scenarios: expectations and bounds are judged" * doctest::timeout(60)) {
  std::string base = std::string(kPc) + "[expect]\noutcome = \"completes\"\nseeds = 3\n";
  CHECK(
      check_scenario(parse_scenario(base + "bounds = [\"max_depth(buffer) <= 3\", \"consumed == 20\"]\n", "t")).passed);
  CheckResult r = check_scenario(parse_scenario(base + "bounds = [\"max_depth(buffer) < 1\"]\n", "t"));
  CHECK(!r.passed);
  CHECK(r.line.find("bound 'max_depth(buffer) < 1' does not hold") != std::string::npos);
  // A metric the variant does not report is an error when the file loads.
  try {
    parse_scenario(base + "bounds = [\"consumd == 20\"]\n", "t");
    FAIL("a misspelt metric loaded");
  } catch (const ScenarioError& e) {
    CHECK(std::string(e.what()).find("did you mean 'consumed'?") != std::string::npos);
  }
  r = check_scenario(parse_scenario(base + "bounds = [\"max_wait(consumer) >= 1ns\"]\n", "t"));
  CHECK(r.passed);
  r = check_scenario(parse_scenario(base + "bounds = [\"max_wait(writer) >= 1ns\"]\n", "t"));
  CHECK(!r.passed);
  CHECK(r.line.find("no goroutine named or with the role 'writer'") != std::string::npos);
  // "sometimes": one witness seed is enough; never shown fails.
  std::string sometimes = std::string(kPc) + "[expect]\noutcome = \"deadlock\"\nhappens = \"sometimes\"\nseeds = 3\n";
  r = check_scenario(parse_scenario(sometimes, "t"));
  CHECK(!r.passed);
  CHECK(r.line.find("never shown") != std::string::npos);
}
