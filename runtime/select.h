// select.h — wait on several channel operations at once (Go's select statement).
//
//   int v = 0; bool ok = false;
//   switch (interleave::select({interleave::recv_case(in, v, ok),     // case 0
//                               interleave::send_case(out, result),   // case 1
//                               interleave::default_case()})) {       // -1 if nothing is ready
//     case 0: ...; break;
//     case 1: ...; break;
//     default: ...;
//   }
//
// If several cases are ready, which one is taken is a decision of the scheduling policy (Go picks at
// random; the fifo policy takes the first). With no ready case and no default, the goroutine parks (wait
// reason "select") on every channel at once until one case can proceed; `select({})` with no cases parks
// forever ("select (no cases)"). A case on a nil channel is never ready.
#pragma once

#include <initializer_list>
#include <source_location>
#include <span>

#include "runtime/channel.h"

namespace interleave {

struct SelectCase {
  ChanBase* ch = nullptr;  // null: a nil channel (never ready)
  bool is_send = false;
  bool is_default = false;
  void* data = nullptr;  // send: the value; receive: where to store it (may be a scratch slot)
  bool* ok = nullptr;    // receive: set to false when the channel is closed
};

// Shared between the cases of one blocked select.
struct SelectState {
  int chosen = -1;
  std::span<Waiter> waiters;
};

template <class T>
SelectCase recv_case(Channel<T>& ch, T& out, bool& ok) {
  return SelectCase{ch.base(), false, false, &out, &ok};
}
template <class T>
SelectCase recv_case(Channel<T>& ch, T& out) {
  return SelectCase{ch.base(), false, false, &out, nullptr};
}
// The value is sent from `value` (moved from if this case is chosen); it must outlive the select call,
// which a temporary argument does.
template <class T>
SelectCase send_case(Channel<T>& ch, T&& value) {
  return SelectCase{ch.base(), true, false, &value, nullptr};
}
template <class T>
SelectCase send_case(Channel<T>& ch, T& value) {
  return SelectCase{ch.base(), true, false, &value, nullptr};
}
inline SelectCase default_case() { return SelectCase{nullptr, false, true, nullptr, nullptr}; }

// Runs the select; returns the index of the case taken (not counting the default), or -1 for the default.
int select(std::span<const SelectCase> cases, std::source_location loc = std::source_location::current());
inline int select(std::initializer_list<SelectCase> cases, std::source_location loc = std::source_location::current()) {
  return select(std::span<const SelectCase>(cases.begin(), cases.size()), loc);
}

}  // namespace interleave
