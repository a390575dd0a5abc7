// fiber_switch.h — switch_to(): suspend the current execution and resume another. Private to the runtime:
// included by fiber.cpp and scheduler.cpp only, the one place in Interleave where Boost.Context's jump is
// called. Inline, because it is on the path of every goroutine switch.
#pragma once

#include <boost/context/detail/fcontext.hpp>

#include "runtime/fiber.h"

#if defined(__SANITIZE_ADDRESS__)
#define INTERLEAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INTERLEAVE_ASAN 1
#endif
#endif

namespace interleave {

// Suspends the current execution and resumes `to`, passing `data`. Returns when something switches back.
// `to_stack` describes the stack being switched to (null: the scheduler's own thread stack) and
// `exiting` says the current execution will never be resumed; both are for AddressSanitizer only.
#if INTERLEAVE_ASAN
Transfer switch_to(Context to, void* data, const Stack* to_stack, bool exiting);  // fiber.cpp: annotated
#else
inline Transfer switch_to(Context to, void* data, const Stack* /*to_stack*/, bool /*exiting*/) {
  namespace ctx = boost::context::detail;
  ctx::transfer_t t = ctx::jump_fcontext(static_cast<ctx::fcontext_t>(to), data);
  return Transfer{t.fctx, t.data};
}
#endif

}  // namespace interleave
