// golib_strconv_test.cpp — lang/lib/strconv.h replayed against Go 1.19's own results
// (tests/lang/golib-probes/strconv.go: every line is one call and what Go returned).
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lang/lib/strconv.h"
#include "tests/unit/golib_probes.h"

namespace gl = interleave::golib;
using namespace interleave::golib::testing;

namespace {

std::optional<std::string> err_text(const std::optional<gl::NumError>& e) {
  if (!e) return std::nullopt;
  return e->error();
}

// Each function computes the fields after "=>" from the fields before it.
using Call = std::function<std::vector<std::string>(const std::vector<std::string>&)>;

const std::map<std::string, Call>& calls() {
  static const std::map<std::string, Call> table = {
      {"FormatFloat",
       [](const auto& a) {
         return std::vector<std::string>{hex_field(gl::format_float(unhex_float(a[0]), a[1][0], std::stoi(a[2]),
                                                                     std::stoi(a[3])))};
       }},
      {"FormatInt",
       [](const auto& a) {
         return std::vector<std::string>{hex_field(gl::format_int(std::stoll(a[0]), std::stoi(a[1])))};
       }},
      {"FormatUint",
       [](const auto& a) {
         return std::vector<std::string>{hex_field(gl::format_uint(std::stoull(a[0]), std::stoi(a[1])))};
       }},
      {"Quote", [](const auto& a) { return std::vector<std::string>{hex_field(gl::quote(unhex(a[0])))}; }},
      {"QuoteToASCII",
       [](const auto& a) { return std::vector<std::string>{hex_field(gl::quote_to_ascii(unhex(a[0])))}; }},
      {"QuoteToGraphic",
       [](const auto& a) { return std::vector<std::string>{hex_field(gl::quote_to_graphic(unhex(a[0])))}; }},
      {"CanBackquote",
       [](const auto& a) {
         return std::vector<std::string>{gl::can_backquote(unhex(a[0])) ? "true" : "false"};
       }},
      {"QuoteRune",
       [](const auto& a) { return std::vector<std::string>{hex_field(gl::quote_rune(std::stoi(a[0])))}; }},
      {"QuoteRuneToASCII",
       [](const auto& a) { return std::vector<std::string>{hex_field(gl::quote_rune_to_ascii(std::stoi(a[0])))}; }},
      {"Unquote",
       [](const auto& a) {
         const auto v = gl::unquote(unhex(a[0]));
         return std::vector<std::string>{hex_field(v.value_or("")),
                                         error_field(v ? std::nullopt : std::optional<std::string>("invalid syntax"))};
       }},
      {"ParseInt",
       [](const auto& a) {
         const auto r = gl::parse_int(unhex(a[0]), std::stoi(a[1]), std::stoi(a[2]));
         return std::vector<std::string>{std::to_string(r.value), error_field(err_text(r.err))};
       }},
      {"ParseUint",
       [](const auto& a) {
         const auto r = gl::parse_uint(unhex(a[0]), std::stoi(a[1]), std::stoi(a[2]));
         return std::vector<std::string>{std::to_string(r.value), error_field(err_text(r.err))};
       }},
      {"Atoi",
       [](const auto& a) {
         const auto r = gl::atoi(unhex(a[0]));
         return std::vector<std::string>{std::to_string(r.value), error_field(err_text(r.err))};
       }},
      {"ParseFloat",
       [](const auto& a) {
         const auto r = gl::parse_float(unhex(a[0]), std::stoi(a[1]));
         // Go's NaN from ParseFloat has the bits 7ff8000000000001; any NaN is the same value to a program.
         const std::string v = std::isnan(r.value) ? "NaN" : float_field(r.value);
         return std::vector<std::string>{v, error_field(err_text(r.err))};
       }},
      {"ParseBool",
       [](const auto& a) {
         const auto r = gl::parse_bool(unhex(a[0]));
         return std::vector<std::string>{r.value ? "true" : "false", error_field(err_text(r.err))};
       }},
  };
  return table;
}

}  // namespace

TEST_CASE("strconv: every probe line gives Go 1.19's result") {
  const auto lines = probe_lines("strconv.out");
  REQUIRE(lines.size() > 10000);
  std::map<std::string, int> checked;
  int failures = 0;
  for (const auto& line : lines) {
    const auto f = fields(line);
    const auto arrow = std::find(f.begin(), f.end(), "=>");
    REQUIRE(arrow != f.end());
    const auto call = calls().find(f[0]);
    REQUIRE_MESSAGE(call != calls().end(), f[0]);
    const std::vector<std::string> args(f.begin() + 1, arrow);
    std::vector<std::string> want(arrow + 1, f.end());
    const auto got = call->second(args);
    if (f[0] == "ParseFloat" && want[0] != "-" && std::isnan(unhex_float(want[0]))) want[0] = "NaN";
    if (got != want && ++failures <= 40) FAIL_CHECK(line);
    ++checked[f[0]];
  }
  CHECK(failures == 0);
  CHECK(checked["FormatFloat"] > 5000);
  CHECK(checked["ParseFloat"] > 100);
  CHECK(checked["Unquote"] > 20);
}

TEST_CASE("strconv: Go's error texts, spelled out") {
  CHECK(gl::atoi("x").err->error() == "strconv.Atoi: parsing \"x\": invalid syntax");
  CHECK(gl::atoi("99999999999999999999").err->error() ==
        "strconv.Atoi: parsing \"99999999999999999999\": value out of range");
  CHECK(gl::parse_int("1", 1, 64).err->error() == "strconv.ParseInt: parsing \"1\": invalid base 1");
  CHECK(gl::parse_float("1e400", 64).err->error() == "strconv.ParseFloat: parsing \"1e400\": value out of range");
  CHECK(gl::parse_bool("yes").err->error() == "strconv.ParseBool: parsing \"yes\": invalid syntax");
  CHECK(gl::atoi("-42").value == -42);
  CHECK(gl::itoa(-42) == "-42");
  CHECK(gl::format_float(1e21, 'g', -1, 64) == "1e+21");
  CHECK(gl::format_float(123456789.0, 'g', -1, 64) == "1.23456789e+08");
  CHECK(gl::quote("tab\there") == "\"tab\\there\"");
}
