// parser.cpp — a recursive-descent parser for Go (the grammar of the Go spec), stopping at the first
// syntax error with Go's wording. Depth is limited, so hostile input cannot overflow the stack.
#include <stdexcept>

#include "lang/ast.h"
#include "lang/parser_impl.h"

namespace interleave::lang {

using parser_detail::Parser;
using parser_detail::Stop;

void parse(const std::string& src, Ast& ast, std::vector<SyntaxError>& errors) {
  std::vector<LexError> lex_errors;
  std::vector<Token> toks = lex(src, lex_errors);
  if (!lex_errors.empty()) {
    for (auto& e : lex_errors) errors.push_back(SyntaxError{e.pos, e.message});
    return;
  }
  Parser ps{std::move(toks), 0, ast, errors};
  try {
    ast.root = ps.file();
  } catch (const Stop&) {
    ast.root = nullptr;
  }
}

}  // namespace interleave::lang
