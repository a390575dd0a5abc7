// explore_cli_test.cpp — `interleave explore` through the real program: exit statuses, the verdict line, the
// JSON keys, the bug's recording replayed by `interleave replay`, shards merged, --jobs, --schedule.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/unit/cli_support.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = INTERLEAVE_SOURCE_ROOT;

using interleave::test::Ran;

using interleave::test::run_interleave;

fs::path tmp(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("interleave-explore-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

std::string scen(const std::string& rel) { return "'" + (kRoot / "scenarios" / rel).string() + "'"; }

// The JSON without the time it took.
std::string timeless(nlohmann::json j) {
  j.erase("seconds");
  return j.dump();
}

}  // namespace

TEST_CASE("explore CLI: a broken variant's bug, its JSON, and its recording replayed") {
  fs::path json = tmp("race.json"), native = tmp("race.native");
  Ran r = run_interleave("explore " + scen("race_condition/unsynchronised.toml") +
                         " --strategy dfs --preemptions 1 -j 2 --json '" + json.string() + "' --save '" +
                         native.string() + "'");
  CHECK(r.status == 2);
  CHECK(r.out.find("first bug: invariant_violation: no_lost_update with 1 preemption") != std::string::npos);
  CHECK(r.out.find("invariant violated: no_lost_update") != std::string::npos);  // Go-style words and dump
  CHECK(r.out.find("<- preemption") != std::string::npos);                       // the side-by-side trace
  auto j = read_json(json);
  std::set<std::string> keys;
  for (auto& [k, v] : j.items()) keys.insert(k);
  CHECK(keys ==
        std::set<std::string>{"schedules", "seconds", "complete", "incomplete_reason", "outcomes", "outputs", "bug"});
  CHECK(j["schedules"].is_number_integer());
  CHECK(j["seconds"].is_number_float());
  CHECK(j["complete"] == false);
  CHECK(j["incomplete_reason"].get<std::string>().find("preemption bound") != std::string::npos);
  CHECK(j["outcomes"]["invariant_violation: no_lost_update"].get<int>() > 0);
  REQUIRE(j["outputs"].size() == 1);
  CHECK(j["outputs"][0]["count"] == j["schedules"]);
  auto bug = j["bug"];
  CHECK(bug["kind"] == "invariant_violation: no_lost_update");
  CHECK(bug["preemptions"] == 1);
  CHECK(bug["steps"].get<int>() > 0);
  CHECK(bug["message"].get<std::string>().find("no_lost_update") == 0);
  // `replay` reproduces the saved recording exactly.
  Ran rep = run_interleave("replay -q '" + native.string() + "'");
  CHECK(rep.status == 0);
  CHECK(rep.out.find("replay identical") != std::string::npos);
  CHECK(rep.out.find("outcome invariant violation") != std::string::npos);
  // The bug's schedule string makes the same recording again.
  fs::path again = tmp("again.native");
  Ran sch = run_interleave("explore " + scen("race_condition/unsynchronised.toml") + " --schedule '" +
                           bug["replay"].get<std::string>() + "' --save '" + again.string() + "'");
  CHECK(sch.status == 2);
  CHECK(sch.out.find("1 preemptions") != std::string::npos);
  CHECK(run_interleave("replay -q '" + again.string() + "'").status == 0);
}

TEST_CASE("explore CLI: a correct variant completes with no bug; exit 0") {
  Ran r = run_interleave("explore " + scen("dining_philosophers/resource_ordering.toml") +
                         " --set philosophers=3 --strategy dfs --preemptions 2 -q");
  CHECK(r.status == 0);
  CHECK(r.out.find(": complete; outcomes: completes x") != std::string::npos);
  CHECK(r.out.find("no bug") != std::string::npos);
}

TEST_CASE("explore CLI: shards merged equal the whole, and --jobs changes nothing") {
  std::string file =
      scen("race_condition/mutex.toml") + " --set goroutines=3 --set increments=1 --strategy dfs --preemptions 2 -q";
  fs::path whole = tmp("whole.json"), whole4 = tmp("whole4.json"), merged = tmp("merged.json");
  CHECK(run_interleave("explore " + file + " -j 1 --json '" + whole.string() + "'").status == 0);
  CHECK(run_interleave("explore " + file + " -j 4 --json '" + whole4.string() + "'").status == 0);
  CHECK(timeless(read_json(whole)) == timeless(read_json(whole4)));
  std::string parts;
  for (int i = 1; i <= 3; ++i) {
    fs::path p = tmp("shard" + std::to_string(i) + ".json");
    Ran r = run_interleave("explore " + file + " --shard " + std::to_string(i) + "/3 --json '" + p.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("shard " + std::to_string(i) + "/3 only") != std::string::npos);
    parts += " '" + p.string() + "'";
  }
  Ran m = run_interleave("explore --merge" + parts + " --json '" + merged.string() + "'");
  CHECK(m.status == 0);
  CHECK(timeless(read_json(merged)) == timeless(read_json(whole)));
  CHECK(read_json(merged)["complete"] == read_json(whole)["complete"]);
}

TEST_CASE("explore CLI: random and pct are reproducible from their seed") {
  std::string file = scen("dining_philosophers/naive.toml") + " --max-schedules 200 -q";
  fs::path a = tmp("ra.json"), b = tmp("rb.json");
  for (std::string s : {"random", "pct"}) {
    run_interleave("explore " + file + " --strategy " + s + " --seed 5 -j 1 --json '" + a.string() + "'");
    run_interleave("explore " + file + " --strategy " + s + " --seed 5 -j 2 --json '" + b.string() + "'");
    CHECK(timeless(read_json(a)) == timeless(read_json(b)));
    CHECK(read_json(a)["schedules"] == 200);
    CHECK(read_json(a)["complete"] == false);
  }
}

TEST_CASE("explore CLI: bad options are usage errors (exit 1) with a clear message") {
  Ran d = run_interleave("explore '" + (kRoot / "tests/bench/dpor/readers.go").string() + "' --shard 1/2");
  CHECK(d.status == 1);
  CHECK(d.out.find("--shard is not supported with --strategy dpor yet") != std::string::npos);
  Ran s = run_interleave("explore " + scen("race_condition/mutex.toml") + " --shard 3/2");
  CHECK(s.status == 1);
  CHECK(s.out.find("--shard must be i/n") != std::string::npos);
  Ran t = run_interleave("explore " + scen("race_condition/mutex.toml") + " --max-time 5");
  CHECK(t.status == 1);
  CHECK(t.out.find("--max-time needs a duration") != std::string::npos);
  Ran m = run_interleave("explore --merge /nonexistent.json");
  CHECK(m.status == 1);
  Ran sch = run_interleave("explore " + scen("race_condition/mutex.toml") + " --schedule 'g1/2 zz'");
  CHECK(sch.status == 1);
  CHECK(sch.out.find("decision 2 ('zz')") != std::string::npos);
}

TEST_CASE("explore CLI: a time budget ends the search, incomplete, saying so") {
  fs::path j = tmp("time.json");
  Ran r = run_interleave("explore " + scen("producer_consumer/semaphores.toml") +
                         " --strategy dfs --max-time 50ms -j 1 -q --json '" + j.string() + "'");
  CHECK(r.status == 0);
  CHECK(r.out.find("incomplete (time budget (--max-time) ran out)") != std::string::npos);
  CHECK(read_json(j)["complete"] == false);
  CHECK(read_json(j)["incomplete_reason"] == "time budget (--max-time) ran out");
}

TEST_CASE("explore CLI: a Go program explored by several threads at once (each thread compiles its own copy)") {
  // The compiled program's string constants are reference-counted values: threads sharing one compiled
  // program corrupted the heap (a crash in most runs of this exploration before each thread got its own).
  fs::path go = tmp("strings_threads.go");
  std::ofstream(go) << R"GO(package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	ch := make(chan string, 2)
	words := map[string]int{}
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range []string{"alpha", "beta", "gamma"} {
				mu.Lock()
				words[w+"!"]++
				mu.Unlock()
				select {
				case ch <- w + " says hello":
				default:
					_ = fmt.Sprint("full ", w)
				}
			}
		}()
	}
	wg.Wait()
	close(ch)
	for s := range ch {
		_ = s + "."
	}
	fmt.Println(len(words), "words")
}
)GO";
  fs::path j1 = tmp("threads1.json"), j2 = tmp("threads2.json");
  for (int attempt = 0; attempt < 3; ++attempt) {
    Ran r = run_interleave("explore '" + go.string() + "' --strategy random --max-schedules 3000 -j 2 -q --json '" +
                           j2.string() + "'");
    REQUIRE(r.status == 0);
    CHECK(r.out.find("3,000 schedules") != std::string::npos);
  }
  REQUIRE(run_interleave("explore '" + go.string() + "' --strategy random --max-schedules 3000 -j 1 -q --json '" +
                         j1.string() + "'")
              .status == 0);
  CHECK(timeless(read_json(j1)) == timeless(read_json(j2)));  // and the result does not depend on --jobs
}
