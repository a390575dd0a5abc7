// fmt.h — Go 1.19's fmt printing engine: Printf, Sprint and Sprintln with Go's exact output.
//
// The engine knows nothing about the interpreter's values. Each operand is an FmtArg: a kind (what
// reflect.Kind would say), Go's type string for %T and error texts, the scalar payload, and for
// composite values (structs, slices, arrays, maps, pointers) a FmtHost that the interpreter implements to
// let the engine walk into them, the way fmt walks values with reflect:
//
//   std::string out;
//   FmtArg args[] = {FmtArg::of_string("x"), FmtArg::of_int(42)};
//   append_printf(out, "%s=%5d\n", args);        // "x=   42\n"
//   append_println(out, args);                   // "x 42\n"
//
// Everything fmt does is reproduced, with Go's texts: flags `+-# 0`, width and precision (also `*` and
// explicit argument indexes `%[2]d`), every verb of the basic types, Error()/String() methods (called
// through the host; a panic inside prints `%!v(PANIC=String method: ...)`), %v of structs, slices, maps
// (keys sorted as Go's internal/fmtsort sorts them), pointers (`&{...}` at the top level, an address
// below), %+v field names, %#v Go syntax, and the mistakes: `%!d(string=hi)`, `%!v(MISSING)`,
// `%!(EXTRA int=1)`, `%!(NOVERB)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!d(BADINDEX)`.
// Not provided: complex numbers and user Format(fmt.State, rune) methods (outside the Go subset).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace interleave::golib {

// What kind of Go value an FmtArg holds (reflect.Kind, reduced to the Go subset).
enum class FmtKind : std::uint8_t {
  Nil,            // top level: a nil interface (untyped nil); inside a composite: a nil interface value
  Bool,           // payload .b
  Int,            // any signed integer type, named or not; payload .i
  Uint,           // any unsigned integer type incl. uintptr and byte; payload .u
  Float,          // float32 (bits 32) or float64; payload .f
  String,         // any string type; payload .str
  Bytes,          // a []byte or [N]byte (or named one): .str holds the bytes; .is_nil, and .u the address
  Pointer,        // payload .u is the address (0 for nil); the host gives the pointee
  Chan,           // payload .u is the address (0 for nil)
  Func,           // payload .u is the address (0 for nil)
  UnsafePointer,  // payload .u
  Slice,          // the host gives length and elements; .u is the address of the first element; .is_nil
  Array,          // the host gives length and elements
  Struct,         // the host gives fields (count, name, value)
  Map,            // the host gives entries; .is_nil for a nil map; .u is the map's address
};

class FmtHost;

// One operand of a print. Cheap to copy; the string views (payload and type) must stay valid while the
// print runs, so a host returns views of interned type names and of strings its values own.
struct FmtArg {
  FmtKind kind = FmtKind::Nil;
  std::uint8_t float_bits = 64;  // Float: 32 or 64
  // The methods of the value's dynamic type that fmt looks for. Go only sees them where reflect may call
  // Interface(): a host must clear them for values reached through unexported struct fields (Go prints
  // struct{d time.Duration}{time.Second} as {1000000000}) and for types whose methods have pointer
  // receivers when the value is not a pointer.
  bool has_error = false;     // Error() string
  bool has_string = false;    // String() string
  bool has_gostring = false;  // GoString() string (for %#v)
  bool is_nil = false;        // Slice, Map, Bytes: the nil slice or map
  union {
    bool b;
    std::int64_t i;
    std::uint64_t u;
    double f;
  };
  std::string_view str;           // String and Bytes payload
  std::string_view type;          // Go's type string: "int", "main.Celsius", "[]int", "*main.Node", "map[string]int"
  const FmtHost* host = nullptr;  // for composites and method calls
  const void* ref = nullptr;      // the interpreter's handle to the value, for the host
  std::uint64_t ref2 = 0;         // a second word for the host (an index, a type id, ...)

  FmtArg() : u(0) {}
  static FmtArg nil() { return FmtArg(); }
  static FmtArg of_bool(bool v, std::string_view type = "bool") {
    FmtArg a(FmtKind::Bool, type);
    a.b = v;
    return a;
  }
  static FmtArg of_int(std::int64_t v, std::string_view type = "int") {
    FmtArg a(FmtKind::Int, type);
    a.i = v;
    return a;
  }
  static FmtArg of_uint(std::uint64_t v, std::string_view type = "uint") {
    FmtArg a(FmtKind::Uint, type);
    a.u = v;
    return a;
  }
  static FmtArg of_float(double v, std::string_view type = "float64") {
    FmtArg a(FmtKind::Float, type);
    a.f = v;
    return a;
  }
  static FmtArg of_float32(float v, std::string_view type = "float32") {
    FmtArg a(FmtKind::Float, type);
    a.f = v;
    a.float_bits = 32;
    return a;
  }
  static FmtArg of_string(std::string_view v, std::string_view type = "string") {
    FmtArg a(FmtKind::String, type);
    a.str = v;
    return a;
  }
  static FmtArg of_bytes(std::string_view v, std::string_view type = "[]uint8", bool nil = false) {
    FmtArg a(FmtKind::Bytes, type);
    a.str = v;
    a.is_nil = nil;
    return a;
  }
  // A pointer, chan, func or unsafe pointer: only its address is printed (and a pointer's pointee, via
  // the host, at the top level).
  static FmtArg of_address(FmtKind kind, std::uint64_t address, std::string_view type) {
    FmtArg a(kind, type);
    a.u = address;
    return a;
  }
  // A composite (or any value with methods) the host resolves through `ref` / `ref2`.
  static FmtArg of_host(FmtKind kind, std::string_view type, const FmtHost* host, const void* ref,
                        std::uint64_t ref2 = 0) {
    FmtArg a(kind, type);
    a.host = host;
    a.ref = ref;
    a.ref2 = ref2;
    return a;
  }

 private:
  FmtArg(FmtKind k, std::string_view t) : kind(k), u(0), type(t) {}
};

// Which method fmt calls.
enum class FmtMethod : std::uint8_t { Error, String, GoString };

// What a method call did: returned a string, or panicked with a value.
struct FmtMethodResult {
  std::string text;
  bool panicked = false;
  FmtArg panic_value;  // printed with %v inside `%!v(PANIC=String method: ...)`
};

// Implemented by the interpreter: how the engine reads composite values and calls methods. Every call
// receives an FmtArg the host itself produced (or the interpreter passed in).
class FmtHost {
 public:
  virtual ~FmtHost() = default;
  // Slice, Array: the number of elements. Struct: the number of fields. Map: the number of entries.
  virtual std::size_t length(const FmtArg& v) const = 0;
  // Slice, Array: element i. Struct: field i, with a non-nil interface field replaced by its dynamic
  // value (Go's getField) and methods cleared for unexported fields (see FmtArg::has_error).
  virtual FmtArg element(const FmtArg& v, std::size_t i) const = 0;
  // Struct: field i's name (an embedded field's name is its type's name, e.g. "Mutex").
  virtual std::string_view field_name(const FmtArg& v, std::size_t i) const = 0;
  // Map: entry i's key and value, in any order (the engine sorts them as Go does).
  virtual FmtArg map_key(const FmtArg& v, std::size_t i) const = 0;
  virtual FmtArg map_value(const FmtArg& v, std::size_t i) const = 0;
  // Pointer (non-nil): the value it points to.
  virtual FmtArg pointee(const FmtArg& v) const = 0;
  // Calls v.Error(), v.String() or v.GoString() as the FmtArg's flags announced.
  virtual FmtMethodResult call_method(const FmtArg& v, FmtMethod m) const = 0;
};

// fmt.Sprintf / Printf: appends the formatted text to `out`.
void append_printf(std::string& out, std::string_view format, std::span<const FmtArg> args);
// fmt.Sprint / Print: a space between operands when neither is a string.
void append_print(std::string& out, std::span<const FmtArg> args);
// fmt.Sprintln / Println: a space between all operands, and a newline.
void append_println(std::string& out, std::span<const FmtArg> args);

inline std::string sprintf(std::string_view format, std::span<const FmtArg> args) {
  std::string s;
  append_printf(s, format, args);
  return s;
}
inline std::string sprint(std::span<const FmtArg> args) {
  std::string s;
  append_print(s, args);
  return s;
}
inline std::string sprintln(std::span<const FmtArg> args) {
  std::string s;
  append_println(s, args);
  return s;
}

// fmt.Errorf's text: as Sprintf, but `%w` accepts one error operand (printed as %v). `wrapped` is the
// index of that operand, or -1 (no %w, a second %w, or a %w of a non-error: those print `%!w(...)`).
struct ErrorfText {
  std::string text;
  int wrapped = -1;
};
ErrorfText errorf(std::string_view format, std::span<const FmtArg> args);

}  // namespace interleave::golib
