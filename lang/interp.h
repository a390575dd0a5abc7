// interp.h — the pieces a compiled Go program runs on: frames, goroutine threads, panics, calls.
//
// The checker compiles each expression to an Eval closure and each statement to an Exec closure (see
// compiler.h); running a program is calling them. A Frame is one function activation: its slots (params,
// results, locals, temporaries), its closure (captured variables) and its goroutine's Thread. Every
// goroutine has a Thread that keeps the Go call stack (function and current line of each frame), for
// panics and goroutine dumps in Go's format.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/types.h"
#include "lang/value.h"
#include "runtime/rng.h"
#include "runtime/source_site.h"
#include "runtime/types.h"

namespace interleave {
class Scheduler;
class ChanBase;
}  // namespace interleave

namespace interleave::lang {

struct Thread;
struct Frame;
struct FuncObj;
struct VarInfo;
struct RunState;

enum class Ctl : std::uint8_t { Next, Break, Continue, Return, Fallthrough };

using Eval = std::function<Value(Frame&)>;
using Exec = std::function<Ctl(Frame&)>;
using NativeFn = void (*)(Thread& th, Value* slots);

// A function's code and layout. Immutable after compiling; shared by every run.
struct FuncProto {
  std::string name;            // Go's runtime name: main.worker, main.main.func1, main.(*T).M, sync.(*WaitGroup).Wait
  const Type* type = nullptr;  // the signature (receiver excluded)
  int nparams = 0;             // slots 0..nparams-1 (a method's receiver is slot 0)
  int nslots = 0;
  std::vector<int> result_slots;
  std::vector<char> result_boxed;  // a result variable that escaped lives in a box
  std::vector<int> boxed_params;   // params that escape: boxed on entry
  std::vector<const Type*> result_types;
  Exec body;
  NativeFn native = nullptr;
  bool has_defer = false;
  int line = 0;
  // captured variables: where the closure takes each of its boxes from, in the enclosing frame
  struct Capture {
    bool from_caps;  // from the enclosing function's own captures (else its slot)
    int index;
  };
  std::vector<Capture> captures;
  // For the GUI's variables pane: the function's named locals (parameters included) and, by capture index,
  // the enclosing functions' variables a closure uses.
  std::vector<const VarInfo*> locals;
  std::vector<const VarInfo*> captured;
};

struct FuncObj final : Obj {
  const FuncProto* proto = nullptr;
  std::vector<Value> caps;  // boxes (Cells of one)
  Value recv;               // a method value's bound receiver
  bool bound = false;
  std::function<void(Thread&, Value*)> native_closure;  // library-made closures (e.g. context cancel funcs)
};

// Go's map: insertion-ordered storage with a hash index on an encoded key. Iteration starts at a random
// offset per range loop, as Go's does.
struct MapObj final : Obj {
  struct Entry {
    Value key, val;
    bool live = true;
  };
  std::unordered_map<std::string, std::size_t> index;
  std::vector<Entry> entries;
  std::size_t live = 0;
  int iterating = 0;
};

struct ChanObj;  // wraps interleave::Channel<Value> (lang/lib_runtime.h)

// Go's `panic`: a value plus the texts Go prints for it.
struct GoPanic {
  Value v;
  const Type* type = nullptr;  // the panic value's dynamic type
  std::string message;         // after "panic: " (including the [recovered] chain)
  std::string trace;           // the goroutine's frames at the panic, in Go's format
  bool sigsegv = false;        // a nil dereference (Go adds a [signal SIGSEGV...] line)
  bool recovered = false;
  bool goexit = false;  // runtime.Goexit
};

// Go's fatal errors that are not panics ("fatal error: ...", not recoverable).
struct GoFatal {
  std::string message;
  std::string trace;  // the goroutine's frames where it happened
};

struct FrameRec {
  const FuncProto* proto;
  int line;
  Value* slots = nullptr;       // the frame's variables (for the GUI's variables pane)
  const FuncObj* fo = nullptr;  // the closure, whose captures it uses
};

// One goroutine's interpreter state.
struct Thread {
  RunState* run = nullptr;
  GoroutineId id = kNoGoroutine;
  std::vector<FrameRec> stack;
  std::string created_by;  // "main.main"
  int created_line = 0;
  Value* switch_tag = nullptr;        // the tag of the switch whose cases are being compared
  std::vector<GoPanic*> panics;       // panics in progress, innermost last
  std::size_t recover_depth = 0;      // a deferred call at this stack depth may recover
  Cells* globals = nullptr;           // the package-level variables of this run
  const char* stack_limit = nullptr;  // below this address the C++ stack is nearly exhausted
  int go_id() const;                  // Go's goroutine number (1 for main, then 17, 18, ... as Go 1.19 numbers them)
  void set_line(int line) {
    if (!stack.empty()) stack.back().line = line;
  }
};

struct Frame {
  Value* s;
  const FuncObj* fn;
  Thread* th;
  std::vector<std::pair<Value, std::vector<Value>>>* defers = nullptr;
  const void* label = nullptr;  // a labeled break/continue's target
};

// Calls a function: slots[0..nparams) hold the arguments; results are left in the result slots.
void invoke(Thread& th, const FuncProto* p, const FuncObj* fo, Value* slots);
// Calls a function value with arguments; returns its results.
std::vector<Value> call_value(Thread& th, const Value& fn, std::vector<Value> args);
// Throws a Go panic (runtime errors: "runtime error: ..."); `line` is where it happens.
[[noreturn]] void throw_panic(Thread& th, int line, Value v, const Type* type);
[[noreturn]] void runtime_panic(Thread& th, int line, const std::string& msg, bool sigsegv = false);
[[noreturn]] void plain_panic(Thread& th, int line, const std::string& msg);  // e.g. "send on closed channel"
// The goroutine's frames in Go's format ("main.f(...)\n\t/path/prog.go:12 +0x1d\n...").
std::string go_traceback(const Thread& th);

// Copies a value of type t with Go's value semantics (structs and arrays are copied, deeply through
// nested structs and arrays).
Value copy_value(const Type* t, const Value& v);
Value zero_value(const Type* t);
// The zero value of a variable called `name`: the sync values in it are named after it ("wg", "c.mu").
Value zero_value_named(const Type* t, const std::string& name);
// Whether a type's zero value holds sync values (Mutex, WaitGroup...), so naming them matters.
bool holds_sync_values(const Type* t);
// Map keys: an encoding of the key's value, equal exactly when the keys are ==.
std::string map_key(const Type* t, const Value& v);
bool values_equal(const Type* t, const Value& a, const Value& b);

}  // namespace interleave::lang
