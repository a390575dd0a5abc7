// channel.h — Go's channels: typed pipes between goroutines, unbuffered or buffered.
//
// A Channel<T> is a handle, copied freely like a Go channel value. A default-constructed handle is the nil
// channel: sending to or receiving from it blocks forever ("chan send (nil chan)", "chan receive (nil
// chan)").
//
//   Unbuffered (capacity 0): send() waits until a receiver takes the value — a rendezvous.
//   Buffered (capacity N):   send() waits only while N values are queued; recv() only while none are.
//
//   interleave::Channel<int> jobs(3, "jobs");
//   interleave::go("producer", [=]() mutable { for (int i = 0; i < 10; ++i) jobs.send(i); jobs.close(); });
//   while (auto [job, ok] = jobs.recv_ok(); ok) handle(job);   // ok is false once closed and drained
//
// close() says no more values will come: receivers drain what is queued and then get T{} with ok == false.
// Misuse ends the run with Go's words: "panic: send on closed channel", "panic: close of closed channel",
// "panic: close of nil channel". Wait reasons: "chan send", "chan receive".
#pragma once

#include <memory>
#include <source_location>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/wait_queue.h"

namespace interleave {

// The type-independent part of a channel: the algorithm, the wait queues and the hooks. Channel<T>
// supplies the storage for values.
class ChanBase : public Object {
 public:
  ChanBase(std::string_view name, std::size_t capacity);
  std::size_t len() const { return count_; }
  std::size_t cap() const { return cap_; }
  bool closed() const { return closed_; }

  // For select: could this operation proceed without blocking right now?
  bool can_send() const { return closed_ || !recvq_.empty() || count_ < cap_; }
  bool can_recv() const { return count_ > 0 || !sendq_.empty() || closed_; }

  void send_erased(void* value, std::source_location loc);
  bool recv_erased(void* out, std::source_location loc);
  void close_erased(std::source_location loc);
  // Non-blocking halves, used by select once a case is known to be ready.
  void send_ready(void* value, std::source_location loc);
  bool recv_ready(void* out);

  WaitQueue& sendq() { return sendq_; }
  WaitQueue& recvq() { return recvq_; }
  std::string describe() const override;

 protected:
  virtual void* slot(std::size_t i) = 0;              // buffer slot i (0 <= i < cap)
  virtual void move_value(void* dst, void* src) = 0;  // *dst = std::move(*src)
  virtual void zero(void* dst) = 0;                   // *dst = T{}

  // The ring buffer's bookkeeping, shared with the typed fast paths of ChanState<T>: a value is moved into
  // slot tail_slot() and then pushed(); moved out of slot head_ and then popped().
  std::size_t tail_slot() const {
    std::size_t tail = head_ + count_;  // no division on the hot path: wrap by hand
    return tail >= cap_ ? tail - cap_ : tail;
  }
  void pushed(std::size_t tail, GoroutineId sender) {
    senders_[tail] = sender;
    ++count_;
  }
  std::size_t head_slot() const { return head_; }
  GoroutineId popped() {
    GoroutineId from = senders_[head_];
    if (++head_ == cap_) head_ = 0;
    --count_;
    return from;
  }
  // Whether the fast paths apply: buffered room and nobody waiting to receive; a queued value and nobody
  // waiting to send (who would have to take the freed slot).
  bool send_is_plain() const { return count_ < cap_ && !closed_ && recvq_.empty(); }
  bool recv_is_plain() const { return count_ > 0 && sendq_.empty(); }

 private:
  void complete(Waiter* w);  // finish a woken waiter (and its select, if any) and ready it
  void buffer_push(void* src, GoroutineId sender);
  GoroutineId buffer_pop(void* dst);
  std::size_t cap_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  bool closed_ = false;
  std::vector<GoroutineId> senders_;  // who sent each buffered value (for send->receive flows)
  WaitQueue sendq_;
  WaitQueue recvq_;
};

template <class T>
class ChanState final : public ChanBase {
 public:
  ChanState(std::size_t capacity, std::string_view name) : ChanBase(name, capacity), buf_(capacity) {}

  // The common buffered cases, inline and without virtual calls: the same steps and events as
  // send_erased()/recv_erased() take in those cases (a length counter; a length counter and the hand-off).
  // Return false, having done nothing, when the general path is needed.
  bool try_send(T& v) {
    if (!send_is_plain()) return false;
    std::size_t tail = tail_slot();
    buf_[tail] = std::move(v);
    pushed(tail, sched_->self());
    sched_->counter(id_, CounterKind::Length, static_cast<std::int64_t>(len()));
    return true;
  }
  bool try_recv(T& out) {
    if (!recv_is_plain()) return false;
    out = std::move(buf_[head_slot()]);
    GoroutineId from = popped();
    sched_->counter(id_, CounterKind::Length, static_cast<std::int64_t>(len()));
    sched_->emit(EventType::ChanMatch, from, id_, sched_->self(), 0);
    return true;
  }

 protected:
  void* slot(std::size_t i) override { return &buf_[i]; }
  void move_value(void* dst, void* src) override { *static_cast<T*>(dst) = std::move(*static_cast<T*>(src)); }
  void zero(void* dst) override { *static_cast<T*>(dst) = T{}; }

 private:
  std::vector<T> buf_;
};

template <class T>
class Channel {
 public:
  Channel() = default;  // the nil channel
  explicit Channel(std::size_t capacity, std::string_view name = {})
      : s_(std::make_shared<ChanState<T>>(capacity, name)) {}

  // send() delivers v: to a waiting receiver, into the buffer, or by waiting until one of those is possible.
  void send(T v, std::source_location loc = std::source_location::current()) {
    if (!s_) block_forever(WaitReason::ChanSendNilChan, loc);
    if (s_->try_send(v)) return;
    s_->send_erased(&v, loc);
  }
  // recv() takes the next value; T{} once the channel is closed and drained.
  T recv(std::source_location loc = std::source_location::current()) { return recv_ok(loc).first; }
  // recv_ok() also says whether the value came from a send (true) or from a closed channel (false).
  std::pair<T, bool> recv_ok(std::source_location loc = std::source_location::current()) {
    if (!s_) block_forever(WaitReason::ChanRecvNilChan, loc);
    std::pair<T, bool> r{T{}, false};
    r.second = s_->try_recv(r.first) || s_->recv_erased(&r.first, loc);
    return r;
  }
  void close(std::source_location loc = std::source_location::current()) {
    if (!s_) detail::sched("close").raise(Outcome::Panic, go_errors::kCloseOfNil, loc);
    s_->close_erased(loc);
  }

  std::size_t len() const { return s_ ? s_->len() : 0; }
  std::size_t cap() const { return s_ ? s_->cap() : 0; }
  bool is_nil() const { return !s_; }
  ObjectId id() const { return s_ ? s_->id() : kNoObject; }
  ChanBase* base() const { return s_.get(); }

 private:
  [[noreturn]] static void block_forever(WaitReason why, std::source_location loc) {
    detail::sched("channel operation").park(why, kNoObject, loc);
    throw ForcedUnwind{};  // only reached when the run is torn down
  }
  std::shared_ptr<ChanState<T>> s_;
};

}  // namespace interleave
