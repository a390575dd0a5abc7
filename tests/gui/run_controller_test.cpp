// run_controller_test.cpp — the GUI's run commands, headless: scrubbing back is exact re-execution,
// "you are the scheduler" runs the goroutine the user picks, and a scenario file saved again (good or broken)
// is reloaded and re-run as far as the run on screen had got.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "gui/run_controller.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
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

namespace {
// A copy of the scenario in a fresh temporary folder, to edit as a teacher would.
struct ScratchScenario {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("interleave-gui-test-" + std::to_string(std::random_device{}()));
  std::filesystem::path file = dir / "pc.toml";
  std::string text;
  ScratchScenario() {
    std::filesystem::create_directories(dir);
    std::ifstream in(kScenario);
    text.assign(std::istreambuf_iterator<char>(in), {});
    save(text);
  }
  ~ScratchScenario() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  // Writes the file and moves its modification time on, as a later save would.
  void save(const std::string& t) {
    std::ofstream(file) << t;
    static int bump = 0;
    std::filesystem::last_write_time(file,
                                     std::filesystem::file_time_type::clock::now() + std::chrono::seconds(++bump));
  }
  std::string with(const std::string& from, const std::string& to) const {
    std::string t = text;
    auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    return t.replace(at, from.size(), to);
  }
};
}  // namespace

TEST_CASE("a scenario file saved again is reloaded and re-run as far as the run on screen had got") {
  ScratchScenario sc;
  gui::RunController run;
  REQUIRE(run.open(sc.file));
  run.run_to_end(20'000);
  REQUIRE(run.finished());
  const std::uint64_t steps = run.steps();
  const std::uint64_t hash = run.session().trace().hash();

  // A finished run: the new one is run to its end too (an edit of the lesson changes no run).
  sc.save(sc.with("title = \"", "title = \"Edited: "));
  REQUIRE(run.reload());
  CHECK(run.scenario().lesson.title.starts_with("Edited: "));
  CHECK(run.finished());
  CHECK(run.steps() == steps);
  CHECK(run.session().trace().hash() == hash);

  // A run stepped into and paused: the new one stops at the same step, still paused.
  run.restart();
  run.run_to_step(7);
  run.playing = false;
  sc.save(sc.with("title = \"", "title = \"Edited twice: "));
  REQUIRE(run.reload());
  CHECK(run.steps() == 7);
  CHECK(!run.playing);

  // tick() notices the save by itself (it looks at the file twice a second).
  sc.save(sc.with("seed = 1", "seed = 2"));
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  run.tick(0.0, 5.0);
  CHECK(run.config().seed == 2);
  CHECK(run.steps() == 7);
}

TEST_CASE("a scenario file broken by an edit shows where, keeps the run on screen, and runs once fixed") {
  ScratchScenario sc;
  gui::RunController run;
  REQUIRE(run.open(sc.file));
  run.run_to_end(20'000);
  const std::uint64_t steps = run.steps();

  sc.save(sc.with("procs = 2", "procs = 2\npolicy_oops = [1, 2"));
  CHECK(!run.reload());
  CHECK(run.error().find("pc.toml:") != std::string::npos);  // file:line:col
  CHECK(run.has_run());                                      // the last good run stays
  CHECK(run.steps() == steps);

  sc.save(sc.text);
  REQUIRE(run.reload());
  CHECK(run.error().empty());
  CHECK(run.finished());
  CHECK(run.steps() == steps);

  // Broken from the start: nothing to show but the error; once fixed, it runs.
  ScratchScenario broken;
  broken.save(broken.with("procs = 2", "procs = 0"));
  gui::RunController run2;
  CHECK(!run2.open(broken.file));
  CHECK(!run2.has_run());
  CHECK(run2.error().find("pc.toml:") != std::string::npos);
  broken.save(broken.text);
  REQUIRE(run2.reload());
  CHECK(run2.has_run());
  CHECK(run2.playing);
}
