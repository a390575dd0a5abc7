// cli_support.h — runs the real `interleave` program from a test, the way a user or a CI job would.
//
//   Ran r = run_interleave("run scenarios/dining_philosophers/naive.toml --seed 3");
//   CHECK(r.status == 2);
//   CHECK(r.out.find("deadlock") != std::string::npos);
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace interleave::test {

// The program under test: built next to the test binary.
inline std::filesystem::path interleave_program() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path() / "interleave";
}

struct Ran {
  int status = -1;
  std::string out;  // stdout and stderr
};

// Runs `interleave ARGS` (in `cwd` when given), under `timeout` so a hang fails the test instead of stalling it.
inline Ran run_interleave(const std::string& args, const std::filesystem::path& cwd = {}) {
  std::string cmd = cwd.empty() ? std::string() : "cd '" + cwd.string() + "' && ";
  cmd += "timeout 60 '" + interleave_program().string() + "' " + args + " 2>&1";
  Ran r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace interleave::test
