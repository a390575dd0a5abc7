// ast.h — the syntax tree of a Go file, as the parser builds it and the checker reads it.
//
// One Node type with a kind and a few generic slots keeps the parser and the checker small; the comment
// on each kind says which slots it uses. Every node has the position of its first token (1-based line
// and byte column, as Go's compiler reports them). Nodes are owned by the Ast's arena.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "lang/lexer.h"

namespace interleave::lang {

enum class NK : std::uint8_t {
  // expressions
  Ident,         // text
  BasicLit,      // tok (Int, Float, Imag, Char, String), token
  CompositeLit,  // a: type (null inside an outer literal), list: elements (KeyValue or expressions)
  KeyValue,      // a: key, b: value
  FuncLit,       // a: FuncType, b: body
  Paren,         // a
  Selector,      // a: x, text: selected name, pos2: the name's position
  Index,         // a: x, b: index
  SliceExpr,     // a: x, b: low, c: high, d: max (each may be null); flag: 3-index
  TypeAssert,    // a: x, b: type (null for .(type))
  Call,          // a: function, list: args, flag: ... after the last argument
  Star,          // a: *x (a dereference or a pointer type)
  Unary,         // op, a
  Binary,        // op, a, b
  // types
  ArrayType,      // a: length (null: slice; Ellipsis node: [...]T), b: element
  MapType,        // a: key, b: value
  ChanType,       // dir (0 both, 1 send-only, 2 receive-only), a: element
  FuncType,       // list: params (Field), list2: results (Field)
  StructType,     // list: Field
  InterfaceType,  // list: Field (a method: names + FuncType; embedded: a only)
  Ellipsis,       // a: element type (variadic parameter), or null in [...]T
  Field,          // names: identifiers (may be empty), a: type, flag: embedded, b: tag (ignored)
  // statements
  Block,       // list
  ExprStmt,    // a
  SendStmt,    // a: channel, b: value
  IncDec,      // op (Inc/Dec), a
  Assign,      // op (Assign, Define or an op-assign), list: left, list2: right
  GoStmt,      // a: Call
  DeferStmt,   // a: Call
  Return,      // list
  Branch,      // op (Break, Continue, Goto, Fallthrough), text: label
  If,          // a: init, b: cond, c: then block, d: else (If or Block)
  Switch,      // a: init, b: tag, list: CaseClause
  TypeSwitch,  // a: init, text: bound name (or empty), pos2: its position, b: x in x.(type), list: CaseClause
  CaseClause,  // list: expressions (empty and flag: default), list2: body
  Select,      // list: CommClause
  CommClause,  // a: SendStmt / ExprStmt(recv) / Assign(recv) or null for default, list2: body
  For,         // a: init, b: cond, c: post, d: body
  Range,       // a: key, b: value (may be null), op: Define/Assign/none, c: x, d: body
  Labeled,     // text: label, a: statement
  DeclStmt,    // a: GenDecl
  Empty,
  // declarations
  GenDecl,     // op (Var, Const, Type, Import), list: specs
  ValueSpec,   // names, a: type, list: values, iota
  TypeSpec,    // text: name, a: type, flag: alias
  ImportSpec,  // text: path, b: name (Ident) or null
  FuncDecl,    // text: name, b: receiver Field (or null), a: FuncType, c: body (may be null)
  File,        // text: package name, list: declarations
};

struct Node {
  NK kind;
  Pos pos;
  Tok op = Tok::Eof;
  int dir = 0;
  int iota = 0;
  bool flag = false;
  std::string text;
  Pos pos2;
  Token token;
  Node *a = nullptr, *b = nullptr, *c = nullptr, *d = nullptr;
  std::vector<Node*> list, list2, names;
  Node(NK k, Pos p) : kind(k), pos(p) {}
};

// Owns every node of one file.
struct Ast {
  std::deque<Node> nodes;
  Node* root = nullptr;
  Node* make(NK k, Pos p) { return &nodes.emplace_back(k, p); }
};

struct SyntaxError {
  Pos pos;
  std::string message;
};

// Parses a whole file. On syntax errors returns what it could and fills `errors` (Go's wording:
// "syntax error: unexpected newline, expecting comma or )").
void parse(const std::string& src, Ast& ast, std::vector<SyntaxError>& errors);

}  // namespace interleave::lang
