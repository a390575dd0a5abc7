// fiber_switch.h — switch_to(): suspend the current execution and resume another. Private to the runtime:
// included by fiber.cpp and scheduler.cpp only, the one place in Interleave where a context jump is made.
// Inline, because it is on the path of every goroutine switch.
//
// On x86-64 Linux the jump is our own (interleave_jump, fiber.cpp): Boost.Context's jump_fcontext with the
// same frame layout, so it resumes contexts made by make_fcontext, but without saving and reloading the
// SSE and x87 control words (MXCSR, FPU control word) at every switch. Reloading them (ldmxcsr, fldcw)
// took more than half of a raw switch. Goroutines therefore share the floating-point rounding mode and
// exception masks of the thread, as Go's goroutines do: a goroutine must not change them (fesetround).
// Elsewhere, and under AddressSanitizer, Boost's jump_fcontext is called.
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

#if defined(__x86_64__) && defined(__linux__) && !INTERLEAVE_ASAN
#define INTERLEAVE_OWN_JUMP 1
extern "C" boost::context::detail::transfer_t interleave_jump(boost::context::detail::fcontext_t to, void* data);
#else
#define INTERLEAVE_OWN_JUMP 0
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
#if INTERLEAVE_OWN_JUMP
  ctx::transfer_t t = interleave_jump(static_cast<ctx::fcontext_t>(to), data);
#else
  ctx::transfer_t t = ctx::jump_fcontext(static_cast<ctx::fcontext_t>(to), data);
#endif
  return Transfer{t.fctx, t.data};
}
#endif

}  // namespace interleave
