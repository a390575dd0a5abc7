// types.h — Go's types as the checker and the interpreter see them.
//
// Types are immutable once built and interned by their structure, so two identical composite types are
// the same pointer (type identity is pointer equality). Named types are unique per declaration. The
// package-qualified spelling (main.MyInt) is what the runtime prints; the checker's messages use the
// unqualified one for the program's own types, as Go's compiler does.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace interleave::lang {

enum class Kind : std::uint8_t {
  Invalid,
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  String,
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedFloat,
  UntypedString,
  UntypedNil,
  Array,
  Slice,
  Struct,
  Pointer,
  Func,
  Interface,
  Map,
  Chan,
  Named,
  Tuple,
  Opaque,  // a library object (sync.Mutex's state, a timer): no Go-visible structure
};

struct Type;
struct FuncProto;

struct Field {
  std::string name;
  const Type* type = nullptr;
  bool embedded = false;
};

struct Method {
  std::string name;
  const Type* sig = nullptr;        // a Func type without the receiver
  const FuncProto* impl = nullptr;  // named types: the implementation (receiver is argument 0)
  bool ptr_recv = false;
};

struct Type {
  Kind kind = Kind::Invalid;
  std::string name;                          // Named: the name; Opaque: a description
  std::string pkg;                           // Named: "main", "time", "sync", ... ("" for predeclared error)
  const Type* under = nullptr;               // the underlying type (itself for unnamed types)
  const Type* elem = nullptr;                // Array, Slice, Pointer, Map (value), Chan
  const Type* key = nullptr;                 // Map
  std::int64_t len = 0;                      // Array
  int dir = 0;                               // Chan: 0 both, 1 send-only, 2 receive-only
  std::vector<Field> fields;                 // Struct
  std::vector<const Type*> params, results;  // Func; Tuple uses results
  bool variadic = false;
  std::vector<Method> methods;  // Interface: sorted by name; Named: declared methods
  int opaque_tag = 0;           // Opaque: which library object

  bool is_named() const { return kind == Kind::Named; }
};

inline const Type* under(const Type* t) { return t ? t->under : nullptr; }
inline Kind ukind(const Type* t) { return t && t->under ? t->under->kind : Kind::Invalid; }

bool is_integer(const Type* t);
bool is_unsigned(const Type* t);
bool is_float(const Type* t);
bool is_numeric(const Type* t);
bool is_string(const Type* t);
bool is_boolean(const Type* t);
bool is_untyped(const Type* t);
bool is_interface(const Type* t);
bool is_const_type(const Type* t);  // a basic type a constant may have
bool comparable(const Type* t);
int int_bits(const Type* t);  // 8..64; 64 for int/uint/uintptr

// Go's spelling: qualified "main.T" (runtime) or not "T" (compiler messages).
std::string type_string(const Type* t, bool qualified = false);

// Builds and interns types. One per compiled program; owns every type.
class TypeTable {
 public:
  TypeTable();
  const Type* basic(Kind k) const { return basics_[static_cast<int>(k)]; }
  const Type* slice(const Type* elem);
  const Type* array(const Type* elem, std::int64_t len);
  const Type* pointer(const Type* elem);
  const Type* map(const Type* key, const Type* val);
  const Type* chan(const Type* elem, int dir);
  const Type* func(std::vector<const Type*> params, std::vector<const Type*> results, bool variadic);
  const Type* tuple(std::vector<const Type*> results);
  const Type* structure(std::vector<Field> fields);
  const Type* interface(std::vector<Method> methods);
  const Type* opaque(std::string name, int tag);
  Type* named(std::string pkg, std::string name);  // its underlying type is set by the caller (set_under)
  void set_under(Type* named, const Type* u) { named->under = u->under; }
  const Type* error_type() const { return error_; }
  const Type* empty_interface() const { return any_; }
  const Type* byte_type() const { return basic(Kind::Uint8); }
  const Type* rune_type() const { return basic(Kind::Int32); }

 private:
  const Type* intern(Type t);
  std::deque<Type> store_;
  std::map<std::string, const Type*> by_key_;
  const Type* basics_[64] = {};
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
};

// Identity and assignability (the Go spec). `reason` explains a failure when useful.
bool identical(const Type* a, const Type* b);
// The method of `t` (its method set, or an interface's), following embedded fields; null if none.
// `ptr` says whether a value of *t is available (pointer methods are in *T's method set).
struct MethodLookup {
  const Method* method = nullptr;
  std::vector<int> path;       // embedded field indexes to reach the receiver
  const Type* recv = nullptr;  // the type that declares it
  bool indirect = false;       // the path goes through a pointer
};
MethodLookup find_method(const Type* t, const std::string& name);
// Field lookup through embedding: the path of field indexes, and the field's type.
struct FieldLookup {
  std::vector<int> path;
  std::vector<bool> deref;  // before step i, dereference a pointer
  const Type* type = nullptr;
  bool ambiguous = false;
};
FieldLookup find_field(const Type* t, const std::string& name);
// Does `t` implement interface `iface`? If not, `missing` is the first missing method name and `ptr_only`
// says whether it exists with a pointer receiver only.
bool implements(const Type* t, const Type* iface, std::string* missing = nullptr, bool* ptr_only = nullptr,
                bool* wrong_type = nullptr);

}  // namespace interleave::lang
