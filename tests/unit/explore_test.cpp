// explore_test.cpp — the schedule explorer: exhaustive exploration of small programs finds exactly their
// outcomes and outputs (derived by hand), broken catalogue variants' bugs are found with their preemption
// counts, correct ones complete with no bug, shards merge into the whole, and --jobs does not change results.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "runtime/interleave.h"
#include "scenarios/engine/check.h"
#include "scenarios/engine/program.h"
#include "scenarios/engine/scenario.h"
#include "scenarios/explorer/explore_cli.h"
#include "scenarios/explorer/explorer.h"
#include "scenarios/explorer/report.h"
#include "scenarios/explorer/runner.h"

using namespace interleave;
using namespace interleave::explorer;

namespace {

const std::filesystem::path kRoot = INTERLEAVE_SOURCE_ROOT;

// A tiny program written for these tests: `writers` goroutines each write their letter `times` times, with a
// yield (a point where another goroutine may run) before every write; main waits for them with a WaitGroup.
// Two writers writing twice can interleave in C(4,2) = 6 ways: 6 distinct outputs.
class Printer final : public engine::Program {
 public:
  Printer(int writers, int times, bool deadlock = false) : writers_(writers), times_(times), deadlock_(deadlock) {}
  std::string name() const override { return "printer"; }
  std::string title() const override { return "printer"; }
  std::string lesson() const override { return ""; }
  std::string kind() const override { return "test"; }
  const std::vector<patterns::ParamSpec>& params() const override { return none_; }
  const std::vector<patterns::Invariant>& invariants() const override { return inv_; }
  std::optional<std::string> resolve_params(patterns::Params&) const override { return std::nullopt; }
  std::vector<std::string> source_files() const override { return {}; }
  std::string_view source_text(std::string_view) const override { return ""; }
  std::unique_ptr<engine::ProgramRun> start(const patterns::Params&, std::uint64_t) const override {
    return std::make_unique<Run>(*this);
  }

 private:
  struct Run final : engine::ProgramRun {
    explicit Run(const Printer& p) : p_(p) {}
    void main_goroutine() override {
      WaitGroup wg;
      Mutex a, b;
      wg.add(p_.writers_);
      for (int w = 0; w < p_.writers_; ++w)
        go("writer", [this, w, &wg, &a, &b] {
          if (p_.deadlock_) {  // two locks taken in opposite orders: deadlocks only if preempted in between
            Mutex& first = w == 0 ? a : b;
            Mutex& second = w == 0 ? b : a;
            first.lock();
            yield();
            second.lock();
            second.unlock();
            first.unlock();
          }
          for (int i = 0; i < p_.times_; ++i) {
            yield();
            out_.push_back(engine::OutputWrite{now(), self(), false, std::string(1, static_cast<char>('a' + w))});
          }
          wg.done();
        });
      wg.wait();
    }
    const std::vector<patterns::Metric>& metrics() const override { return metrics_; }
    const std::vector<engine::OutputWrite>& output() const override { return out_; }
    const Printer& p_;
    std::vector<patterns::Metric> metrics_;
    std::vector<engine::OutputWrite> out_;
  };
  int writers_, times_;
  bool deadlock_;
  std::vector<patterns::ParamSpec> none_;
  std::vector<patterns::Invariant> inv_;
};

engine::RunConfig printer(int writers, int times, bool deadlock = false) {
  engine::RunConfig c;
  c.program = std::make_shared<Printer>(writers, times, deadlock);
  return c;
}

engine::RunConfig scenario(const std::string& rel, std::vector<engine::Override> ov = {}) {
  return engine::load_scenario(kRoot / "scenarios" / rel, ov).run;
}

Options dfs(int k, int jobs = 1) {
  Options o;
  o.strategy = "dfs";
  o.preemptions = k;
  o.jobs = jobs;
  return o;
}

std::set<std::string> texts(const Result& r) {
  std::set<std::string> s;
  for (const auto& o : r.outputs) s.insert(o.text);
  return s;
}

// Everything a result says, but the time it took.
std::string fingerprint(Result r) {
  r.seconds = 0;
  return to_json(r);
}

}  // namespace

TEST_CASE("explore: two goroutines writing twice have exactly the 6 interleavings as outputs") {
  Result r = explore(printer(2, 2), dfs(10));
  CHECK(r.complete);
  CHECK(!r.bug);
  CHECK(r.outcomes.size() == 1);
  CHECK(r.outcomes["completes"] == r.schedules);
  CHECK(texts(r) == std::set<std::string>{"aabb", "abab", "abba", "baab", "baba", "bbaa"});
  std::uint64_t sum = 0;
  for (const auto& o : r.outputs) sum += o.count;
  CHECK(sum == r.schedules);
}

TEST_CASE("explore: preemption bounding finds the interleavings in order of their preemptions") {
  // Without preemptions a writer runs to its end once started: main blocks, then either writer goes first.
  Result r0 = explore(printer(2, 2), dfs(0));
  CHECK(texts(r0) == std::set<std::string>{"aabb", "bbaa"});
  CHECK(!r0.complete);
  CHECK(r0.incomplete_reason.find("preemption bound") != std::string::npos);
  // One preemption: a writer can be interrupted once: abba, baab (interrupted after the first write, the other
  // writes both) and abab / baba need two switches away from a runnable writer.
  Result r1 = explore(printer(2, 2), dfs(1));
  CHECK(texts(r1) == std::set<std::string>{"aabb", "abba", "baab", "bbaa"});
  Result r2 = explore(printer(2, 2), dfs(2));
  CHECK(texts(r2).size() == 6);
  // Three writers writing once: 3! = 6 orders.
  Result r3 = explore(printer(3, 1), dfs(10));
  CHECK(r3.complete);
  CHECK(texts(r3) == std::set<std::string>{"abc", "acb", "bac", "bca", "cab", "cba"});
}

TEST_CASE("explore: a deadlock that needs a preemption is found with exactly one, and shrunk to one") {
  Result r0 = explore(printer(2, 1, true), dfs(0));
  CHECK(!r0.bug);
  Result r = explore(printer(2, 1, true), dfs(2));
  REQUIRE(r.bug);
  CHECK(r.bug->kind == "deadlock");
  CHECK(r.bug->preemptions == 1);
  CHECK(r.outcomes["deadlock"] > 0);
  // Random exploration finds it too, with more preemptions; shrinking brings it down to one.
  Options o;
  o.strategy = "random";
  o.max_schedules = 200;
  Result rr = explore(printer(2, 1, true), o);
  REQUIRE(rr.bug);
  Runner runner(printer(2, 1, true));
  auto d = parse_schedule_text(rr.bug->replay, nullptr);
  REQUIRE(d);
  Schedule s = runner.run(prefix_of(*d));
  CHECK(s.outcome == Outcome::Deadlock);
  Schedule small = shrink(runner, s);
  CHECK(small.outcome == Outcome::Deadlock);
  CHECK(small.preemptions == 1);
  CHECK(small.steps <= s.steps);
}

TEST_CASE("explore: the same strategy and seed give the same result for any --jobs") {
  CHECK(fingerprint(explore(printer(3, 2), dfs(2, 1))) == fingerprint(explore(printer(3, 2), dfs(2, 3))));
  Options o;
  o.strategy = "random";
  o.seed = 7;
  o.max_schedules = 300;
  Result a = explore(printer(3, 2), o);
  o.jobs = 4;
  Result b = explore(printer(3, 2), o);
  CHECK(fingerprint(a) == fingerprint(b));
  CHECK(a.schedules == 300);
  o.strategy = "pct";
  o.jobs = 1;
  Result c = explore(printer(3, 2), o);
  o.jobs = 3;
  CHECK(fingerprint(c) == fingerprint(explore(printer(3, 2), o)));
  // A budget cuts at the same schedule whatever the jobs.
  Options d1 = dfs(3, 1), d3 = dfs(3, 3);
  d1.max_schedules = d3.max_schedules = 50;
  CHECK(fingerprint(explore(printer(3, 2), d1)) == fingerprint(explore(printer(3, 2), d3)));
}

TEST_CASE("explore: shards merged equal the whole") {
  for (std::string strategy : {"dfs", "random"}) {
    CAPTURE(strategy);
    Options o = dfs(3);
    o.strategy = strategy;
    o.max_schedules = strategy == "random" ? 240 : 0;
    Result whole = explore(printer(3, 2), o);
    std::vector<Result> parts;
    for (int i = 0; i < 3; ++i) {
      Options s = o;
      s.shard = i;
      s.shards = 3;
      Result p = explore(printer(3, 2), s);
      CHECK(p.schedules < whole.schedules);
      auto back = from_json(to_json(p), nullptr);  // through the JSON, as --merge reads it
      REQUIRE(back);
      parts.push_back(*back);
    }
    Result merged = merge(parts);
    CHECK(merged.schedules == whole.schedules);
    CHECK(merged.outcomes == whole.outcomes);
    CHECK(merged.complete == (strategy == "dfs" ? whole.complete : false));
    REQUIRE(merged.outputs.size() == whole.outputs.size());
    for (std::size_t i = 0; i < merged.outputs.size(); ++i) {
      CHECK(merged.outputs[i].text == whole.outputs[i].text);
      CHECK(merged.outputs[i].count == whole.outputs[i].count);
      CHECK(merged.outputs[i].replay == whole.outputs[i].replay);
    }
  }
}

TEST_CASE("explore: broken catalogue variants' bugs are found, with their preemption counts") {
  // Every broken variant whose bug is an outcome (the two starvation variants complete: starvation is a bound on
  // a wait, not something a single schedule ends in). A spurious wake-up counts as a preemption.
  struct Case {
    const char* file;
    const char* kind;
    std::uint32_t preemptions;
    std::vector<engine::Override> set;
  };
  const Case cases[] = {
      {"cigarette_smokers/naive.toml", "deadlock", 0, {}},
      {"condition_variables/if_not_while.toml", "invariant_violation: closed_gate", 1, {}},
      {"condition_variables/no_predicate.toml", "deadlock", 0, {}},
      {"condition_variables/signal_not_broadcast.toml", "deadlock", 0, {}},
      {"dining_philosophers/naive.toml", "deadlock", 0, {}},
      {"h2o/no_barrier.toml", "invariant_violation: one_molecule_at_a_time", 0, {}},
      {"pingpong/buffered_table.toml", "invariant_violation: alternate", 0, {}},
      {"producer_consumer/if_instead_of_while.toml", "invariant_violation: bounded", 1, {}},
      {"producer_consumer/one_cond_signal.toml", "deadlock", 0, {}},
      // With the defaults the schedules without preemptions are too many to get past; smaller, it is found.
      {"producer_consumer/no_mutex.toml",
       "invariant_violation: exactly_once",
       1,
       {"producers=2", "consumers=1", "items=4"}},
      {"race_condition/unsynchronised.toml", "invariant_violation: no_lost_update", 1, {}},
      {"semaphores/rendezvous_deadlock.toml", "deadlock", 0, {}},
      {"waitgroup_join/add_inside_goroutine.toml", "invariant_violation: joined", 0, {}},
      {"worker_pool/no_close.toml", "deadlock", 0, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    Options o = dfs(2);
    o.stop_on_bug = true;
    Result r = explore(scenario(c.file, c.set), o);
    REQUIRE(r.bug);
    CHECK(r.bug->kind == c.kind);
    CHECK(r.bug->preemptions == c.preemptions);
  }
}

TEST_CASE("explore: correct variants complete with no bug within the bound") {
  Result r = explore(scenario("race_condition/mutex.toml", {"goroutines=2", "increments=2"}), dfs(2));
  CHECK(!r.bug);
  CHECK(r.outcomes.size() == 1);
  CHECK(r.outcomes.count("completes") == 1);
  Result ro = explore(scenario("dining_philosophers/resource_ordering.toml", {"philosophers=3"}), dfs(2));
  CHECK(!ro.bug);
  CHECK(ro.outcomes.size() == 1);
}

TEST_CASE("explore: the bug's recording replays to the same bug, with preemptions marked") {
  engine::RunConfig cfg = scenario("race_condition/unsynchronised.toml");
  Options o = dfs(1);
  o.stop_on_bug = true;
  Result r = explore(cfg, o);
  REQUIRE(r.bug);
  Runner runner(cfg);
  auto d = parse_schedule_text(r.bug->replay, nullptr);
  REQUIRE(d);
  Schedule s = runner.run(prefix_of(*d));
  CHECK(schedule_text(s.decisions) == r.bug->replay);
  BugReport rep = bug_report(cfg, s.decisions, s.preempted, "x.toml");
  CHECK(rep.text.find("invariant violated: no_lost_update") != std::string::npos);
  CHECK(rep.text.find("<- preemption") != std::string::npos);
  CHECK(rep.text.find("g2 incrementer#0") != std::string::npos);
  CHECK(rep.native.find("\"format\":\"interleave-native\"") != std::string::npos);
}

TEST_CASE("explore: schedule text round-trips and names its errors") {
  std::vector<Decision> d = {{DecisionKind::PickGoroutine, 3, 1}, {DecisionKind::Preempt, 2, 0}};
  CHECK(schedule_text(d) == "g1/3 x0/2");
  CHECK(*parse_schedule_text("g1/3 x0/2", nullptr) == d);
  std::string err;
  CHECK(!parse_schedule_text("g1/3 q0/2", &err));
  CHECK(err.find("decision 2 ('q0/2')") != std::string::npos);
  CHECK(!parse_schedule_text("g3/3", &err));
}

TEST_CASE("explore: options are checked") {
  Options o;
  o.strategy = "dpor";
  o.shards = 2;
  CHECK_THROWS_WITH_AS(explore(printer(2, 1), o), doctest::Contains("--shard is not supported"), std::invalid_argument);
  o.shards = 1;
  o.strategy = "bfs";
  CHECK_THROWS_WITH_AS(explore(printer(2, 1), o), doctest::Contains("unknown strategy 'bfs'"), std::invalid_argument);
}

TEST_CASE("explore: check judges [expect.explore]") {
  install_check_support();
  auto check = [](const std::string& text) {
    return engine::check_scenario(engine::parse_scenario(text, "test.toml"));
  };
  // Without thinking every philosopher reaches for the left fork at once: some order deadlocks.
  std::string naive =
      "pattern = \"dining_philosophers\"\nvariant = \"naive\"\n[params]\nthink_time = \"0ms\"\n[schedule]\nprocs = 2\n";
  auto found = check(naive + "[expect.explore]\npreemptions = 0\nfinds = \"deadlock\"\n");
  CHECK(found.passed);
  CHECK(found.line.find("PASS test.toml: explore: finds deadlock with 0 preemptions") == 0);
  auto wrong = check(naive + "[expect.explore]\npreemptions = 0\nverdict = \"no bug\"\n");
  CHECK(!wrong.passed);
  CHECK(wrong.line.find("FAIL test.toml: [expect.explore] expected no bug, but") == 0);
  std::string mutex = "pattern = \"race_condition\"\nvariant = \"mutex\"\n[params]\ngoroutines = 2\nincrements = 2\n";
  auto ok =
      check(mutex + "[expect]\noutcome = \"completes\"\n[expect.explore]\npreemptions = 2\nverdict = \"no bug\"\n");
  CHECK(ok.passed);
  CHECK(ok.line.find("; explore: no bug in ") != std::string::npos);
  auto budget = check(mutex + "[expect.explore]\npreemptions = 2\nmax_schedules = 3\nverdict = \"no bug\"\n");
  CHECK(!budget.passed);
  CHECK(budget.line.find("incomplete: schedule budget") != std::string::npos);
  auto outputs = check(mutex + "[expect.explore]\npreemptions = 1\noutputs = 2\n");
  CHECK(!outputs.passed);
  CHECK(outputs.line.find("expected 2 distinct outputs") != std::string::npos);
}

TEST_CASE("explore: a merge with a shard missing or twice is incomplete and says which") {
  std::vector<Result> parts;
  for (int i = 0; i < 3; ++i) {
    Options s = dfs(10);
    s.shard = i;
    s.shards = 3;
    parts.push_back(explore(printer(2, 2), s));
    CHECK(!parts.back().complete);
  }
  CHECK(merge(parts).complete);
  Result missing = merge({parts[0], parts[2]});
  CHECK(!missing.complete);
  CHECK(missing.incomplete_reason == "shard 2/3 is missing");
  Result twice = merge({parts[0], parts[1], parts[1], parts[2]});
  CHECK(twice.incomplete_reason == "shard 2/3 was given more than once");
  // A shard cut short by the bound says both.
  Options b = dfs(0);
  b.shard = 1;
  b.shards = 2;
  Result cut = explore(printer(2, 2), b);
  CHECK(cut.incomplete_reason.find("shard 2/2 only: merge the shards (explore --merge); preemption bound") == 0);
}
