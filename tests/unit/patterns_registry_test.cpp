// patterns_registry_test.cpp — the registry's machinery: durations, distributions, parameters and their
// errors, invariant messages, and the catalogue's documentation and embedded sources.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "patterns_support.h"

using namespace interleave;
using namespace interleave::patterns;
using namespace interleave::time_literals;
using interleave::patterns::testing::run_variant;
using interleave::patterns::testing::RunOptions;
using interleave::patterns::testing::RunResult;

TEST_CASE("durations format as a person would write them and parse back") {
  struct Case {
    Duration d;
    const char* text;
  };
  for (Case c : {Case{0, "0s"}, Case{40, "40ns"}, Case{250_us, "250us"}, Case{1500_us, "1.5ms"}, Case{2_s, "2s"},
                 Case{1234567, "1.234567ms"}, Case{1001, "1.001us"}}) {
    CAPTURE(c.text);
    CHECK(format_duration(c.d) == c.text);
    CHECK(parse_duration(c.text) == c.d);
  }
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration(" 3 ms ") == 3_ms);
  for (const char* bad : {"", "ms", "5", "5 parsecs", "-1ms", "1..2ms"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("distributions parse, print, and draw within their range") {
  std::string error;
  auto fixed = Distribution::parse("5ms", &error);
  REQUIRE(fixed);
  CHECK(fixed->kind == Distribution::Kind::Fixed);
  CHECK(fixed->to_string() == "5ms");

  auto uni = Distribution::parse("uniform 1ms..3ms", &error);
  REQUIRE(uni);
  CHECK(uni->to_string() == "uniform 1ms..3ms");
  CHECK(uni->mean() == 2_ms);

  auto ex = Distribution::parse("exp 2ms", &error);
  REQUIRE(ex);
  CHECK(ex->to_string() == "exp 2ms");

  Rng rng(7);
  Duration lo = 3_ms, hi = 1_ms;
  double sum = 0;
  for (int i = 0; i < 2000; ++i) {
    Duration d = uni->draw(rng);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
    sum += double(ex->draw(rng));
  }
  CHECK(lo >= 1_ms);
  CHECK(hi <= 3_ms);
  CHECK(hi - lo > 1_ms);                                    // it does spread out
  CHECK(sum / 2000 == doctest::Approx(2e6).epsilon(0.15));  // the exponential's mean

  CHECK_FALSE(Distribution::parse("uniform 3ms..1ms", &error));
  CHECK(error.find("ends before it starts") != std::string::npos);
  CHECK_FALSE(Distribution::parse("gauss 1ms", &error));
  CHECK(error.find("uniform 1ms..3ms") != std::string::npos);  // names the accepted forms
}

TEST_CASE("resolve_params fills defaults and rejects bad values with the allowed range") {
  const Pattern* p = find_pattern("producer_consumer");
  REQUIRE(p);
  Params ok;
  ok.set("producers", std::int64_t{3});
  ok.set("capacity", std::string("5"));  // text, as from --set, is converted
  ok.set("produce_time", std::string("exp 1ms"));
  REQUIRE_FALSE(resolve_params(*p, ok));
  CHECK(ok.integer("producers") == 3);
  CHECK(ok.integer("capacity") == 5);
  CHECK(ok.integer("consumers") == 2);  // the default
  CHECK(ok.dist("produce_time").kind == Distribution::Kind::Exponential);
  CHECK(ok.to_string("consume_time") == "uniform 1ms..4ms");

  struct Bad {
    const char* name;
    ParamValue value;
    const char* expect;
  };
  for (const Bad& b :
       {Bad{"producers", std::int64_t{0}, "allowed: 1..16"}, Bad{"capacity", std::string("lots"), "not an integer"},
        Bad{"produce_time", std::string("fast"), "not a duration"}, Bad{"produce_time", true, "expected a duration"},
        Bad{"colour", std::int64_t{1}, "its parameters are: producers, consumers"}}) {
    Params params;
    params.set(b.name, b.value);
    auto err = resolve_params(*p, params);
    REQUIRE(err);
    CAPTURE(*err);
    CHECK(err->find(b.expect) != std::string::npos);
  }

  // A variant's own defaults apply unless the run sets the value.
  const Variant* v = p->variant("one_cond_signal");
  REQUIRE(v);
  Params with_variant;
  REQUIRE_FALSE(resolve_params(*p, with_variant, v));
  CHECK(with_variant.integer("capacity") == 1);
  Params overridden;
  overridden.set("capacity", std::int64_t{4});
  REQUIRE_FALSE(resolve_params(*p, overridden, v));
  CHECK(overridden.integer("capacity") == 4);

  CHECK_THROWS_WITH_AS(ok.integer("nope"), doctest::Contains("no parameter 'nope'"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(ok.boolean("producers"), doctest::Contains("holds an integer, not a boolean"),
                       std::invalid_argument);
}

TEST_CASE("boolean and choice parameters resolve, convert from text, and name the allowed choices") {
  Pattern q;
  q.name = "synthetic";
  q.params = {ParamSpec::boolean("verbose", false, "say more"),
              ParamSpec::choice("order", "fifo", {"fifo", "lifo"}, "which waiter first"),
              ParamSpec::duration("pause", "1ms", "a pause", 0, 1'000'000'000)};
  Params ok;
  ok.set("verbose", std::string("true"));
  REQUIRE_FALSE(resolve_params(q, ok));
  CHECK(ok.boolean("verbose"));
  CHECK(ok.choice("order") == "fifo");
  CHECK(ok.to_string("verbose") == "true");
  CHECK(ok.to_string("pause") == "1ms");

  Params bad_choice;
  bad_choice.set("order", std::string("random"));
  auto err = resolve_params(q, bad_choice);
  REQUIRE(err);
  CHECK(*err == "parameter 'order': \"random\" is not a choice; allowed: fifo, lifo");

  Params too_long;
  too_long.set("pause", std::string("uniform 1ms..2s"));
  err = resolve_params(q, too_long);
  REQUIRE(err);
  CHECK(err->find("every value must lie in 0s..1s") != std::string::npos);

  Params bad_bool;
  bad_bool.set("verbose", std::string("maybe"));
  err = resolve_params(q, bad_bool);
  REQUIRE(err);
  CHECK(err->find("not a boolean") != std::string::npos);

  CHECK_THROWS_AS(ParamSpec::duration("broken", "soon", "a bad default"), std::invalid_argument);
}

TEST_CASE("a failed check ends the run naming the invariant, the time and the goroutine" * doctest::timeout(10)) {
  Params params;
  RunContext ctx(params);
  Scheduler s;
  Outcome o = s.run_main("main", [&] {
    go("checker#3", [&] {
      sleep(1500_us);
      ctx.check(true, "fine");
      ctx.set_metric("produced", 2, "items");
      ctx.add_metric("produced", 3);
      ctx.check(false, "bounded", "the buffer holds 4 items");
    });
    sleep(10_ms);
  });
  CHECK(o == Outcome::InvariantViolation);
  CHECK(s.outcome_message() == "bounded: the buffer holds 4 items (at 1.5ms, goroutine 2 \"checker#3\")");
  CHECK(s.dump().find("invariant violated: bounded") == 0);
  REQUIRE(ctx.metrics().size() == 1);
  CHECK(ctx.metrics()[0].value == 5);
  CHECK(ctx.metrics()[0].unit == "items");
}

TEST_CASE("the catalogue: at least 25 variants, each documented, with its source embedded") {
  const auto& all = registry();
  std::size_t variants = 0, broken = 0;
  std::set<std::string> names;
  for (const Pattern& p : all) {
    CAPTURE(p.name);
    CHECK(names.insert(p.name).second);
    CHECK_FALSE(p.title.empty());
    CHECK(p.lesson.size() > 80);
    CHECK_FALSE(p.params.empty());
    CHECK_FALSE(p.invariants.empty());
    CHECK(p.source_file == "patterns/" + p.name + ".cpp");
    CHECK(source_text(p.source_file).find("Registrar reg") != std::string_view::npos);
    for (const ParamSpec& s : p.params) {
      CAPTURE(s.name);
      CHECK_FALSE(s.help.empty());
      Params defaults;
      CHECK_FALSE(resolve_params(p, defaults));  // every default is within its own range
    }
    for (const Variant& v : p.variants) {
      CAPTURE(v.name);
      ++variants;
      if (v.bug != Bug::None) ++broken;
      CHECK_FALSE(v.title.empty());
      CHECK(v.lesson.size() > 60);
      CHECK(v.run);
      if (v.bug == Bug::Starvation) {
        CHECK_FALSE(v.starvation_role.empty());
        CHECK(v.starvation_threshold > 0);
      }
      Params params;
      CHECK_FALSE(resolve_params(p, params, &v));
    }
  }
  CHECK(variants >= 25);
  CHECK(broken >= 10);
  CHECK(find_pattern("dining_philosophers") != nullptr);
  CHECK(find_pattern("no_such_pattern") == nullptr);
  CHECK(source_text("patterns/registry.h").find("class Registrar") != std::string_view::npos);
  CHECK(source_text("patterns/nothing.cpp").empty());
  MESSAGE(all.size(), " patterns, ", variants, " variants (", broken, " broken)");
}

TEST_CASE("every line a goroutine blocks on is a readable blocking call in the embedded source" *
          doctest::timeout(30)) {
  const char* calls[] = {"acquire(", "lock(", "wait(", "recv", "send(", "sleep("};
  for (const Pattern& p : registry()) {
    std::string_view text = source_text(p.source_file);
    REQUIRE_FALSE(text.empty());
    std::vector<std::string_view> lines{""};  // 1-based
    for (std::size_t at = 0; at <= text.size();) {
      std::size_t nl = text.find('\n', at);
      if (nl == std::string_view::npos) nl = text.size();
      lines.push_back(text.substr(at, nl - at));
      at = nl + 1;
    }
    int blocked = 0;  // over all variants of the pattern (one may never block)
    for (const Variant& v : p.variants) {
      CAPTURE(p.name + "/" + v.name);
      Params params;
      REQUIRE_FALSE(resolve_params(p, params, &v));
      RunContext ctx(params);
      Scheduler s(Scheduler::Config{}.with_spurious_wakeups(v.needs_spurious_wakeups), make_policy("random", 3), 3);
      TraceRecorder rec;
      rec.attach(s);
      s.run_main("main", [&] { v.run(ctx); });
      rec.for_each([&](const Event& e) {
        if (e.type != EventType::State || (e.state() != GState::Blocked && e.state() != GState::Sleeping)) return;
        const SrcLoc& loc = rec.srclocs()[e.srcloc];
        CAPTURE(loc.file);
        CAPTURE(loc.line);
        REQUIRE(std::string_view(loc.file) == p.source_file);
        REQUIRE(loc.line < lines.size());
        std::string_view line = lines[loc.line];
        bool names_a_call = false;
        for (const char* c : calls) names_a_call = names_a_call || line.find(c) != std::string_view::npos;
        CHECK_MESSAGE(names_a_call, "line ", loc.line, " is `", std::string(line), "`");
        ++blocked;
      });
    }
    CHECK_MESSAGE(blocked > 0, p.name);
  }
}

TEST_CASE("the embedded source is the file on disk, byte for byte, so line numbers match") {
  for (const Pattern& p : registry()) {
    CAPTURE(p.source_file);
    std::ifstream in(std::string(INTERLEAVE_SOURCE_ROOT) + "/" + p.source_file, std::ios::binary);
    REQUIRE(in);
    std::stringstream disk;
    disk << in.rdbuf();
    CHECK(source_text(p.source_file) == disk.str());
  }
}
