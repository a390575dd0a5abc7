// stack_guard.h — turns a goroutine's stack overflow into Go's "fatal error: stack overflow", never a bare
// SIGSEGV. A guard-page hit arrives as SIGSEGV, handled on an alternate signal stack (the faulting stack is
// exhausted); a damaged sentinel is found at the next switch. Either way the run cannot go on safely (the
// memory below the stack may be corrupt), so the process prints the message and exits with status 2, as
// Go does.
#pragma once

#include "runtime/types.h"

namespace interleave::stack_guard {

// Installs the SIGSEGV handler once per process (not under AddressSanitizer, which reports overflows itself).
void install();

// Reports an overflow of goroutine `id` and exits the process with status 2.
[[noreturn]] void overflow(const char* name, GoroutineId id);

}  // namespace interleave::stack_guard
