// run_controller_test.cpp — the GUI's run commands, headless: scrubbing back is exact re-execution, and
// "you are the scheduler" runs the goroutine the user picks.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "gui/run_controller.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using namespace interleave;

namespace {
const char* kScenario = INTERLEAVE_SCENARIOS_DIR "/producer_consumer/semaphores.toml";

std::vector<Event> events_of(const TraceRecorder& rec) {
  std::vector<Event> out;
  rec.for_each([&](const Event& e) { out.push_back(e); });
  return out;
}
bool same(const Event& a, const Event& b) {
  return a.time == b.time && a.value == b.value && a.g == b.g && a.object == b.object && a.type == b.type &&
         a.a == b.a && a.b == b.b;
}
}  // namespace

TEST_CASE("scrubbing back re-executes the same run, and forward again reaches the same end") {
  gui::RunController run;
  REQUIRE(run.open(kScenario));
  run.run_to_end(20'000);
  REQUIRE(run.finished());
  const std::uint64_t steps = run.steps();
  const std::uint64_t hash = run.session().trace().hash();
  const std::vector<Event> whole = events_of(run.session().trace());
  REQUIRE(steps > 10);

  run.rewind_to_step(steps / 2);
  CHECK(run.steps() == steps / 2);
  CHECK(!run.finished());
  std::vector<Event> part = events_of(run.session().trace());
  REQUIRE(part.size() < whole.size());
  for (std::size_t i = 0; i < part.size(); ++i) REQUIRE(same(part[i], whole[i]));
  CHECK(run.model().consumed() == part.size());  // the model was rebuilt on the new recording

  run.rewind_to_step(steps / 2 - 1);  // one step back
  CHECK(run.steps() == steps / 2 - 1);
  run.run_to_end(20'000);
  CHECK(run.steps() == steps);
  CHECK(run.session().trace().hash() == hash);
}

TEST_CASE("you are the scheduler: the picked goroutine runs next") {
  gui::RunController run;
  REQUIRE(run.open(kScenario));
  run.set_manual(true);
  REQUIRE(run.manual());
  // Step until the manual policy needs an answer with at least two runnable goroutines.
  for (int i = 0; i < 1000 && !(run.needs_decision() && run.runnable().size() >= 2); ++i) run.step_once();
  REQUIRE(run.needs_decision());
  auto options = run.runnable();
  REQUIRE(options.size() >= 2);
  GoroutineId choice = options.back();  // not the one FIFO would take
  std::size_t before = run.session().trace().size();
  run.pick(choice);
  GoroutineId ran = kNoGoroutine;
  const TraceRecorder& rec = run.session().trace();
  for (std::size_t i = before; i < rec.size(); ++i)
    if (rec[i].type == EventType::State && rec[i].state() == GState::Running) {
      ran = rec[i].g;
      break;
    }
  CHECK(ran == choice);
  // Handing back to the policy: the run finishes on its own.
  run.set_manual(false);
  run.run_to_end(20'000);
  CHECK(run.finished());
}

TEST_CASE("a bad scenario file is an error message with file:line:col, not an exit") {
  gui::RunController run;
  CHECK(!run.open(INTERLEAVE_SCENARIOS_DIR "/no/such/file.toml"));
  CHECK(!run.error().empty());
  CHECK(!run.has_run());
}
