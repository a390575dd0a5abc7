// golib_fmt_test.cpp — lang/lib/fmt.h replayed against Go 1.19's own output (tests/lang/golib-probes/fmt.go).
//
// Each probe line describes the operands as Go's reflect saw them (kind, type string, payload, children,
// and what their Error()/String() methods returned); a small FmtHost over that description plays the
// interpreter's part, so composites, methods and panics inside methods go through the real engine.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/lib/fmt.h"
#include "tests/unit/golib_probes.h"

namespace gl = interleave::golib;
using gl::FmtArg;
using gl::FmtKind;
using interleave::golib::testing::hex_field;
using interleave::golib::testing::probe_lines;

namespace {

std::string from_hex(const std::string& h) { return interleave::golib::testing::unhex("x" + h); }

// One value as the probe described it, owning its strings.
struct Node {
  FmtKind kind = FmtKind::Nil;
  std::string type, s;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double f = 0;
  int bits = 64;
  bool nil = false;
  struct Method {
    bool present = false, panics = false;
    std::string text;
    std::unique_ptr<Node> panic_value;
  } err, str, gostr;
  std::vector<std::string> names;
  std::vector<std::unique_ptr<Node>> kids, keys, vals;
  std::unique_ptr<Node> elem;
};

std::unique_ptr<Node> parse_node(const nlohmann::json& j);

Node::Method parse_method(const nlohmann::json& j) {
  Node::Method m;
  m.present = true;
  if (j.contains("panic")) {
    m.panics = true;
    m.panic_value = parse_node(j["panic"]);
  } else {
    m.text = from_hex(j["text"]);
  }
  return m;
}

std::unique_ptr<Node> parse_node(const nlohmann::json& j) {
  auto n = std::make_unique<Node>();
  static const std::map<std::string, FmtKind> kinds = {
      {"nil", FmtKind::Nil},     {"bool", FmtKind::Bool},     {"int", FmtKind::Int},     {"uint", FmtKind::Uint},
      {"float", FmtKind::Float}, {"string", FmtKind::String}, {"bytes", FmtKind::Bytes}, {"slice", FmtKind::Slice},
      {"array", FmtKind::Array}, {"struct", FmtKind::Struct}, {"map", FmtKind::Map},     {"ptr", FmtKind::Pointer},
      {"chan", FmtKind::Chan},   {"func", FmtKind::Func}};
  n->kind = kinds.at(j.at("k").get<std::string>());
  if (j.contains("t")) n->type = j["t"];
  if (j.contains("b")) n->u = j["b"].get<bool>();
  if (j.contains("i")) n->i = std::stoll(j["i"].get<std::string>());
  if (j.contains("u")) n->u = std::stoull(j["u"].get<std::string>());
  if (j.contains("f")) {
    const std::uint64_t bits = std::stoull(j["f"].get<std::string>(), nullptr, 16);
    std::memcpy(&n->f, &bits, sizeof bits);
  }
  if (j.contains("bits")) n->bits = j["bits"];
  if (j.contains("s")) n->s = from_hex(j["s"]);
  if (j.contains("nil")) n->nil = j["nil"];
  if (j.contains("err")) n->err = parse_method(j["err"]);
  if (j.contains("str")) n->str = parse_method(j["str"]);
  if (j.contains("gostr")) n->gostr = parse_method(j["gostr"]);
  if (j.contains("names") && !j["names"].is_null()) n->names = j["names"].get<std::vector<std::string>>();
  for (const char* field : {"kids", "keys", "vals"}) {
    if (!j.contains(field) || j[field].is_null()) continue;
    auto& list = field[0] == 'k' ? (field[1] == 'i' ? n->kids : n->keys) : n->vals;
    for (const auto& c : j[field]) list.push_back(parse_node(c));
  }
  if (j.contains("elem")) n->elem = parse_node(j["elem"]);
  return n;
}

// The interpreter's part, played over Nodes.
class NodeHost final : public gl::FmtHost {
 public:
  FmtArg arg(const Node& n) const {
    FmtArg a = FmtArg::of_host(n.kind, n.type, this, &n);
    switch (n.kind) {
      case FmtKind::Bool: a.b = n.u != 0; break;
      case FmtKind::Int: a.i = n.i; break;
      case FmtKind::Float:
        a.f = n.f;
        a.float_bits = static_cast<std::uint8_t>(n.bits);
        break;
      case FmtKind::String: case FmtKind::Bytes:
        a.str = n.s;
        a.u = n.u;
        break;
      default: a.u = n.u;
    }
    a.is_nil = n.nil;
    a.has_error = n.err.present;
    a.has_string = n.str.present;
    a.has_gostring = n.gostr.present;
    return a;
  }
  static const Node& node(const FmtArg& v) { return *static_cast<const Node*>(v.ref); }
  std::size_t length(const FmtArg& v) const override {
    const Node& n = node(v);
    return n.kind == FmtKind::Map ? n.keys.size() : n.kids.size();
  }
  FmtArg element(const FmtArg& v, std::size_t i) const override { return arg(*node(v).kids.at(i)); }
  std::string_view field_name(const FmtArg& v, std::size_t i) const override { return node(v).names.at(i); }
  FmtArg map_key(const FmtArg& v, std::size_t i) const override { return arg(*node(v).keys.at(i)); }
  FmtArg map_value(const FmtArg& v, std::size_t i) const override { return arg(*node(v).vals.at(i)); }
  FmtArg pointee(const FmtArg& v) const override {
    const Node& n = node(v);
    REQUIRE(n.elem != nullptr);
    return arg(*n.elem);
  }
  gl::FmtMethodResult call_method(const FmtArg& v, gl::FmtMethod m) const override {
    const Node& n = node(v);
    const Node::Method& method = m == gl::FmtMethod::Error ? n.err : m == gl::FmtMethod::String ? n.str : n.gostr;
    REQUIRE(method.present);
    gl::FmtMethodResult r;
    if (method.panics) {
      r.panicked = true;
      r.panic_value = arg(*method.panic_value);
    } else {
      r.text = method.text;
    }
    return r;
  }
};

}  // namespace

TEST_CASE("fmt: every probe line prints exactly what Go 1.19 printed") {
  const auto lines = probe_lines("fmt.out");
  REQUIRE(lines.size() > 7000);
  NodeHost host;
  int failures = 0;
  std::map<std::string, int> counted;
  for (const auto& line : lines) {
    const auto j = nlohmann::json::parse(line);
    std::vector<std::unique_ptr<Node>> nodes;
    std::vector<FmtArg> args;
    if (!j["args"].is_null()) {
      for (const auto& a : j["args"]) nodes.push_back(parse_node(a));
    }
    for (const auto& n : nodes) args.push_back(host.arg(*n));
    const std::string fn = j["fn"], format = from_hex(j["f"]), want = from_hex(j["out"]);
    std::string got;
    int wrapped = -1;
    if (fn == "printf") {
      got = gl::sprintf(format, args);
    } else if (fn == "print") {
      got = gl::sprint(args);
    } else if (fn == "println") {
      got = gl::sprintln(args);
    } else {
      const auto e = gl::errorf(format, args);
      got = e.text;
      wrapped = e.wrapped;
      CHECK_MESSAGE(wrapped == j["wrapped"].get<int>(), format);
    }
    ++counted[fn];
    if (got != want && ++failures <= 60) {
      FAIL_CHECK(fn << " " << format << " " << j["args"].dump() << "\n  want: " << want << "\n  got:  " << got);
    }
  }
  CHECK(failures == 0);
  CHECK(counted["printf"] > 7000);
  CHECK(counted["errorf"] >= 9);
}

TEST_CASE("fmt: the common cases, spelled out") {
  const FmtArg hi = FmtArg::of_string("hi"), n42 = FmtArg::of_int(42), f = FmtArg::of_float(1e21);
  CHECK(gl::sprintf("%s=%5d|%-4d|%x", std::vector{hi, n42, n42, n42}) == "hi=   42|42  |2a");
  CHECK(gl::sprintf("%d", std::vector{hi}) == "%!d(string=hi)");
  CHECK(gl::sprintf("%d %d", std::vector{n42}) == "42 %!d(MISSING)");
  CHECK(gl::sprintf("%d", std::vector{n42, FmtArg::of_int(1), hi}) == "42%!(EXTRA int=1, string=hi)");
  CHECK(gl::sprintf("%v %v %v", std::vector{f, FmtArg::of_float(1e20), FmtArg::of_float(123456789.0)}) ==
        "1e+21 1e+20 1.23456789e+08");
  CHECK(gl::sprintf("%q %x % X", std::vector{FmtArg::of_string("a\tb"), hi, hi}) == "\"a\\tb\" 6869 68 69");
  CHECK(gl::sprint(std::vector{n42, n42, hi, n42}) == "42 42hi42");
  CHECK(gl::sprintln(std::vector{n42, hi}) == "42 hi\n");
  CHECK(gl::sprintf("%", std::vector<FmtArg>{}) == "%!(NOVERB)");
  CHECK(gl::sprintf("%!", std::vector<FmtArg>{}) == "%!!(MISSING)");
  CHECK(gl::sprintf("%*d", std::vector{hi, n42}) == "%!(BADWIDTH)42");
  CHECK(gl::sprintf("%.*d", std::vector{hi, n42}) == "%!(BADPREC)42");
  CHECK(gl::sprintf("%[3]d", std::vector{n42}) == "%!d(BADINDEX)");
  CHECK(gl::sprintf("%T %v", std::vector{FmtArg::nil(), FmtArg::nil()}) == "<nil> <nil>");
}
