// fmt_sort.cpp — the order in which fmt prints a map's entries: Go 1.19's internal/fmtsort compare.
// Numbers and strings in their natural order (NaN first), false before true, pointers and channels by
// address, structs and arrays field by field, nil interfaces first. Interface keys of different dynamic
// types are ordered by type name here (Go orders them by the address of their type descriptor, which
// no program can rely on).
#include <cmath>

#include "lang/lib/fmt_printer.h"

namespace interleave::golib::detail {
namespace {

template <class T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

}  // namespace

int compare_keys(const FmtArg& a, const FmtArg& b) {
  // Keys of an interface-typed map may hold different dynamic types (and nil).
  if (a.kind == FmtKind::Nil || b.kind == FmtKind::Nil) {
    if (a.kind == FmtKind::Nil) return b.kind == FmtKind::Nil ? 0 : -1;
    return 1;
  }
  if (a.kind != b.kind || a.type != b.type) {
    const int c = three_way(a.type, b.type);
    return c != 0 ? c : three_way(a.kind, b.kind);
  }
  switch (a.kind) {
    case FmtKind::Int: return three_way(a.i, b.i);
    case FmtKind::Uint: return three_way(a.u, b.u);
    case FmtKind::String:
    case FmtKind::Bytes: return three_way(a.str, b.str);
    case FmtKind::Float:
      if (std::isnan(a.f)) return -1;  // no good answer if b is a NaN so don't bother checking
      if (std::isnan(b.f)) return 1;
      return three_way(a.f, b.f);
    case FmtKind::Bool: return three_way(a.b, b.b);
    case FmtKind::Pointer:
    case FmtKind::UnsafePointer:
    case FmtKind::Chan:
    case FmtKind::Func: return three_way(a.u, b.u);
    case FmtKind::Struct:
    case FmtKind::Array: {
      if (a.host == nullptr || b.host == nullptr) return 0;
      const std::size_t n = a.host->length(a);
      for (std::size_t i = 0; i < n; ++i) {
        const int c = compare_keys(a.host->element(a, i), b.host->element(b, i));
        if (c != 0) return c;
      }
      return 0;
    }
    default: return 0;  // slices, maps: not valid map keys
  }
}

}  // namespace interleave::golib::detail
