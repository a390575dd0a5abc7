// channel.cpp — the channel algorithm (Go's runtime/chan.go in miniature) and select.
#include "runtime/channel.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "runtime/select.h"

namespace interleave {

ChanBase::ChanBase(std::string_view name, std::size_t capacity)
    : Object(ObjectKind::Channel, name, static_cast<std::int64_t>(capacity)),
      cap_(capacity),
      senders_(capacity),
      sendq_(*sched_, id_),
      recvq_(*sched_, id_) {}

std::string ChanBase::describe() const {
  std::string s = std::to_string(count_) + "/" + std::to_string(cap_) + " queued";
  if (closed_) s += ", closed";
  return s;
}

void ChanBase::buffer_push(void* src, GoroutineId sender) {
  std::size_t tail = tail_slot();
  move_value(slot(tail), src);
  pushed(tail, sender);
  sched_->counter(id_, CounterKind::Length, static_cast<std::int64_t>(count_));
}

GoroutineId ChanBase::buffer_pop(void* dst) {
  move_value(dst, slot(head_slot()));
  GoroutineId from = popped();
  sched_->counter(id_, CounterKind::Length, static_cast<std::int64_t>(count_));
  return from;
}

void ChanBase::complete(Waiter* w) {
  if (w->select) {
    w->select->chosen = w->tag;
    for (Waiter& other : w->select->waiters)
      if (&other != w && other.queue) other.queue->remove(other);
  }
  sched_->ready(w->g, id_);
}

[[gnu::flatten]] void ChanBase::send_erased(void* value, std::source_location loc) {
  if (closed_ || !recvq_.empty() || count_ < cap_) {
    send_ready(value, loc);
    return;
  }
  Goroutine* g = sched_->running();
  if (!g) throw UsageError("channel send must be called from inside a goroutine");
  Waiter w(g);
  w.data = value;
  sendq_.wait(w, WaitReason::ChanSend, loc);
  if (w.result == 0) sched_->raise(Outcome::Panic, go_errors::kSendOnClosed, loc);
}

void ChanBase::send_ready(void* value, std::source_location loc) {
  if (closed_) sched_->raise(Outcome::Panic, go_errors::kSendOnClosed, loc);
  if (Waiter* r = recvq_.pop()) {
    // A receiver is waiting: hand the value straight over (the buffer is necessarily empty).
    move_value(r->data, value);
    r->result = 1;
    sched_->emit(EventType::ChanMatch, sched_->self(), id_, r->g->id, 0);
    complete(r);
    return;
  }
  buffer_push(value, sched_->self());
}

[[gnu::flatten]] bool ChanBase::recv_erased(void* out, std::source_location loc) {
  if (can_recv()) return recv_ready(out);
  Goroutine* g = sched_->running();
  if (!g) throw UsageError("channel receive must be called from inside a goroutine");
  Waiter w(g);
  w.data = out;
  recvq_.wait(w, WaitReason::ChanReceive, loc);
  return w.result == 1;
}

bool ChanBase::recv_ready(void* out) {
  if (count_ > 0) {
    GoroutineId from = buffer_pop(out);
    sched_->emit(EventType::ChanMatch, from, id_, sched_->self(), 0);
    if (Waiter* s = sendq_.pop()) {
      // A sender was waiting for room: its value takes the freed slot.
      buffer_push(s->data, s->g->id);
      s->result = 1;
      complete(s);
    }
    return true;
  }
  if (Waiter* s = sendq_.pop()) {
    move_value(out, s->data);
    s->result = 1;
    sched_->emit(EventType::ChanMatch, s->g->id, id_, sched_->self(), 0);
    complete(s);
    return true;
  }
  sched_->touch(id_, false);
  zero(out);  // closed and drained
  return false;
}

void ChanBase::close_erased(std::source_location loc) {
  sched_->touch(id_, true);
  if (closed_) sched_->raise(Outcome::Panic, go_errors::kCloseOfClosed, loc);
  closed_ = true;
  // Receivers get the zero value and ok == false; senders wake up to panic.
  while (Waiter* w = recvq_.front()) {
    recvq_.remove(*w);
    zero(w->data);
    w->result = 0;
    complete(w);
  }
  while (Waiter* w = sendq_.front()) {
    sendq_.remove(*w);
    w->result = 0;
    complete(w);
  }
}

int select(std::span<const SelectCase> cases, std::source_location loc) {
  Scheduler& s = detail::sched("select");
  Goroutine* g = s.running();
  if (!g) throw UsageError("select must be called from inside a goroutine");

  // Index the real cases (the default does not count) and find the ready ones.
  bool has_default = false;
  std::vector<int> index;  // cases[] position -> case number, -1 for the default
  std::vector<int> ready;  // case numbers
  std::vector<const SelectCase*> by_number;
  for (const SelectCase& c : cases) {
    if (c.is_default) {
      has_default = true;
      continue;
    }
    int n = static_cast<int>(by_number.size());
    by_number.push_back(&c);
    if (c.ch && (c.is_send ? c.ch->can_send() : c.ch->can_recv())) ready.push_back(n);
  }

  auto perform = [&](int n) {
    const SelectCase& c = *by_number[static_cast<std::size_t>(n)];
    if (c.is_send) {
      c.ch->send_ready(c.data, loc);
    } else {
      bool ok = c.ch->recv_ready(c.data);
      if (c.ok) *c.ok = ok;
    }
    return n;
  };

  if (!ready.empty()) {
    std::uint32_t pick = 0;
    if (ready.size() > 1)
      pick = s.decide(Choice{DecisionKind::PickSelectCase, static_cast<std::uint32_t>(ready.size()), g->id});
    return perform(ready[pick]);
  }
  if (has_default) {
    for (const SelectCase* c : by_number)
      if (c->ch) s.touch(c->ch->id(), false);  // looked at, nothing ready
    return -1;
  }

  bool any_channel = std::any_of(by_number.begin(), by_number.end(), [](const SelectCase* c) { return c->ch; });
  if (!any_channel) {
    s.park(by_number.empty() ? WaitReason::SelectNoCases : WaitReason::Select, kNoObject, loc);
    throw ForcedUnwind{};  // never woken: only reached when the run is torn down
  }

  // Park on every channel at once; whichever channel completes one case removes us from the others.
  auto waiters = std::make_unique<Waiter[]>(by_number.size());
  SelectState state;
  ObjectId first = kNoObject;
  for (std::size_t n = 0; n < by_number.size(); ++n) {
    Waiter& w = waiters[n];
    w.g = g;
    w.tag = static_cast<int>(n);
    w.data = by_number[n]->data;
    w.select = &state;
  }
  state.waiters = std::span<Waiter>(waiters.get(), by_number.size());
  for (std::size_t n = 0; n < by_number.size(); ++n) {
    const SelectCase& c = *by_number[n];
    if (!c.ch) continue;
    if (first == kNoObject) first = c.ch->id();
    (c.is_send ? c.ch->sendq() : c.ch->recvq()).push(waiters[n]);
  }
  s.park(WaitReason::Select, first, loc);
  int n = state.chosen;
  const SelectCase& c = *by_number[static_cast<std::size_t>(n)];
  const Waiter& w = waiters[static_cast<std::size_t>(n)];
  if (c.is_send && w.result == 0) s.raise(Outcome::Panic, go_errors::kSendOnClosed, loc);
  if (!c.is_send && c.ok) *c.ok = w.result == 1;
  return n;
}

}  // namespace interleave
