// interleave.h — everything a pattern needs: goroutines, the primitives and select.
#pragma once

#include "runtime/barrier.h"
#include "runtime/channel.h"
#include "runtime/condvar.h"
#include "runtime/mutex.h"
#include "runtime/once.h"
#include "runtime/rwmutex.h"
#include "runtime/scheduler.h"
#include "runtime/select.h"
#include "runtime/semaphore.h"
#include "runtime/trace.h"
#include "runtime/waitgroup.h"
