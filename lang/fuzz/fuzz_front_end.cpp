// fuzz_front_end.cpp — libFuzzer target for the Go front end: any bytes, compiled as a Go program (lexer,
// parser, type checker and the closure compiler; nothing runs), must give a program or diagnostics, never a
// crash, a hang or a sanitizer report. Every diagnostic is formatted too ("prog.go:6:14: ..."); one with a
// line has a column.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "lang/go_program.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  std::vector<interleave::lang::Diagnostic> errors;
  auto program = interleave::lang::GoProgram::compile("fuzz.go", source, &errors);
  if (!program && errors.empty()) std::abort();  // a rejected program must say why
  for (const auto& d : errors) {
    if (d.line < 0 || (d.line > 0 && d.col < 1) || d.message.empty()) std::abort();
    volatile std::size_t n = interleave::lang::format(d).size();
    (void)n;
  }
  if (program)
    for (const auto& p : program->params()) {
      // Overrides are checked by the front end's constant evaluator: feed it each parameter's own default.
      volatile bool bad = program->check_override(p.name, p.default_text).has_value();
      (void)bad;
    }
  return 0;
}
