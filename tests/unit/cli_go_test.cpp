// cli_go_test.cpp — Go programs through the real `interleave`, as for scenarios: recordings replay (from
// the program text they embed), exports name channels and sync values by their variables, and a
// recording of a run scheduled by hand says so in the replay's verdict.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/unit/cli_support.h"

namespace fs = std::filesystem;
using interleave::test::run_interleave;

namespace {

fs::path go_dir() { return fs::path(INTERLEAVE_SCENARIOS_DIR) / "go"; }

fs::path temp_dir() {
  fs::path d = fs::temp_directory_path() / ("interleave-cli-go-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("Go programs: a recording replays from the program text it holds, even after the file changed" *
          doctest::timeout(120)) {
  // A copy of the program, recorded, then changed on disk: the replay still runs the recorded program.
  fs::path prog = temp_dir() / "deadlock.go";
  fs::copy_file(go_dir() / "deadlock.go", prog, fs::copy_options::overwrite_existing);
  fs::path rec = temp_dir() / "deadlock.native";
  auto ran = run_interleave("run -q '" + prog.string() + "' --trace-out '" + rec.string() + "'");
  CHECK_MESSAGE(ran.status == 2, ran.out);
  std::ofstream(prog) << "package main\n\nfunc main() {}\n";
  auto replay = run_interleave("replay -q '" + rec.string() + "'");
  CHECK_MESSAGE(replay.status == 0, replay.out);
  CHECK_MESSAGE(has(replay.out, "replay identical:"), replay.out);
  CHECK_MESSAGE(has(replay.out, "outcome deadlock"), replay.out);
  // Opened as a recording, it exports as a run would.
  fs::path csv = temp_dir() / "deadlock.csv";
  auto exp = run_interleave("export '" + rec.string() + "' -o '" + csv.string() + "'");
  CHECK_MESSAGE(exp.status == 0, exp.out);
  CHECK(has(read_file(csv), "results"));
  fs::remove_all(temp_dir());
}

TEST_CASE("Go programs: exports and summaries name channels and WaitGroups by their variables" *
          doctest::timeout(120)) {
  fs::path out = temp_dir() / "pool.json";
  auto exp = run_interleave("export '" + (go_dir() / "worker_pool.toml").string() + "' -o '" + out.string() + "'");
  REQUIRE_MESSAGE(exp.status == 0, exp.out);
  std::string json = read_file(out);
  CHECK(has(json, "\"jobs"));
  CHECK(has(json, "\"results"));
  CHECK(!has(json, "chan 22"));  // the line-numbered name of old
  auto sum = run_interleave("run '" + (go_dir() / "deadlock.toml").string() + "' --summary");
  CHECK_MESSAGE(has(sum.out, "results"), sum.out);
  // Go's own deadlock text is untouched: it never names channels.
  CHECK(has(sum.out, "goroutine 1 [semacquire]:"));
  CHECK(has(sum.out, "[chan send]:"));
  fs::remove_all(temp_dir());
}

TEST_CASE("replay: a run scheduled by hand says so in the verdict, not its seed" * doctest::timeout(120)) {
  fs::path rec = temp_dir() / "hand.native";
  auto ran =
      run_interleave("run -q '" + (go_dir() / "deadlock.toml").string() + "' --trace-out '" + rec.string() + "'");
  REQUIRE(fs::exists(rec));
  // What the GUI writes after three picks by hand ("you are the scheduler").
  auto j = nlohmann::json::parse(read_file(rec));
  j["config"]["hand_picks"] = 3;
  std::ofstream(rec) << j.dump();
  auto replay = run_interleave("replay -q '" + rec.string() + "'");
  CHECK_MESSAGE(has(replay.out, "(scheduled by hand: 3 picks, 1 processor)"), replay.out);
  CHECK_MESSAGE(!has(replay.out, "seed"), replay.out);
  fs::remove_all(temp_dir());
}

TEST_CASE("check: a Go program's output, exactly or by a regular expression, and where it differs") {
  fs::path dir = temp_dir();
  const std::string prog = (go_dir() / "worker_pool.go").string();
  auto scenario = [&](const std::string& name, const std::string& expect) {
    fs::path p = dir / name;
    std::ofstream(p) << "program = \"" << prog << "\"\n\n[expect]\n" << expect << "\n";
    return p.string();
  };
  // The real output, taken from `run`: the scenario expecting it passes.
  auto ran = run_interleave("run '" + prog + "'");
  REQUIRE(ran.status == 0);
  std::string want;
  for (char c : ran.out) want += c == '\n' ? std::string("\\n") : std::string(1, c);
  CHECK(run_interleave("check '" + scenario("same.toml", "output = \"" + want + "\"") + "'").status == 0);
  CHECK(
      run_interleave("check '" + scenario("re.toml", "output_matches = \"worker 3 finished job 5\\n\"") + "'").status ==
      0);
  // One line changed: the check fails and names that line, both ways.
  std::string changed = want;
  changed.replace(changed.find("finished job 5"), 14, "finished job 6");
  auto bad = run_interleave("check '" + scenario("differs.toml", "output = \"" + changed + "\"") + "'");
  CHECK(bad.status != 0);
  CHECK(bad.out.find("the output differs from the expected at line ") != std::string::npos);
  CHECK(bad.out.find("expected \"worker 3 finished job 6\\n\", got \"worker 3 finished job 5\\n\"") !=
        std::string::npos);
  auto nomatch = run_interleave("check '" + scenario("nomatch.toml", "output_matches = \"job 9\"") + "'");
  CHECK(nomatch.status != 0);
  CHECK(nomatch.out.find("the output does not match /job 9/") != std::string::npos);
}
