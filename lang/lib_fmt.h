// lib_fmt.h — fmt's printing over interpreter values (the golib engine behind an FmtHost).
#pragma once

#include <string>

#include "lang/interp.h"

namespace interleave::lang {

enum class FmtMode { Print, Println, Printf, Errorf };
// Formats the operands in `args` (a []interface{} slice value) as fmt.Sprint / Sprintln / Sprintf do.
std::string fmt_sprint(Thread& th, const Value& args, FmtMode mode, const std::string& format = {});
// fmt.Errorf's text, and which argument its %w wrapped (-1: none).
std::string fmt_errorf(Thread& th, const Value& args, const std::string& format, int* wrapped);
// One value as %v.
std::string fmt_value(Thread& th, const Type* t, const Value& v);
// A stable, per-run fake address for an object (Go prints addresses; a run must stay deterministic).
std::uint64_t fake_address(Thread& th, const Obj* o, std::int64_t index);

}  // namespace interleave::lang
