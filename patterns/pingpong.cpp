// pingpong.cpp — two goroutines hit a ball back and forth over an unbuffered channel.
//
// From Sameer Ajmani's "Advanced Go Concurrency Patterns": the table is a channel, the ball a value. A
// player receives the ball, hits it, and sends it back. Because the channel is unbuffered, a send completes
// only when the other player receives: the ball always changes hands. main serves, lets them play for a
// while, then takes the ball off the table.
#include <memory>
#include <string>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

struct Ball {
  int hits = 0;
  int last_player = -1;
};

void player(RunContext& ctx, Channel<Ball> table, int me) {
  for (;;) {
    Ball ball = table.recv();  // wait for the ball
    ctx.check(ball.last_player != me, "alternate",
              "player#" + std::to_string(me) + " caught its own ball after hit " + std::to_string(ball.hits));
    ball.hits += 1;
    ball.last_player = me;
    ctx.set_metric("hits", ball.hits, "hits");
    work(ctx.params.draw("hit_time"));
    table.send(ball);  // hit it back
  }
}

void play(RunContext& ctx, std::size_t table_capacity) {
  Channel<Ball> table(table_capacity, "table");
  go("player#0", [&ctx, table] { player(ctx, table, 0); });
  go("player#1", [&ctx, table] { player(ctx, table, 1); });
  table.send(Ball{});  // serve
  sleep(ctx.params.draw("play_time"));
  Ball ball = table.recv();  // game over: take the ball
  ctx.set_metric("hits", ball.hits, "hits");
}

void run_unbuffered(RunContext& ctx) { play(ctx, 0); }
void run_buffered_table(RunContext& ctx) { play(ctx, 1); }

Registrar reg([] {
  Pattern p;
  p.name = "pingpong";
  p.title = "Ping-pong over an unbuffered channel (Go)";
  p.lesson =
      "An unbuffered channel is a hand-off: the sender waits until the receiver takes the value. Watch the "
      "two players alternate between 'chan receive' and working, with the ball going from one to the other "
      "on every send. Give the table a buffer and the hand-off is gone.";
  p.source_file = "patterns/pingpong.cpp";
  p.params = {
      ParamSpec::duration("play_time", "20ms", "how long main lets them play (sleep)"),
      ParamSpec::duration("hit_time", "uniform 500us..1ms", "one hit (work)"),
  };
  p.invariants = {{"alternate", "the players alternate: nobody receives the ball it just sent"}};
  p.metrics = {{"hits", "hits"}};
  p.variants = {
      {"unbuffered", "An unbuffered table",
       "Each send is a rendezvous with the other player's receive, so the ball always changes hands.", Bug::None,
       &run_unbuffered},
      {"buffered_table", "A table with a buffer of one",
       "With a buffer the send completes at once, with nobody receiving. If the other player is not already "
       "waiting, the hitter's own next receive takes the ball back: it plays against itself.",
       Bug::InvariantViolation, &run_buffered_table},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
