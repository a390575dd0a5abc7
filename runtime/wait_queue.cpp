// wait_queue.cpp — an intrusive doubly-linked list of waiters, with the waiter counter hook.
#include "runtime/wait_queue.h"

namespace interleave {

void WaitQueue::push(Waiter& w) {
  w.queue = this;
  w.next = nullptr;
  w.prev = tail_;
  if (tail_)
    tail_->next = &w;
  else
    head_ = &w;
  tail_ = &w;
  ++size_;
  sched_->counter(owner_, CounterKind::Waiters, ++*total_);
}

void WaitQueue::remove(Waiter& w) {
  if (w.queue != this) return;
  if (w.prev)
    w.prev->next = w.next;
  else
    head_ = w.next;
  if (w.next)
    w.next->prev = w.prev;
  else
    tail_ = w.prev;
  w.prev = w.next = nullptr;
  w.queue = nullptr;
  --size_;
  sched_->counter(owner_, CounterKind::Waiters, --*total_);
}

namespace {
GoroutineId waiter_candidate(const void* view, std::uint32_t i) {
  const Waiter* w = static_cast<const Waiter*>(view);
  while (i-- > 0 && w) w = w->next;
  return w ? w->g->id : kNoGoroutine;
}
}  // namespace

Waiter* WaitQueue::pop() {
  if (!head_) return nullptr;
  Waiter* w = head_;
  if (size_ > 1 && sched_->config().wake_order == WakeOrder::Policy) {
    Choice c{DecisionKind::PickWaiter, static_cast<std::uint32_t>(size_), sched_->self(), head_, &waiter_candidate};
    std::uint32_t i = sched_->decide(c);
    while (i-- > 0) w = w->next;
  }
  remove(*w);
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
