// h2o.cpp — building H2O (Downey 5.6): oxygen and hydrogen atoms bond in groups of one O and two H.
//
// Atoms arrive at random. An atom must wait until a complete molecule can form, the three bond together,
// and no atom of the next molecule may bond before the current one is complete. Queues (semaphores) hold
// the waiting atoms, a mutex guards the counts, and a barrier of three closes each molecule.
#include <memory>
#include <string>

#include "patterns/registry.h"

namespace interleave::patterns {
namespace {

struct Molecules {
  explicit Molecules(RunContext& c) : ctx(c) {}
  RunContext& ctx;
  Semaphore mutex{1, "mutex"};
  int oxygen = 0, hydrogen = 0;  // atoms waiting in the queues
  Semaphore oxy_queue{0, "oxy_queue"};
  Semaphore hydro_queue{0, "hydro_queue"};
  Barrier barrier{3, "barrier"};
  int bonding_o = 0, bonding_h = 0;  // atoms bonding into the current molecule
  WaitGroup finished{"finished"};

  void bond(bool is_oxygen) {
    (is_oxygen ? bonding_o : bonding_h) += 1;
    ctx.check(
        bonding_o <= 1 && bonding_h <= 2, "one_molecule_at_a_time",
        "the molecule being built has " + std::to_string(bonding_o) + " O and " + std::to_string(bonding_h) + " H");
    work(ctx.params.draw("bond_time"));
  }
  // Called by the oxygen once its molecule is complete.
  void molecule_done() {
    ctx.check(
        bonding_o == 1 && bonding_h == 2, "one_molecule_at_a_time",
        "the oxygen left a molecule with " + std::to_string(bonding_o) + " O and " + std::to_string(bonding_h) + " H");
    bonding_o = bonding_h = 0;
    ctx.add_metric("molecules", 1, "molecules");
  }
};

void oxygen(Molecules& m, bool with_barrier) {
  m.mutex.acquire();
  m.oxygen += 1;
  if (m.hydrogen >= 2) {  // a molecule can form: release two hydrogens and myself
    m.hydro_queue.release();
    m.hydro_queue.release();
    m.hydrogen -= 2;
    m.oxy_queue.release();
    m.oxygen -= 1;
  } else {
    m.mutex.release();
  }
  m.oxy_queue.acquire();  // wait for two hydrogens
  m.bond(true);
  if (with_barrier) m.barrier.wait();  // wait until all three have bonded
  m.molecule_done();
  m.mutex.release();  // the next molecule may form (the mutex was kept by whoever formed this one)
}

void hydrogen(Molecules& m, bool with_barrier) {
  m.mutex.acquire();
  m.hydrogen += 1;
  if (m.hydrogen >= 2 && m.oxygen >= 1) {
    m.hydro_queue.release();
    m.hydro_queue.release();
    m.hydrogen -= 2;
    m.oxy_queue.release();
    m.oxygen -= 1;
  } else {
    m.mutex.release();
  }
  m.hydro_queue.acquire();  // wait for an oxygen and another hydrogen
  m.bond(false);
  if (with_barrier) m.barrier.wait();
}

void run_atoms(RunContext& ctx, bool with_barrier) {
  auto m = std::make_shared<Molecules>(ctx);
  int molecules = int(ctx.params.integer("molecules"));
  m->finished.add(3 * molecules);
  for (int i = 0; i < molecules; ++i) {
    go("oxygen#" + std::to_string(i), [m, with_barrier] {
      sleep(m->ctx.params.draw("arrival_time"));
      oxygen(*m, with_barrier);
      m->finished.done();
    });
  }
  for (int i = 0; i < 2 * molecules; ++i) {
    go("hydrogen#" + std::to_string(i), [m, with_barrier] {
      sleep(m->ctx.params.draw("arrival_time"));
      hydrogen(*m, with_barrier);
      m->finished.done();
    });
  }
  m->finished.wait();
  double seconds = double(now()) / 1e9;
  ctx.set_metric("throughput", seconds > 0 ? molecules / seconds : 0, "molecules/s");
}

void run_barrier(RunContext& ctx) { run_atoms(ctx, true); }
void run_no_barrier(RunContext& ctx) { run_atoms(ctx, false); }

Registrar reg([] {
  Pattern p;
  p.name = "h2o";
  p.title = "Building H2O";
  p.lesson =
      "Oxygen and hydrogen atoms arrive in random order and must bond in groups of one O and two H. Watch the "
      "two queues fill with waiting atoms; whichever atom completes a group releases the other two and keeps "
      "the mutex, so no other group can form until the oxygen, after the barrier of three, releases it.";
  p.source_file = "patterns/h2o.cpp";
  p.params = {
      ParamSpec::integer("molecules", 4, 1, 1000, "molecules", "molecules to build (one O and two H each)"),
      ParamSpec::duration("arrival_time", "uniform 0ms..6ms", "when each atom arrives (sleep)"),
      ParamSpec::duration("bond_time", "uniform 100us..500us", "bonding (work)"),
  };
  p.invariants = {{"one_molecule_at_a_time",
                   "the atoms bonding are one molecule: at most one O and two H, and all three "
                   "before the next molecule starts"}};
  p.metrics = {{"molecules", "molecules"}, {"throughput", "molecules/s"}};
  p.variants = {
      {"barrier", "Queues, a mutex and a barrier (Downey)",
       "The atom that completes a group signals two hydrogens and one oxygen and keeps the mutex; the three "
       "bond, meet at the barrier, and then the oxygen releases the mutex for the next group.",
       Bug::None, &run_barrier},
      {"no_barrier", "Without the barrier",
       "The oxygen releases the mutex as soon as it has bonded, before its two hydrogens have. The next group "
       "can form and start bonding while the last is incomplete: the molecule being built gets a third "
       "hydrogen or a second oxygen.",
       Bug::InvariantViolation, &run_no_barrier},
  };
  return p;
});

}  // namespace
}  // namespace interleave::patterns
