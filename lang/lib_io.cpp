// lib_io.cpp — bytes.Buffer (an io.Writer for fmt.Fprint*) and runtime/trace (Start and Stop do nothing:
// Interleave records every run's trace itself).
#include "lang/compiler.h"
#include "lang/lib_pkg.h"
#include "lang/lib_runtime.h"
#include "lang/lower.h"
#include "lang/run_state.h"

namespace interleave::lang {

void write_to(Thread& th, const Value& w, const std::string& text);  // lib_install.cpp

namespace {

std::string text_of_bytes(const Value& b) {
  std::string text;
  if (!b.r) return text;
  auto* so = b.as<SliceObj>();
  for (std::int64_t i = 0; i < so->len; ++i) text += static_cast<char>(so->at(i).i);
  return text;
}

Value& buffer_text(const Value& recv) { return deref(recv).as<Cells>()->v[0]; }

void append_text(const Value& recv, const std::string& text) {
  Value& sv = buffer_text(recv);
  sv = make_string(str_of(sv) + text);
}

}  // namespace

namespace libdetail {

void install_bytes(Pkg& p) {
  p.c.install_package("io", "io", Pos{});
  TypeTable& T = p.T();
  const Type* I = T.basic(Kind::Int);
  const Type* I64 = T.basic(Kind::Int64);
  const Type* S = T.basic(Kind::String);
  const Type* E = T.error_type();
  const Type* bytes = T.slice(T.byte_type());
  const Type* writer = p.c.packages["io"]["Writer"]->type;
  Type* buf = T.named("bytes", "Buffer");
  buf->under = T.structure({Field{"s", S, false}});
  p.type("Buffer", buf);
  p.c.out.lib.buffer_ptr = T.pointer(buf);
  p.method(
      buf, "Write", p.fn({bytes}, {I, E}),
      +[](Thread&, Value* s) {
        std::string t = text_of_bytes(s[1]);
        append_text(s[0], t);
        s[2] = Value::of_int(static_cast<std::int64_t>(t.size()));
      },
      true);
  p.method(
      buf, "WriteString", p.fn({S}, {I, E}),
      +[](Thread&, Value* s) {
        append_text(s[0], str_of(s[1]));
        s[2] = Value::of_int(static_cast<std::int64_t>(str_of(s[1]).size()));
      },
      true);
  p.method(
      buf, "WriteByte", p.fn({T.byte_type()}, {E}),
      +[](Thread&, Value* s) { append_text(s[0], std::string(1, static_cast<char>(s[1].i))); }, true);
  p.method(
      buf, "WriteRune", p.fn({T.rune_type()}, {I, E}),
      +[](Thread&, Value* s) {
        std::string t = utf8_encode(static_cast<std::uint32_t>(s[1].i));
        append_text(s[0], t);
        s[2] = Value::of_int(static_cast<std::int64_t>(t.size()));
      },
      true);
  p.method(
      buf, "String", p.fn({}, {S}),
      +[](Thread&, Value* s) {
        // Go: a nil *Buffer prints as "<nil>"
        s[1] = s[0].r ? make_string(str_of(buffer_text(s[0]))) : make_string("<nil>");
      },
      true);
  p.method(
      buf, "Len", p.fn({}, {I}),
      +[](Thread&, Value* s) { s[1] = Value::of_int(static_cast<std::int64_t>(str_of(buffer_text(s[0])).size())); },
      true);
  p.method(
      buf, "Reset", p.fn({}, {}), +[](Thread&, Value* s) { buffer_text(s[0]) = make_string(""); }, true);
  p.method(
      buf, "Bytes", p.fn({}, {bytes}),
      +[](Thread&, Value* s) {
        std::vector<Value> vs;
        for (unsigned char ch : str_of(buffer_text(s[0]))) vs.push_back(Value::of_int(ch));
        s[1] = make_slice_of(std::move(vs));
      },
      true);
  p.method(
      buf, "WriteTo", p.fn({writer}, {I64, E}),
      +[](Thread& th, Value* s) {
        std::string t = str_of(buffer_text(s[0]));
        buffer_text(s[0]) = make_string("");
        write_to(th, s[1], t);
        s[2] = Value::of_int(static_cast<std::int64_t>(t.size()));
      },
      true);
  p.func(
      "NewBufferString", p.fn({S}, {p.c.out.lib.buffer_ptr}), +[](Thread&, Value* s) {
        auto* st = new Cells(1);
        st->v[0] = s[0];
        auto* box = new Cells(1);
        box->v[0] = Value(st);
        s[1] = make_pointer(box, 0);
      });
}

void install_trace(Pkg& p) {
  p.c.install_package("io", "io", Pos{});
  const Type* writer = p.c.packages["io"]["Writer"]->type;
  p.func(
      "Start", p.fn({writer}, {p.T().error_type()}), +[](Thread&, Value* s) { s[1] = Value(); });
  p.func(
      "Stop", p.fn({}, {}), +[](Thread&, Value*) {});
}

}  // namespace libdetail

}  // namespace interleave::lang
