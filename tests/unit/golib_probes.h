// golib_probes.h — reads the outputs of the Go 1.19 probe programs in tests/lang/golib-probes/ for the
// golib_*_test.cpp files. Each probe X.go was run once with real Go (`go run X.go > X.out`); the tests
// compare lang/lib's results with those files, so running the tests never needs Go.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace interleave::golib::testing {

// The lines of tests/lang/golib-probes/<name>, without their '\n'. Empty (and a failed CHECK in the
// caller's test) if the file is missing.
inline std::vector<std::string> probe_lines(const std::string& name) {
  std::ifstream in(std::string(INTERLEAVE_SOURCE_ROOT) + "/tests/lang/golib-probes/" + name, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The words of a line, split at spaces.
inline std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace interleave::golib::testing
