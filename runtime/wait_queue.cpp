// wait_queue.cpp — the rarer parts of the waiter list: a policy's pick, waking one or all.
#include "runtime/wait_queue.h"

namespace interleave {

namespace {
GoroutineId waiter_candidate(const void* view, std::uint32_t i) {
  const Waiter* w = static_cast<const Waiter*>(view);
  while (i-- > 0 && w) w = w->next;
  return w ? w->g->id : kNoGoroutine;
}
}  // namespace

Waiter* WaitQueue::policy_pick() {
  Choice c{DecisionKind::PickWaiter, static_cast<std::uint32_t>(size_), sched_->self(), head_, &waiter_candidate};
  std::uint32_t i = sched_->decide(c);
  Waiter* w = head_;
  while (i-- > 0) w = w->next;
  return w;
}

Waiter* WaitQueue::wake_one() {
  Waiter* w = pop();
  if (w) sched_->ready(w->g, owner_);
  return w;
}

std::size_t WaitQueue::wake_all() {
  std::size_t n = 0;
  while (Waiter* w = head_) {
    remove(*w);
    sched_->ready(w->g, owner_);
    ++n;
  }
  return n;
}

}  // namespace interleave
