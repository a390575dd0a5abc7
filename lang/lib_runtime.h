// lib_runtime.h — run-time operations the compiled closures call: channels and select on the runtime's
// own Channel, slices, maps, interface method dispatch, goroutine start, output writes.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/interp.h"
#include "runtime/channel.h"

namespace interleave::lang {

// A Go channel: the runtime's Channel of Values (so traces, dumps and the wait-for graph see it).
struct ChanObj final : Obj {
  Channel<Value> ch;
  const Type* elem;
  bool timer = false;  // a time.Timer's or Ticker's channel: holds one pending tick, but len and cap say 0
  ChanObj(std::size_t cap, const Type* e, std::string_view name) : ch(cap, name), elem(e) {}
};

// `name`: the variable the channel is first assigned to ("jobs"); "" names it by its line ("chan 12").
Value make_chan(Thread& th, const Type* chan_type, std::int64_t cap, int line, const std::string& name = {});
Value chan_recv(Thread& th, const Value& ch, const SourceSite* site, bool* ok);
void chan_send(Thread& th, const Value& ch, Value v, const SourceSite* site);
void chan_close(Thread& th, const Value& ch, const SourceSite* site);

// One case of a select statement, as compiled.
struct SelectArm {
  bool is_send = false;
  bool is_default = false;
};
// Runs a select over the evaluated channels; returns the chosen case (-1: default) and the received
// value / ok flag for a receive.
int run_select(Thread& th, const std::vector<SelectArm>& arms, std::vector<Value>& chans, std::vector<Value>& sends,
               Value* received, bool* ok, const SourceSite* site);

// Slices
Value make_slice_of(std::vector<Value> elems);
Value make_slice(const Type* elem, std::int64_t len, std::int64_t cap);
Value slice_append(const Value& s, const Value* vs, std::size_t n);
std::int64_t slice_len(const Value& s);

// Maps
Value map_get(const Type* mt, const Value& m, const Value& key, bool* found);
void map_set(Thread& th, const Type* mt, const Value& m, const Value& key, Value v, int line);
void map_delete(const Type* mt, const Value& m, const Value& key);
Value make_map();

// Interface method dispatch: a cache per call site from the dynamic type to the method.
struct IfaceEntry {
  const FuncProto* proto = nullptr;
  std::vector<int> path;
  bool ptr_recv = false;
  const Type* recv_type = nullptr;
};
using IfaceCache = std::unordered_map<const Type*, IfaceEntry>;
Value iface_receiver(const Value& v, const std::string& name, IfaceCache& cache, const FuncProto** proto);
Value bind_iface_method(const Value& v, const std::string& name);

// Output: every write is recorded (time, goroutine) and is a scheduling point.
void write_output(Thread& th, bool to_stderr, const std::string& text, int line);

// interleave.Watch: at each scheduling point, a watched variable whose value changed gets a counter event.
void watch_point(Thread& th);  // lib_interleave.cpp

// `go f(args)`: starts a goroutine that calls fn with the given argument slots.
void start_goroutine(Thread& th, const FuncProto* p, Value fn, std::vector<Value> slots, int line);

}  // namespace interleave::lang

namespace interleave::lang {

// Errors the runtime makes: runtime.Error values ("runtime error: ...") and plain errors.
Value make_runtime_error(const std::string& text);
Value make_plain_error(const std::string& text);
Value make_error_value(const std::string& text);  // errors.New
// A library object's zero value (sync.Mutex, sync.WaitGroup, ...), by its opaque tag.
// A sync value's object; `name` as for make_chan ("" gives the type's name, "sync.Mutex").
Value make_opaque(int tag, const std::string& name = {});
Value do_recover(Thread& th);
[[noreturn]] void plain_panic_error(Thread& th, int line, const std::string& msg);
std::string panic_value_text(Thread& th, const Value& v, const Type* t);
std::string utf8_encode(std::uint32_t c);
std::uint32_t utf8_decode(const std::string& s, std::size_t& i);
std::string builtin_print_text(const Type* t, const Value& v);
std::size_t map_iter_start(Thread& th, std::size_t n);
void preempt_check(Thread& th);
// Calls a method by name on an interface value (e.g. Error, String) from the library.
bool call_method(Thread& th, const Value& v, const std::string& name, Value* result);

}  // namespace interleave::lang
