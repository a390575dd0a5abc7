// golib_rand_test.cpp — lang/lib/rand.h against Go 1.19's own outputs (tests/lang/golib-probes/rand.go).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "lang/lib/rand.h"
#include "tests/unit/golib_probes.h"

using interleave::golib::GoRand;
using interleave::golib::GoRandError;
using interleave::golib::testing::probe_lines;
using interleave::golib::testing::words;

namespace {

// Checks the words of Go's line against a label and integer values.
template <class... T>
void check_ints(const std::string& line, const std::string& label, T... values) {
  const auto w = words(line);
  const std::vector<std::string> got{std::to_string(values)...};
  REQUIRE(w.size() == got.size() + 1);
  CHECK(w[0] == label);
  for (std::size_t i = 0; i < got.size(); ++i) CHECK_MESSAGE(w[i + 1] == got[i], line);
}

// "[2 7 0]" as Go prints a []int.
std::string go_ints(const std::vector<std::int64_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? " " : "") + std::to_string(v[i]);
  return s + "]";
}

}  // namespace

TEST_CASE("math/rand: the unseeded global source prints Go 1.19's numbers") {
  GoRand r;
  const int expected[] = {81, 887, 847, 59, 81, 318, 425, 540, 456, 300};
  for (int e : expected) CHECK(r.intn(1000) == e);
  GoRand r2;
  CHECK(r2.int_() == 5577006791947779410);
  CHECK(r2.int_() == 8674665223082153551);
  CHECK(r2.int_() == 6129484611666145821);
}

TEST_CASE("math/rand: every method, for many seeds, is Go's value for value") {
  const auto lines = probe_lines("rand.out");
  REQUIRE(lines.size() == 162);
  std::size_t at = 0;
  GoRand global;
  for (int i = 0; i < 10; ++i) check_ints(lines[at++].substr(7), "Intn(1000)", global.intn(1000));
  while (words(lines[at])[0] == "seed") {
    const std::int64_t seed = std::stoll(words(lines[at++])[1]);
    CAPTURE(seed);
    GoRand r(seed);
    for (int i = 0; i < 3; ++i) check_ints(lines[at++], "Int63", r.int63());
    { auto a = r.uint32(); auto b = r.uint32(); check_ints(lines[at++], "Uint32", a, b); }
    { auto a = r.uint64(); auto b = r.uint64(); check_ints(lines[at++], "Uint64", a, b); }
    { auto a = r.int31(); auto b = r.int31(); check_ints(lines[at++], "Int31", a, b); }
    { auto a = r.int_(); auto b = r.int_(); check_ints(lines[at++], "Int", a, b); }
    {
      auto a = r.int63n(1000000007); auto b = r.int63n(std::int64_t{1} << 40); auto c = r.int63n(1);
      auto d = r.int63n(9223372036854775807);
      check_ints(lines[at++], "Int63n", a, b, c, d);
    }
    {
      auto a = r.int31n(10); auto b = r.int31n(1 << 20); auto c = r.int31n(2147483647); auto d = r.int31n(3);
      check_ints(lines[at++], "Int31n", a, b, c, d);
    }
    {
      auto a = r.intn(1000); auto b = r.intn(6); auto c = r.intn(2147483647); auto d = r.intn(2147483648);
      auto e = r.intn((std::int64_t{1} << 62) + 3);
      check_ints(lines[at++], "Intn", a, b, c, d, e);
    }
    {  // Go prints the shortest decimal that reads back as the same float: compare the values exactly.
      auto w = words(lines[at++]);
      REQUIRE(w.size() == 3);
      CHECK(w[0] == "Float64");
      CHECK(r.float64() == std::strtod(w[1].c_str(), nullptr));
      CHECK(r.float64() == std::strtod(w[2].c_str(), nullptr));
      w = words(lines[at++]);
      REQUIRE(w.size() == 3);
      CHECK(w[0] == "Float32");
      CHECK(r.float32() == std::strtof(w[1].c_str(), nullptr));
      CHECK(r.float32() == std::strtof(w[2].c_str(), nullptr));
    }
    {
      auto a = go_ints(r.perm(10)); auto b = go_ints(r.perm(0)); auto c = go_ints(r.perm(1));
      CHECK(lines[at++] == "Perm " + a + " " + b + " " + c);
    }
    {
      std::vector<std::int64_t> s{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
      r.shuffle(10, [&](std::int64_t i, std::int64_t j) { std::swap(s[i], s[j]); });
      CHECK(lines[at++] == "Shuffle " + go_ints(s));
    }
  }
  GoRand r(99);
  std::int64_t v = 0;
  for (int i = 0; i < 10000; ++i) v = r.int63();
  check_ints(lines[at++], "long", v);
  global.seed(5);
  auto a = global.int_(); auto b = global.intn(100);
  CHECK(lines[at++] == "global Seed(5) Int " + std::to_string(a) + " " + std::to_string(b));
  CHECK(at == lines.size());
}

TEST_CASE("math/rand: Go's panics for bad arguments") {
  GoRand r;
  CHECK_THROWS_WITH_AS(r.intn(0), "invalid argument to Intn", GoRandError);
  CHECK_THROWS_WITH_AS(r.int63n(-1), "invalid argument to Int63n", GoRandError);
  CHECK_THROWS_WITH_AS(r.int31n(0), "invalid argument to Int31n", GoRandError);
  CHECK_THROWS_WITH_AS(r.shuffle(-1, [](std::int64_t, std::int64_t) {}), "invalid argument to Shuffle", GoRandError);
  CHECK_THROWS_WITH_AS(r.perm(-1), "runtime error: makeslice: len out of range", GoRandError);
}
