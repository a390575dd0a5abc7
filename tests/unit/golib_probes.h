// golib_probes.h — reads the outputs of the Go 1.19 probe programs in tests/lang/golib-probes/ for the
// golib_*_test.cpp files. Each probe X.go was run once with real Go (`go run X.go > X.out`); the tests
// compare lang/lib's results with those files, so running the tests never needs Go.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
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

// The fields of a tab-separated probe line, up to a "# ..." comment field.
inline std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', at);
    std::string f = line.substr(at, tab == std::string::npos ? std::string::npos : tab - at);
    if (f.rfind("# ", 0) == 0) break;
    out.push_back(std::move(f));
    if (tab == std::string::npos) break;
    at = tab + 1;
  }
  return out;
}

// "x616263" -> "abc": the probes write strings as "x" + hex so that any bytes survive.
inline std::string unhex(const std::string& field) {
  std::string out;
  for (std::size_t i = 1; i + 1 < field.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(field.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// "f3ff0000000000000" -> 1.0: floats are written as "f" + the hex of their IEEE bits.
inline double unhex_float(const std::string& field) {
  const std::uint64_t bits = std::stoull(field.substr(1), nullptr, 16);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// An error column: "-" for nil, else "e" + hex of err.Error().
inline std::string error_field(const std::optional<std::string>& err) {
  if (!err) return "-";
  std::string out = "e";
  static const char* hex = "0123456789abcdef";
  for (unsigned char c : *err) {
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 15]);
  }
  return out;
}

inline std::string float_field(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  char buf[24];
  std::snprintf(buf, sizeof buf, "f%llx", static_cast<unsigned long long>(bits));
  return buf;
}

inline std::string hex_field(const std::string& s) {
  std::string out = "x";
  static const char* hex = "0123456789abcdef";
  for (unsigned char c : s) {
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 15]);
  }
  return out;
}

}  // namespace interleave::golib::testing
