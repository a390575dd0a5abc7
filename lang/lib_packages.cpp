// lib_packages.cpp — the universe (predeclared names) and the library packages a program may import:
// fmt, time, sync, errors, strings, strconv, math, math/rand, runtime, os. Library functions are native
// FuncProtos: arguments in slots[0..], results after them.
#include <cmath>

#include "lang/compiler.h"
#include "lang/lib/rand.h"
#include "lang/lib/strconv.h"
#include "lang/lib_fmt.h"
#include "lang/lib_objects.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"
#include "runtime/policy.h"
#include "runtime/scheduler.h"

namespace interleave::lang {

namespace {

int caller_line(Thread& th) { return th.stack.empty() ? 0 : th.stack.back().line; }
const SourceSite* caller_site(Thread& th) {
  return th.run->program->compiled().site(caller_line(th), th.stack.empty() ? nullptr : th.stack.back().proto);
}
const CompiledProgram::Lib& lib(Thread& th) { return th.run->program->compiled().lib; }

// Library state per run (math/rand's global generator).
struct RandState final : Obj {
  golib::GoRand r;
};

}  // namespace

Value make_opaque(int tag, const std::string& name) {
  switch (tag) {
    case kMutex: return Value(name.empty() ? new MutexObj : new MutexObj(name));
    case kRWMutex: return Value(name.empty() ? new RWMutexObj : new RWMutexObj(name));
    case kWaitGroup: return Value(name.empty() ? new WaitGroupObj : new WaitGroupObj(name));
    case kOnce: return Value(new OnceObj);
    case kTimerState: return Value(new TimerState);
    default: return Value();
  }
}

// errors: an *errors.errorString holding the text
static const Type* g_dummy = nullptr;
Value make_error_value_typed(const Type* ptr_type, const std::string& text) {
  auto* s = new Cells(1);
  s->v[0] = make_string(text);
  auto* box = new Cells(1);
  box->v[0] = Value(s);
  Value p = make_pointer(box, 0);
  p.t = ptr_type;
  return p;
}

namespace {
thread_local const CompiledProgram* t_prog = nullptr;  // the program of the running goroutine (for errors)
}
void set_current_program(const CompiledProgram* p) { t_prog = p; }

Value make_error_value(const std::string& text) { return make_error_value_typed(t_prog->lib.error_string, text); }
Value make_plain_error(const std::string& text) { return make_error_value_typed(t_prog->lib.error_string, text); }
Value make_runtime_error(const std::string& text) { return make_error_value_typed(t_prog->lib.runtime_error, text); }

// --- Duration and Time texts ----------------------------------------------------------------------------

std::string duration_string(std::int64_t d) {
  // Go's time.Duration.String
  char buf[32];
  int w = sizeof buf;
  std::uint64_t u = static_cast<std::uint64_t>(d);
  bool neg = d < 0;
  if (neg) u = 0 - u;
  auto fmt_frac = [&](std::uint64_t v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      int digit = static_cast<int>(v % 10);
      print = print || digit != 0;
      if (print) buf[--w] = static_cast<char>('0' + digit);
      v /= 10;
    }
    if (print) buf[--w] = '.';
    return v;
  };
  auto fmt_int = [&](std::uint64_t v) {
    if (v == 0) {
      buf[--w] = '0';
    } else {
      while (v > 0) {
        buf[--w] = static_cast<char>('0' + v % 10);
        v /= 10;
      }
    }
  };
  if (u < 1000000000ull) {
    int prec = 0;
    buf[--w] = 's';
    --w;
    if (u == 0) return "0s";
    if (u < 1000ull) {
      prec = 0;
      buf[w] = 'n';
    } else if (u < 1000000ull) {
      prec = 3;
      --w;
      std::memcpy(&buf[w], "\xc2\xb5", 2);
    } else {
      prec = 6;
      buf[w] = 'm';
    }
    u = fmt_frac(u, prec);
    fmt_int(u);
  } else {
    buf[--w] = 's';
    u = fmt_frac(u, 9);
    fmt_int(u % 60);
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      fmt_int(u % 60);
      u /= 60;
      if (u > 0) {
        buf[--w] = 'h';
        fmt_int(u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return std::string(buf + w, buf + sizeof buf);
}

constexpr std::int64_t kEpochUnixNanos = 1257894000000000000LL;  // 2009-11-10 23:00:00 UTC

std::string time_string(std::int64_t unix_nanos, std::int64_t mono) {
  std::int64_t secs = unix_nanos / 1000000000LL;
  std::int64_t nanos = unix_nanos % 1000000000LL;
  std::int64_t days = secs / 86400, rem = secs % 86400;
  // civil from days (Howard Hinnant)
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  if (mm <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(y),
                static_cast<long long>(mm), static_cast<long long>(dd), static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  std::string s = buf;
  if (nanos) {
    char nb[16];
    std::snprintf(nb, sizeof nb, ".%09lld", static_cast<long long>(nanos));
    std::string ns = nb;
    while (ns.back() == '0') ns.pop_back();
    s += ns;
  }
  s += " +0000 UTC";
  if (mono >= 0) {
    char mb[48];
    std::snprintf(mb, sizeof mb, " m=+%lld.%09lld", static_cast<long long>(mono / 1000000000LL),
                  static_cast<long long>(mono % 1000000000LL));
    s += mb;
  }
  return s;
}

}  // namespace interleave::lang
