// readers_writers.cpp — many readers may share a room, a writer needs it alone.
//
// The classic trade-off: let readers in whenever the room holds readers and writers can wait forever; let
// a waiting writer bar new readers and readers can wait forever. Downey's Little Book of Semaphores solves
// it with a "lightswitch" (the first reader in locks the room, the last one out unlocks it) and a
// turnstile; Go's sync.RWMutex builds the fair version in.
#include <algorithm>
#include <memory>
#include <string>

#include "patterns/registry.h"
#include "patterns/watched.h"

namespace interleave::patterns {
namespace {

// [SECTION] The room and its invariant ------------------------------------------------------------------

struct Room {
  explicit Room(RunContext& c) : ctx(c) {}
  RunContext& ctx;
  Watched readers_inside{"readers_inside"};
  Watched writers_inside{"writers_inside"};
  WaitGroup done{"done"};
  Duration max_wait_reader = 0, max_wait_writer = 0;

  void enter_read(VirtualTime asked_at) {
    readers_inside.store(readers_inside.load() + 1);
    ctx.check(writers_inside.load() == 0, "exclusive", "a reader entered while a writer is inside");
    max_wait_reader = std::max(max_wait_reader, now() - asked_at);
    ctx.set_metric("reader_max_wait", double(max_wait_reader) / 1e6, "ms");
  }
  void leave_read() {
    readers_inside.store(readers_inside.load() - 1);
    ctx.add_metric("reads", 1, "reads");
  }
  void enter_write(VirtualTime asked_at) {
    writers_inside.store(writers_inside.load() + 1);
    ctx.check(writers_inside.load() == 1 && readers_inside.load() == 0, "exclusive",
              "a writer entered with " + std::to_string(readers_inside.load()) + " readers and " +
                  std::to_string(writers_inside.load() - 1) + " other writers inside");
    max_wait_writer = std::max(max_wait_writer, now() - asked_at);
    ctx.set_metric("writer_max_wait", double(max_wait_writer) / 1e6, "ms");
  }
  void leave_write() {
    writers_inside.store(writers_inside.load() - 1);
    ctx.add_metric("writes", 1, "writes");
  }
  // The room is a database on disk: reading and writing wait on I/O (sleep), so readers overlap, and
  // goroutines queue up behind a writer, even on one processor.
  void read() {
    doing("reading");
    sleep(ctx.params.draw("read_time"));
    doing("");
  }
  void write() {
    doing("writing");
    sleep(ctx.params.draw("write_time"));
    doing("");
  }
};

// Starts the readers and writers, each running `reader(id)` / `writer(id)`, and waits for them all.
template <class Reader, class Writer>
void run_all(const std::shared_ptr<Room>& room, Reader reader, Writer writer) {
  const auto& params = room->ctx.params;
  int readers = int(params.integer("readers")), writers = int(params.integer("writers"));
  room->done.add(readers + writers);
  for (int i = 0; i < readers; ++i)
    go("reader#" + std::to_string(i), [room, reader] {
      for (int k = 0; k < room->ctx.params.integer("reads"); ++k) {
        sleep(room->ctx.params.draw("reader_think"));
        reader(*room);
      }
      room->done.done();
    });
  for (int i = 0; i < writers; ++i)
    go("writer#" + std::to_string(i), [room, writer] {
      for (int k = 0; k < room->ctx.params.integer("writes"); ++k) {
        sleep(room->ctx.params.draw("writer_think"));
        writer(*room);
      }
      room->done.done();
    });
  room->done.wait();
  double ops = double(params.integer("reads") * readers + params.integer("writes") * writers);
  double seconds = double(now()) / 1e9;
  room->ctx.set_metric("throughput", seconds > 0 ? ops / seconds : 0, "ops/s");
}

// Downey's lightswitch: the first goroutine in turns the light on (takes `room`), the last one out turns
// it off (releases it). Everyone in between walks straight through.
struct Lightswitch {
  explicit Lightswitch(std::string_view name) : mutex(name) {}
  int counter = 0;
  Mutex mutex;

  void lock(Semaphore& room) {
    mutex.lock();
    counter += 1;
    if (counter == 1)  // the first one in...
      room.acquire();  // ...locks the room (and waits while it is taken)
    mutex.unlock();
  }
  void unlock(Semaphore& room) {
    mutex.lock();
    counter -= 1;
    if (counter == 0)  // the last one out...
      room.release();  // ...unlocks it
    mutex.unlock();
  }
};

// [SECTION] Reader preference: a lightswitch on one semaphore --------------------------------------------

void run_reader_preference(RunContext& ctx) {
  auto room = std::make_shared<Room>(ctx);
  struct Sync {
    Semaphore room_empty{1, "room_empty"};
    Lightswitch read_switch{"read_switch"};
  };
  auto s = std::make_shared<Sync>();
  auto reader = [s](Room& r) {
    VirtualTime asked = now();
    s->read_switch.lock(s->room_empty);  // only the first reader waits for the room
    r.enter_read(asked);
    r.read();
    r.leave_read();
    s->read_switch.unlock(s->room_empty);
  };
  auto writer = [s](Room& r) {
    VirtualTime asked = now();
    s->room_empty.acquire();  // waits until no reader is inside: may never happen
    r.enter_write(asked);
    r.write();
    r.leave_write();
    s->room_empty.release();
  };
  run_all(room, reader, writer);
}

// [SECTION] Writer preference: two lightswitches and two semaphores --------------------------------------

void run_writer_preference(RunContext& ctx) {
  auto room = std::make_shared<Room>(ctx);
  struct Sync {
    Semaphore no_readers{1, "no_readers"};
    Semaphore no_writers{1, "no_writers"};
    Lightswitch read_switch{"read_switch"};
    Lightswitch write_switch{"write_switch"};
  };
  auto s = std::make_shared<Sync>();
  auto reader = [s](Room& r) {
    VirtualTime asked = now();
    s->no_readers.acquire();  // barred while any writer waits or writes
    s->read_switch.lock(s->no_writers);
    s->no_readers.release();
    r.enter_read(asked);
    r.read();
    r.leave_read();
    s->read_switch.unlock(s->no_writers);
  };
  auto writer = [s](Room& r) {
    VirtualTime asked = now();
    s->write_switch.lock(s->no_readers);  // the first writer bars new readers
    s->no_writers.acquire();              // one writer at a time
    r.enter_write(asked);
    r.write();
    r.leave_write();
    s->no_writers.release();
    s->write_switch.unlock(s->no_readers);  // the last writer lets readers in again
  };
  run_all(room, reader, writer);
}

// [SECTION] No starvation: a turnstile in front of the room ----------------------------------------------

void run_no_starve(RunContext& ctx) {
  auto room = std::make_shared<Room>(ctx);
  struct Sync {
    Semaphore turnstile{1, "turnstile"};
    Semaphore room_empty{1, "room_empty"};
    Lightswitch read_switch{"read_switch"};
  };
  auto s = std::make_shared<Sync>();
  auto reader = [s](Room& r) {
    VirtualTime asked = now();
    s->turnstile.acquire();  // readers pass the turnstile one by one...
    s->turnstile.release();
    s->read_switch.lock(s->room_empty);
    r.enter_read(asked);
    r.read();
    r.leave_read();
    s->read_switch.unlock(s->room_empty);
  };
  auto writer = [s](Room& r) {
    VirtualTime asked = now();
    s->turnstile.acquire();   // ...but a writer holds it while it waits: new readers queue behind it
    s->room_empty.acquire();  // wait for the readers already inside to leave
    r.enter_write(asked);
    r.write();
    r.leave_write();
    s->turnstile.release();
    s->room_empty.release();
  };
  run_all(room, reader, writer);
}

// [SECTION] Go's sync.RWMutex --------------------------------------------------------------------------

void run_go_rwmutex(RunContext& ctx) {
  auto room = std::make_shared<Room>(ctx);
  auto rw = std::make_shared<RWMutex>("rwmutex", RWPreference::Go);
  auto reader = [rw](Room& r) {
    VirtualTime asked = now();
    rw->rlock();
    r.enter_read(asked);
    r.read();
    r.leave_read();
    rw->runlock();
  };
  auto writer = [rw](Room& r) {
    VirtualTime asked = now();
    rw->lock();
    r.enter_write(asked);
    r.write();
    r.leave_write();
    rw->unlock();
  };
  run_all(room, reader, writer);
}

// [SECTION] Registration --------------------------------------------------------------------------------

constexpr Duration kStarvation = 25'000'000;  // 25ms: far beyond one reader's or writer's turn

Registrar reg([] {
  Pattern p;
  p.name = "readers_writers";
  p.title = "Readers and writers";
  p.lesson =
      "Readers can share the room; a writer must be alone in it. Watch the longest wait of each role (the "
      "reader_max_wait and writer_max_wait metrics, and the lanes of the timeline): with reader preference a "
      "steady stream of overlapping readers keeps the room occupied and the writers wait until the readers "
      "are all finished; with writer preference it is the readers who wait. A turnstile, or Go's RWMutex, "
      "bounds both waits.";
  p.source_file = "patterns/readers_writers.cpp";
  p.params = {
      ParamSpec::integer("readers", 4, 1, 16, "goroutines", "reader goroutines"),
      ParamSpec::integer("writers", 2, 1, 16, "goroutines", "writer goroutines"),
      ParamSpec::integer("reads", 15, 1, 10000, "reads", "reads each reader makes"),
      ParamSpec::integer("writes", 5, 1, 10000, "writes", "writes each writer makes"),
      ParamSpec::duration("read_time", "uniform 1ms..3ms", "time inside the room per read (sleep: waiting on I/O)"),
      ParamSpec::duration("write_time", "1ms", "time inside the room per write (sleep: waiting on I/O)"),
      ParamSpec::duration("reader_think", "uniform 0ms..1ms", "pause between reads (sleep)"),
      ParamSpec::duration("writer_think", "uniform 0ms..2ms", "pause between writes (sleep)"),
  };
  p.invariants = {{"exclusive", "a writer is never in the room together with anyone else"}};
  p.metrics = {{"reader_max_wait", "ms"},
               {"reads", "reads"},
               {"writer_max_wait", "ms"},
               {"writes", "writes"},
               {"throughput", "ops/s"}};
  p.variants = {
      {"reader_preference", "Reader preference (Downey's lightswitch)",
       "The first reader in takes 'room_empty', the last one out gives it back. While readers keep overlapping "
       "the room is never empty, so a writer blocked on 'room_empty' waits until the readers run out of work: "
       "the writers starve.",
       Bug::Starvation, &run_reader_preference, "writer", kStarvation},
      {"writer_preference",
       "Writer preference (two lightswitches)",
       "The first writer to arrive locks 'no_readers' and the last to leave unlocks it; writers queue on "
       "'no_writers' one at a time. While writers keep arriving, readers wait on 'no_readers': the readers "
       "starve.",
       Bug::Starvation,
       &run_writer_preference,
       "reader",
       kStarvation,
       false,
       {{"writers", "3"}, {"writes", "12"}, {"writer_think", "uniform 0ms..1ms"}}},
      {"no_starve", "No-starve (a turnstile)",
       "Readers pass through a turnstile one by one; a writer holds the turnstile while it waits for the room "
       "to empty, so readers arriving after it queue behind it. Neither side waits longer than the others' "
       "turns ahead of it.",
       Bug::None, &run_no_starve},
      {"go_rwmutex", "Go's sync.RWMutex",
       "Go's RWMutex: a waiting writer bars new readers, and when it unlocks the readers that queued meanwhile "
       "go first. The same fairness as the turnstile, built in.",
       Bug::None, &run_go_rwmutex},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
