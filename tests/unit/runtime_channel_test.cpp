// runtime_channel_test.cpp — Channel<T> (unbuffered, buffered, closed, nil) and select.
#include <memory>
#include <string>
#include <vector>

#include "tests/unit/runtime_test_support.h"

using namespace interleave;
using namespace interleave::time_literals;
using interleave::testing::contains;
using interleave::testing::EventCollector;
using interleave::testing::run_program;
using interleave::testing::starts_with;

TEST_CASE("unbuffered channel: a send waits for its receiver (rendezvous)" * doctest::timeout(10)) {
  Scheduler s;
  EventCollector log;
  s.set_observer(&log);
  VirtualTime send_returned = -1;
  int got = 0;
  GoroutineId sender = 0;
  s.run_main("main", [&] {
    Channel<int> ch(0, "rendezvous");
    CHECK(ch.cap() == 0);
    sender = go("sender", [&] {
      ch.send(42);
      send_returned = now();
    });
    sleep(5_ms);
    got = ch.recv();
    sleep(1_ms);
  });
  CHECK(s.outcome() == Outcome::Completed);
  CHECK(got == 42);
  CHECK(send_returned == 5_ms);
  auto matches = log.of_type(EventType::ChanMatch);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].g == sender);
  CHECK(matches[0].value == 1);  // received by main
  CHECK(matches[0].time == 5_ms);
}

TEST_CASE("buffered channel: FIFO values, len and cap, sends block only when full" * doctest::timeout(10)) {
  std::vector<VirtualTime> sent_at;
  std::vector<int> received;
  auto r = run_program([&] {
    Channel<int> ch(2, "buf");
    go("sender", [&] {
      for (int i = 1; i <= 4; ++i) {
        ch.send(i);
        sent_at.push_back(now());
      }
    });
    sleep(10_ms);
    CHECK(ch.len() == 2);
    CHECK(ch.cap() == 2);
    for (int i = 0; i < 4; ++i) {
      received.push_back(ch.recv());
      sleep(1_ms);
    }
    CHECK(ch.len() == 0);
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(received == std::vector<int>{1, 2, 3, 4});
  // Two fit at once; the third goes in when the first is taken (10 ms), the fourth at 11 ms.
  CHECK(sent_at == std::vector<VirtualTime>{0, 0, 10_ms, 11_ms});
}

TEST_CASE("channels move their values (move-only and non-trivial types)" * doctest::timeout(10)) {
  auto r = run_program([] {
    Channel<std::unique_ptr<std::string>> ch(1, "owned");
    go("sender", [&] { ch.send(std::make_unique<std::string>("hello")); });
    auto p = ch.recv();
    REQUIRE(p);
    CHECK(*p == "hello");
  });
  CHECK(r.outcome == Outcome::Completed);
}

TEST_CASE("close: receivers drain the buffer, then get the zero value and ok == false" * doctest::timeout(10)) {
  std::vector<std::pair<int, bool>> got;
  int blocked_ok = -1;
  auto r = run_program([&] {
    Channel<int> buffered(3, "buffered");
    buffered.send(1);
    buffered.send(2);
    buffered.close();
    CHECK(buffered.len() == 2);
    for (int i = 0; i < 3; ++i) got.push_back(buffered.recv_ok());

    // A receiver blocked on an empty channel is woken by close.
    Channel<int> empty(0, "empty");
    WaitGroup wg;
    wg.add(1);
    go("receiver", [&] {
      auto [v, ok] = empty.recv_ok();
      blocked_ok = ok ? 1 : 0;
      CHECK(v == 0);
      wg.done();
    });
    sleep(1_ms);
    empty.close();
    wg.wait();
    CHECK(empty.recv() == 0);  // still closed: returns at once
  });
  CHECK(r.outcome == Outcome::Completed);
  CHECK(got == std::vector<std::pair<int, bool>>{{1, true}, {2, true}, {0, false}});
  CHECK(blocked_ok == 0);
}

TEST_CASE("channel misuse panics with Go's words" * doctest::timeout(10)) {
  struct Row {
    const char* what;
    const char* message;
    std::function<void(int& line)> program;
  };
  const Row rows[] = {
      {"send on a closed channel", "send on closed channel",
       [](int& line) {
         Channel<int> ch(1);
         ch.close();
         line = __LINE__ + 1;
         ch.send(1);
       }},
      {"a blocked sender when the channel is closed", "send on closed channel",
       [](int& line) {
         Channel<int> ch(0);
         go("closer", [&] { ch.close(); });
         line = __LINE__ + 1;
         ch.send(1);
       }},
      {"close of a closed channel", "close of closed channel",
       [](int& line) {
         Channel<int> ch(0);
         ch.close();
         line = __LINE__ + 1;
         ch.close();
       }},
      {"close of a nil channel", "close of nil channel",
       [](int& line) {
         Channel<int> nil;
         CHECK(nil.is_nil());
         line = __LINE__ + 1;
         nil.close();
       }},
      {"select sending on a closed channel", "send on closed channel",
       [](int& line) {
         Channel<int> ch(1);
         ch.close();
         line = __LINE__ + 1;
         select({send_case(ch, 1)});
       }},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    int line = 0;
    auto r = run_program([&] { row.program(line); });
    CHECK(r.outcome == Outcome::Panic);
    CHECK(r.message == row.message);
    CHECK(starts_with(r.dump, "panic: " + std::string(row.message) + "\n\ngoroutine 1 \"main\" [running]:\n"));
    CHECK(r.culprit == 1);
    CHECK(r.culprit_line == static_cast<std::uint32_t>(line));
  }
}

TEST_CASE("a nil channel blocks forever, with Go's wait reasons" * doctest::timeout(10)) {
  struct Row {
    const char* reason;
    std::function<void()> program;
  };
  const Row rows[] = {
      {"chan send (nil chan)", [] { Channel<int>().send(1); }},
      {"chan receive (nil chan)", [] { Channel<int>().recv(); }},
      {"select (no cases)", [] { select({}); }},
      {"select",
       [] {
         Channel<int> nil;
         int v = 0;
         select({recv_case(nil, v)});
       }},
  };
  for (const Row& row : rows) {
    CAPTURE(row.reason);
    auto r = run_program([&] { row.program(); });
    CHECK(r.outcome == Outcome::Deadlock);
    CHECK(starts_with(r.dump, "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \"main\" [" +
                                  std::string(row.reason) + "]:\n"));
  }
}

TEST_CASE("select: default when nothing is ready" * doctest::timeout(10)) {
  auto r = run_program([] {
    Channel<int> in(0), out(0);
    int v = 0;
    CHECK(select({recv_case(in, v), send_case(out, 1), default_case()}) == -1);
    Channel<int> nil;
    CHECK(select({recv_case(nil, v), default_case()}) == -1);
    CHECK(select({default_case()}) == -1);
  });
  CHECK(r.outcome == Outcome::Completed);
}

TEST_CASE("select: ready cases, the default ignored, send and receive" * doctest::timeout(10)) {
  auto r = run_program([] {
    Channel<int> a(1, "a"), b(1, "b");
    int v = 0;
    bool ok = false;
    // Only the send is ready (a is empty, b has room).
    CHECK(select({recv_case(a, v, ok), send_case(b, 7), default_case()}) == 1);
    CHECK(b.len() == 1);
    // Now only the receive from b is ready.
    CHECK(select({recv_case(a, v, ok), recv_case(b, v, ok)}) == 1);
    CHECK(v == 7);
    CHECK(ok);
    // A closed channel is always ready to receive from: zero value, ok == false.
    a.close();
    v = 99;
    CHECK(select({recv_case(a, v, ok), default_case()}) == 0);
    CHECK(v == 0);
    CHECK_FALSE(ok);
  });
  CHECK(r.outcome == Outcome::Completed);
}

TEST_CASE("select: the choice among several ready cases is the policy's" * doctest::timeout(10)) {
  auto pick_with = [](std::unique_ptr<Policy> policy, std::uint64_t seed) {
    int chosen = -2;
    std::vector<Decision> decisions;
    auto r = run_program(
        [&] {
          Channel<int> a(1, "a"), b(1, "b"), c(1, "c");
          a.send(1);
          b.send(2);
          c.send(3);
          int v = 0;
          chosen = select({recv_case(a, v), recv_case(b, v), recv_case(c, v)});
          CHECK(v == chosen + 1);
        },
        Scheduler::Config{}, std::move(policy), seed);
    CHECK(r.outcome == Outcome::Completed);
    REQUIRE(r.decisions.size() == 1);
    CHECK(r.decisions[0].kind == DecisionKind::PickSelectCase);
    CHECK(r.decisions[0].options == 3);
    CHECK(r.decisions[0].chosen == static_cast<std::uint32_t>(chosen));
    return chosen;
  };
  CHECK(pick_with(std::make_unique<FifoPolicy>(), 1) == 0);
  std::vector<int> seen(3, 0);
  for (std::uint64_t seed = 1; seed <= 30; ++seed)
    ++seen[static_cast<std::size_t>(pick_with(make_policy("random", seed), seed))];
  for (int n : seen) CHECK(n > 0);  // random reaches every case
}

TEST_CASE("select: blocks on every channel until one case can proceed" * doctest::timeout(10)) {
  SUBCASE("a receive case completed by a sender") {
    auto r = run_program([] {
      Channel<int> a(0, "a"), b(0, "b");
      go("sender", [&] {
        sleep(3_ms);
        b.send(5);
      });
      int va = 0, vb = 0;
      bool ok = false;
      CHECK(select({recv_case(a, va), recv_case(b, vb, ok)}) == 1);
      CHECK(now() == 3_ms);
      CHECK(vb == 5);
      CHECK(ok);
      // The select's other waiter is gone: nobody is queued on a any more.
      CHECK(a.base()->recvq().empty());
      CHECK(b.base()->recvq().empty());
    });
    CHECK(r.outcome == Outcome::Completed);
  }
  SUBCASE("a send case completed by a receiver") {
    auto r = run_program([] {
      Channel<int> a(0, "a"), out(0, "out");
      int got = 0;
      go("receiver", [&] {
        sleep(2_ms);
        got = out.recv();
      });
      int va = 0;
      CHECK(select({recv_case(a, va), send_case(out, 11)}) == 1);
      CHECK(now() == 2_ms);
      sleep(1_ms);
      CHECK(got == 11);
      CHECK(a.base()->recvq().empty());
    });
    CHECK(r.outcome == Outcome::Completed);
  }
  SUBCASE("a receive case woken by close") {
    auto r = run_program([] {
      Channel<int> a(0, "a");
      go("closer", [&] {
        sleep(1_ms);
        a.close();
      });
      int v = 9;
      bool ok = true;
      CHECK(select({recv_case(a, v, ok)}) == 0);
      CHECK_FALSE(ok);
      CHECK(v == 0);
    });
    CHECK(r.outcome == Outcome::Completed);
  }
  SUBCASE("a blocked select sending when the channel is closed panics") {
    auto r = run_program([] {
      Channel<int> out(0, "out");
      go("closer", [&] {
        sleep(1_ms);
        out.close();
      });
      select({send_case(out, 1)});
    });
    CHECK(r.outcome == Outcome::Panic);
    CHECK(r.message == "send on closed channel");
  }
  SUBCASE("two selects meet: one sends, the other receives") {
    int got = 0;
    auto r = run_program([&] {
      Channel<int> ch(0, "ch"), never(0, "never");
      WaitGroup wg;
      wg.add(1);
      int sender_case = -2;
      go("selecting-sender", [&] {
        int x = 0;
        sender_case = select({recv_case(never, x), send_case(ch, 77)});
        wg.done();
      });
      sleep(1_ms);  // the sender's select is parked
      int x = 0;
      int receiver_case = select({recv_case(never, x), recv_case(ch, got)});
      wg.wait();
      CHECK(receiver_case == 1);
      CHECK(sender_case == 1);
      CHECK(never.base()->recvq().empty());
    });
    CHECK(r.outcome == Outcome::Completed);
    CHECK(got == 77);
  }
}

TEST_CASE("a buffered channel's length is a counter series" * doctest::timeout(10)) {
  Scheduler s;
  TraceRecorder rec;
  rec.attach(s);
  ObjectId id = 0;
  s.run_main("main", [&] {
    Channel<int> ch(3, "queue");
    id = ch.id();
    ch.send(1);
    ch.send(2);
    ch.recv();
    sleep(1_ms);
    ch.send(3);
    ch.recv();
    ch.recv();
  });
  CHECK(s.outcome() == Outcome::Completed);
  auto series = rec.counter_series(id, CounterKind::Length);
  std::vector<std::pair<VirtualTime, std::int64_t>> expected{{0, 1}, {0, 2}, {0, 1}, {1_ms, 2}, {1_ms, 1}, {1_ms, 0}};
  CHECK(series == expected);
  CHECK(rec.objects()[id].name == "queue");
  CHECK(rec.objects()[id].kind == ObjectKind::Channel);
  CHECK(rec.objects()[id].capacity == 3);
}

// Channel<T> takes a buffered send with room, and a receive from a non-empty buffer, on an inline path of
// its own; select and the blocking cases take the general one. Both must record the same events: the
// length counter by the goroutine that changed it, then (for a receive) the hand-off from the value's
// sender. The ring wraps around here (capacity 2, five values).
TEST_CASE("buffered channel: the inline paths record what the general path records" * doctest::timeout(10)) {
  Scheduler s;
  EventCollector log;
  s.set_observer(&log);
  ObjectId id = 0;
  GoroutineId producer = 0;
  std::vector<std::string> got;
  s.run_main("main", [&] {
    Channel<std::string> ch(2, "ring");
    id = ch.id();
    producer = go("producer", [&] {
      for (int i = 1; i <= 5; ++i) ch.send(std::string(40, static_cast<char>('a' + i)));  // not SSO: moved
    });
    sleep(1_ms);               // the producer sent two values (inline) and waits with the third
    got.push_back(ch.recv());  // general: the waiting third value takes the freed slot
    sleep(1_ms);               // the producer waits with the fourth
    std::string v;
    bool ok = false;
    select({recv_case(ch, v, ok)});  // select: always the general path; the fourth value moves in
    CHECK(ok);
    got.push_back(v);
    got.push_back(ch.recv());  // inline: the producer is runnable, nobody waits to send
    sleep(1_ms);               // the producer sends its fifth value into room (inline) and ends
    got.push_back(ch.recv());  // inline
    got.push_back(ch.recv());  // inline
  });
  REQUIRE(s.outcome() == Outcome::Completed);
  REQUIRE(got.size() == 5);
  for (int i = 1; i <= 5; ++i)
    CHECK(got[static_cast<std::size_t>(i - 1)] == std::string(40, static_cast<char>('a' + i)));
  // Every receive is main's, and is followed at once by the hand-off (producer -> main) through the
  // channel.
  std::vector<std::int64_t> lengths;
  int matches = 0;
  for (std::size_t i = 0; i < log.events.size(); ++i) {
    const Event& e = log.events[i];
    if (e.object != id) continue;
    if (e.type == EventType::Counter && e.counter() == CounterKind::Length) {
      lengths.push_back(e.value);
      bool pushed = lengths.size() == 1 || e.value > lengths[lengths.size() - 2];
      if (!pushed) {
        CHECK(e.g == 1);  // main took a value out
        REQUIRE(i + 1 < log.events.size());
        const Event& m = log.events[i + 1];
        CHECK(m.type == EventType::ChanMatch);
        CHECK(m.g == producer);
        CHECK(m.value == 1);
        CHECK(m.object == id);
      }
    }
    if (e.type == EventType::ChanMatch) ++matches;
  }
  CHECK(matches == 5);
  // 1, 2; the receive takes one and the third moves in: 1, 2; the select likewise: 1, 2; the inline
  // receive: 1; the fifth value: 2; the last two receives: 1, 0.
  std::vector<std::int64_t> expected{1, 2, 1, 2, 1, 2, 1, 2, 1, 0};
  CHECK(lengths == expected);
}
