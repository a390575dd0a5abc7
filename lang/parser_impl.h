// parser_impl.h — the parser's state and methods, shared by parser.cpp (declarations, types,
// expressions) and parser_stmt.cpp (statements). Internal to lang/.
#pragma once

#include <string>
#include <vector>

#include "lang/ast.h"

namespace interleave::lang::parser_detail {

struct Stop {};  // thrown at the first syntax error

// How deep a program's syntax tree may nest. The checker and the compiled closures recurse on it; under
// AddressSanitizer a frame is about ten times larger (20 KB for Compiler::binary), so those builds allow less.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kMaxDepth = 100;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int kMaxDepth = 100;
#else
constexpr int kMaxDepth = 400;
#endif
#else
constexpr int kMaxDepth = 400;
#endif

struct Parser {
  std::vector<Token> toks;
  std::size_t p = 0;
  Ast& ast;
  std::vector<SyntaxError>& errors;
  int expr_lev = 0;  // < 0: in a control clause (composite literals of type names need parentheses)
  int depth = 0;

  const Token& tok() const { return toks[p]; }
  Tok t() const { return toks[p].tok; }
  Tok peek(std::size_t k = 1) const { return p + k < toks.size() ? toks[p + k].tok : Tok::Eof; }
  void next() {
    if (p + 1 < toks.size()) ++p;
  }
  Node* make(NK k, Pos pos) { return ast.make(k, pos); }

  struct Deeper {
    Parser& ps;
    explicit Deeper(Parser& x) : ps(x) {
      if (++ps.depth > kMaxDepth) ps.fail(ps.tok().pos, "too deeply nested (Interleave's limit)");
    }
    ~Deeper() { --ps.depth; }
  };
  // A chain (a + b + c..., x.f()[i].g...) is parsed by a loop, but its tree nests one level per link, and the
  // checker and compiler recurse on the tree: each link counts towards the limit as one level.
  void chain_link(int& links) {
    if (depth + ++links > kMaxDepth) fail(tok().pos, "too deeply nested (Interleave's limit)");
  }

  [[noreturn]] void fail(Pos pos, std::string msg) {
    errors.push_back(SyntaxError{pos, std::move(msg)});
    throw Stop{};
  }
  std::string tok_desc(const Token& k) const {
    switch (k.tok) {
      case Tok::Ident: return k.text;  // Go 1.19: "unexpected count" (1.20 added "name ")
      case Tok::Semicolon: return k.auto_semi ? "newline" : "semicolon";
      case Tok::Eof: return "EOF";
      case Tok::Int:
      case Tok::Float:
      case Tok::Imag:
      case Tok::Char: return "literal " + k.text;
      case Tok::String: return "literal " + k.text;
      default: break;
    }
    if (k.tok >= Tok::Break) return tok_text(k.tok);
    return tok_text(k.tok);
  }
  static std::string want_desc(Tok w) {
    switch (w) {
      case Tok::Comma: return "comma";
      case Tok::Semicolon: return "semicolon or newline";
      case Tok::Ident: return "name";
      default: return tok_text(w);
    }
  }
  [[noreturn]] void unexpected(const std::string& expecting) {
    std::string m = "syntax error: unexpected " + tok_desc(tok());
    if (!expecting.empty()) m += ", " + expecting;
    fail(tok().pos, m);
  }
  // Go's list parser: "syntax error: unexpected newline in argument list; possibly missing comma or )"
  [[noreturn]] void unexpected_in(const std::string& context, const std::string& missing) {
    fail(tok().pos, "syntax error: unexpected " + tok_desc(tok()) + " in " + context + "; possibly missing " + missing);
  }
  Pos want(Tok w) {
    Pos pos = tok().pos;
    if (t() != w) unexpected("expecting " + want_desc(w));
    next();
    return pos;
  }
  bool got(Tok w) {
    if (t() == w) {
      next();
      return true;
    }
    return false;
  }
  void not_in_subset(Pos pos, const std::string& what) { fail(pos, what + " is not in Interleave's Go subset"); }

  // --- file ------------------------------------------------------------------------------------------
  Node* file() {
    Node* f = make(NK::File, tok().pos);
    if (t() != Tok::Package) fail(tok().pos, "syntax error: package statement must be first");
    next();
    if (t() != Tok::Ident) unexpected("expecting name");
    f->text = tok().text;
    next();
    want_semi_decl();
    while (t() == Tok::Import) {
      f->list.push_back(gen_decl(Tok::Import));
      want_semi_decl();
    }
    while (t() != Tok::Eof) {
      switch (t()) {
        case Tok::Var:
        case Tok::Const:
        case Tok::Type: f->list.push_back(gen_decl(t())); break;
        case Tok::Func: f->list.push_back(func_decl()); break;
        case Tok::Import: fail(tok().pos, "syntax error: imports must appear before other declarations");
        default: fail(tok().pos, "syntax error: non-declaration statement outside function body");
      }
      want_semi_decl();
    }
    return f;
  }
  void want_semi_decl() {
    if (t() == Tok::Eof) return;
    if (t() != Tok::Semicolon) unexpected("after top level declaration");
    next();
  }

  Node* gen_decl(Tok kind) {
    Node* d = make(NK::GenDecl, tok().pos);
    d->op = kind;
    next();
    auto spec = [&](int iota) -> Node* {
      if (kind == Tok::Import) return import_spec();
      if (kind == Tok::Type) return type_spec();
      return value_spec(kind, iota);
    };
    if (got(Tok::LParen)) {
      int iota = 0;
      while (t() != Tok::RParen && t() != Tok::Eof) {
        d->list.push_back(spec(iota++));
        if (t() != Tok::RParen) {
          if (t() != Tok::Semicolon) unexpected("expecting semicolon, newline, or )");
          next();
        }
      }
      want(Tok::RParen);
    } else {
      d->list.push_back(spec(0));
    }
    return d;
  }
  Node* import_spec() {
    Node* s = make(NK::ImportSpec, tok().pos);
    if (t() == Tok::Ident || t() == Tok::Period) {
      Node* n = make(NK::Ident, tok().pos);
      n->text = t() == Tok::Period ? "." : tok().text;
      s->b = n;
      next();
    }
    if (t() != Tok::String) {
      if (t() == Tok::Semicolon || t() == Tok::RParen)
        fail(tok().pos, "syntax error: missing import path; require quoted string");
      fail(tok().pos, "syntax error: missing import path; require quoted string");
    }
    s->pos = tok().pos;
    s->text = tok().value;
    next();
    return s;
  }
  Node* type_spec() {
    Node* s = make(NK::TypeSpec, tok().pos);
    if (t() != Tok::Ident) unexpected("expecting name");
    s->text = tok().text;
    next();
    if (t() == Tok::LBrack && peek() == Tok::Ident &&
        (peek(2) == Tok::Ident || peek(2) == Tok::Interface || peek(2) == Tok::Comma || peek(2) == Tok::Mul ||
         peek(2) == Tok::Tilde))
      not_in_subset(tok().pos, "generic type (type parameters)");
    if (got(Tok::Assign)) s->flag = true;
    s->a = type_();
    return s;
  }
  Node* value_spec(Tok kind, int iota) {
    Node* s = make(NK::ValueSpec, tok().pos);
    s->iota = iota;
    s->names = ident_list();
    if (t() != Tok::Assign && t() != Tok::Semicolon && t() != Tok::RParen) s->a = type_();
    if (got(Tok::Assign)) s->list = expr_list();
    (void)kind;
    return s;
  }
  std::vector<Node*> ident_list() {
    std::vector<Node*> v;
    do {
      if (t() != Tok::Ident) unexpected("expecting name");
      Node* n = make(NK::Ident, tok().pos);
      n->text = tok().text;
      v.push_back(n);
      next();
    } while (got(Tok::Comma));
    return v;
  }

  Node* func_decl() {
    Node* f = make(NK::FuncDecl, tok().pos);
    next();
    if (t() == Tok::LParen) {
      Pos rp = tok().pos;
      Node* ft = params_only();
      if (ft->list.size() != 1) fail(rp, "method has multiple receivers");
      f->b = ft->list[0];
    }
    if (t() != Tok::Ident) unexpected("expecting name or (");
    f->text = tok().text;
    f->pos2 = tok().pos;
    next();
    if (t() == Tok::LBrack) not_in_subset(tok().pos, "generic function (type parameters)");
    f->a = signature(f->pos);
    if (t() == Tok::LBrace) {
      ++expr_lev_guard;
      int saved = expr_lev;
      expr_lev = 0;
      f->c = block();
      expr_lev = saved;
      --expr_lev_guard;
    }
    return f;
  }
  int expr_lev_guard = 0;

  // --- types -----------------------------------------------------------------------------------------
  Node* params_only() {
    Node* ft = make(NK::FuncType, tok().pos);
    ft->list = params();
    return ft;
  }
  Node* signature(Pos pos) {
    Node* ft = make(NK::FuncType, pos);
    ft->list = params();
    if (t() == Tok::LParen) {
      ft->list2 = params();
    } else if (starts_type()) {
      Node* f = make(NK::Field, tok().pos);
      f->a = type_();
      ft->list2.push_back(f);
    }
    return ft;
  }
  bool starts_type() const {
    switch (t()) {
      case Tok::Ident:
      case Tok::LBrack:
      case Tok::Struct:
      case Tok::Mul:
      case Tok::Func:
      case Tok::Interface:
      case Tok::Map:
      case Tok::Chan:
      case Tok::LParen:
      case Tok::Arrow: return true;
      default: return false;
    }
  }
  // A parameter list: either all named ("a, b int, c string") or all types ("int, string").
  std::vector<Node*> params() {
    Deeper dg(*this);
    want(Tok::LParen);
    struct Entry {
      Node* name;  // may be null
      Node* type;  // may be null (name only so far)
      Pos pos;
    };
    std::vector<Entry> es;
    while (t() != Tok::RParen && t() != Tok::Eof) {
      Pos pos = tok().pos;
      if (t() == Tok::Ident) {
        Node* id = make(NK::Ident, pos);
        id->text = tok().text;
        next();
        if (t() == Tok::Period) {  // qualified type name
          next();
          Node* sel = make(NK::Selector, pos);
          sel->a = id;
          if (t() != Tok::Ident) unexpected("expecting name");
          sel->text = tok().text;
          sel->pos2 = tok().pos;
          next();
          es.push_back({nullptr, sel, pos});
        } else if (t() == Tok::Comma || t() == Tok::RParen) {
          es.push_back({id, nullptr, pos});
        } else if (t() == Tok::LBrack && expr_lev_guard == 0 && false) {
        } else {
          Node* ty = t() == Tok::Ellipsis ? variadic() : type_();
          es.push_back({id, ty, pos});
        }
      } else if (t() == Tok::Ellipsis) {
        es.push_back({nullptr, variadic(), pos});
      } else {
        es.push_back({nullptr, type_(), pos});
      }
      if (!got(Tok::Comma)) {
        if (t() != Tok::RParen) unexpected_in("parameter list", "comma or )");
      }
    }
    want(Tok::RParen);
    bool named = false;
    for (auto& e : es)
      if (e.name && e.type) named = true;
    std::vector<Node*> fields;
    if (!named) {
      for (auto& e : es) {
        Node* f = make(NK::Field, e.pos);
        f->a = e.type ? e.type : e.name;
        fields.push_back(f);
      }
      return fields;
    }
    std::vector<Node*> pending;
    for (auto& e : es) {
      if (!e.name) fail(e.pos, "syntax error: mixed named and unnamed parameters");
      pending.push_back(e.name);
      if (e.type) {
        Node* f = make(NK::Field, pending.front()->pos);
        f->names = pending;
        f->a = e.type;
        fields.push_back(f);
        pending.clear();
      }
    }
    if (!pending.empty()) fail(pending.back()->pos, "syntax error: mixed named and unnamed parameters");
    return fields;
  }
  Node* variadic() {
    Node* e = make(NK::Ellipsis, tok().pos);
    next();
    e->a = type_();
    return e;
  }

  Node* type_name() {
    Node* id = make(NK::Ident, tok().pos);
    id->text = tok().text;
    next();
    if (t() == Tok::Period) {
      next();
      Node* sel = make(NK::Selector, id->pos);
      sel->a = id;
      if (t() != Tok::Ident) unexpected("expecting name");
      sel->text = tok().text;
      sel->pos2 = tok().pos;
      next();
      return sel;
    }
    if (t() == Tok::LBrack && peek() != Tok::RBrack && expr_lev_guard >= 0) {
      // T[int]: an instantiation
      if (false) return id;
    }
    return id;
  }

  Node* type_() {
    Node* ty = try_type();
    if (!ty) unexpected("expecting type");
    return ty;
  }
  Node* try_type() {
    Deeper dg(*this);
    Pos pos = tok().pos;
    switch (t()) {
      case Tok::Ident: return type_name();
      case Tok::LParen: {
        next();
        Node* ty = type_();
        want(Tok::RParen);
        return ty;
      }
      case Tok::LBrack: {
        next();
        Node* at = make(NK::ArrayType, pos);
        if (got(Tok::RBrack)) {
          at->b = type_();
          return at;
        }
        if (t() == Tok::Ellipsis) {
          at->a = make(NK::Ellipsis, tok().pos);
          next();
        } else {
          int saved = expr_lev;
          ++expr_lev;
          at->a = expr();
          expr_lev = saved;
        }
        want(Tok::RBrack);
        at->b = type_();
        return at;
      }
      case Tok::Mul: {
        next();
        Node* s = make(NK::Star, pos);
        s->a = type_();
        return s;
      }
      case Tok::Arrow: {
        next();
        if (t() != Tok::Chan) unexpected("expecting chan");
        next();
        Node* c = make(NK::ChanType, pos);
        c->dir = 2;
        c->a = type_();
        return c;
      }
      case Tok::Chan: {
        next();
        Node* c = make(NK::ChanType, pos);
        if (got(Tok::Arrow)) c->dir = 1;
        c->a = type_();
        return c;
      }
      case Tok::Map: {
        next();
        Node* m = make(NK::MapType, pos);
        want(Tok::LBrack);
        m->a = type_();
        want(Tok::RBrack);
        m->b = type_();
        return m;
      }
      case Tok::Func: {
        next();
        return signature(pos);
      }
      case Tok::Struct: return struct_type();
      case Tok::Interface: return interface_type();
      default: return nullptr;
    }
  }
  Node* struct_type() {
    Node* st = make(NK::StructType, tok().pos);
    next();
    want(Tok::LBrace);
    while (t() != Tok::RBrace && t() != Tok::Eof) {
      Node* f = make(NK::Field, tok().pos);
      if (t() == Tok::Mul) {
        f->flag = true;
        f->a = type_();
      } else if (t() == Tok::Ident && (peek() == Tok::Semicolon || peek() == Tok::RBrace || peek() == Tok::Period ||
                                       peek() == Tok::String)) {
        f->flag = true;
        f->a = type_name();
      } else {
        f->names = ident_list();
        f->a = type_();
      }
      if (t() == Tok::String) next();  // a tag
      st->list.push_back(f);
      if (t() != Tok::RBrace) {
        if (t() != Tok::Semicolon) unexpected("expecting semicolon, newline, or }");
        next();
      }
    }
    want(Tok::RBrace);
    return st;
  }
  Node* interface_type() {
    Node* it = make(NK::InterfaceType, tok().pos);
    next();
    want(Tok::LBrace);
    while (t() != Tok::RBrace && t() != Tok::Eof) {
      Node* f = make(NK::Field, tok().pos);
      if (t() == Tok::Ident && peek() == Tok::LParen) {
        Node* n = make(NK::Ident, tok().pos);
        n->text = tok().text;
        next();
        f->names.push_back(n);
        f->a = signature(n->pos);
      } else if (t() == Tok::Ident) {
        f->flag = true;
        f->a = type_name();
        if (t() == Tok::Or) not_in_subset(tok().pos, "type set (generic constraint)");
      } else {
        not_in_subset(tok().pos, "type set (generic constraint)");
      }
      it->list.push_back(f);
      if (t() != Tok::RBrace) {
        if (t() != Tok::Semicolon) unexpected("expecting semicolon, newline, or }");
        next();
      }
    }
    want(Tok::RBrace);
    return it;
  }

  // --- expressions ------------------------------------------------------------------------------------
  std::vector<Node*> expr_list() {
    std::vector<Node*> v;
    do v.push_back(expr());
    while (got(Tok::Comma));
    return v;
  }
  static int prec(Tok t) {
    switch (t) {
      case Tok::LOr: return 1;
      case Tok::LAnd: return 2;
      case Tok::Eql:
      case Tok::Neq:
      case Tok::Lss:
      case Tok::Leq:
      case Tok::Gtr:
      case Tok::Geq: return 3;
      case Tok::Add:
      case Tok::Sub:
      case Tok::Or:
      case Tok::Xor: return 4;
      case Tok::Mul:
      case Tok::Quo:
      case Tok::Rem:
      case Tok::Shl:
      case Tok::Shr:
      case Tok::And:
      case Tok::AndNot: return 5;
      default: return 0;
    }
  }
  Node* expr() { return binary(1); }
  Node* binary(int min) {
    Deeper dg(*this);
    Node* x = unary();
    int links = 0;
    while (true) {
      int pr = prec(t());
      if (pr < min || pr == 0) return x;
      chain_link(links);
      Node* b = make(NK::Binary, x->pos);
      b->pos2 = tok().pos;
      b->op = t();
      next();
      b->a = x;
      b->b = binary(pr + 1);
      x = b;
    }
  }
  Node* unary() {
    Deeper dg(*this);
    Pos pos = tok().pos;
    switch (t()) {
      case Tok::Add:
      case Tok::Sub:
      case Tok::Not:
      case Tok::Xor:
      case Tok::And: {
        Node* u = make(NK::Unary, pos);
        u->op = t();
        next();
        u->a = unary();
        return u;
      }
      case Tok::Tilde: fail(pos, "syntax error: unexpected ~, expecting expression");
      case Tok::Arrow: {
        next();
        if (t() == Tok::Chan) {  // <-chan T
          next();
          Node* c = make(NK::ChanType, pos);
          c->dir = 2;
          c->a = type_();
          return primary_suffix(c);
        }
        Node* u = make(NK::Unary, pos);
        u->op = Tok::Arrow;
        u->a = unary();
        return u;
      }
      case Tok::Mul: {
        next();
        Node* s = make(NK::Star, pos);
        s->a = unary();
        return s;
      }
      default: return primary_suffix(operand());
    }
  }
  Node* operand() {
    Pos pos = tok().pos;
    switch (t()) {
      case Tok::Ident: {
        Node* n = make(NK::Ident, pos);
        n->text = tok().text;
        next();
        return n;
      }
      case Tok::Int:
      case Tok::Float:
      case Tok::Imag:
      case Tok::Char:
      case Tok::String: {
        Node* n = make(NK::BasicLit, pos);
        n->op = t();
        n->token = tok();
        next();
        return n;
      }
      case Tok::LParen: {
        next();
        ++expr_lev;
        Node* n = make(NK::Paren, pos);
        n->a = expr_or_type();
        --expr_lev;
        want(Tok::RParen);
        return n;
      }
      case Tok::Func: {
        next();
        Node* ft = signature(pos);
        if (t() == Tok::LBrace) {
          Node* fl = make(NK::FuncLit, pos);
          fl->a = ft;
          int saved = expr_lev;
          expr_lev = 0;
          fl->b = block();
          expr_lev = saved;
          return fl;
        }
        return ft;
      }
      case Tok::LBrack:
      case Tok::Chan:
      case Tok::Map:
      case Tok::Struct:
      case Tok::Interface: return type_();
      default: unexpected("expecting expression");
    }
  }
  Node* expr_or_type() {
    if (t() == Tok::Mul || t() == Tok::Arrow) return expr();
    return expr();
  }
  static bool is_type_name(const Node* x) {
    return x->kind == NK::Ident || (x->kind == NK::Selector && x->a->kind == NK::Ident);
  }
  static bool is_literal_type(const Node* x) {
    switch (x->kind) {
      case NK::Ident:
      case NK::ArrayType:
      case NK::StructType:
      case NK::MapType: return true;
      case NK::Selector: return x->a->kind == NK::Ident;
      default: return false;
    }
  }
  Node* primary_suffix(Node* x) {
    Deeper dg(*this);
    int links = 0;
    while (true) {
      Pos pos = tok().pos;
      if (t() == Tok::Period || t() == Tok::LParen || t() == Tok::LBrack || t() == Tok::LBrace) chain_link(links);
      switch (t()) {
        case Tok::Period: {
          next();
          if (t() == Tok::Ident) {
            Node* s = make(NK::Selector, x->pos);
            s->a = x;
            s->text = tok().text;
            s->pos2 = tok().pos;
            next();
            x = s;
          } else if (t() == Tok::LParen) {
            next();
            Node* ta = make(NK::TypeAssert, x->pos);
            ta->a = x;
            ta->pos2 = pos;
            if (got(Tok::Type)) {
              ta->b = nullptr;
            } else {
              ta->b = type_();
            }
            want(Tok::RParen);
            x = ta;
          } else {
            unexpected("expecting name or (");
          }
          break;
        }
        case Tok::LBrack: {
          next();
          ++expr_lev;
          Node* lo = nullptr;
          if (t() != Tok::Colon) lo = expr();
          if (t() == Tok::Comma) not_in_subset(tok().pos, "generic instantiation");
          if (got(Tok::Colon)) {
            Node* s = make(NK::SliceExpr, x->pos);
            s->a = x;
            s->b = lo;
            if (t() != Tok::RBrack && t() != Tok::Colon) s->c = expr();
            if (got(Tok::Colon)) {
              s->flag = true;
              if (!s->c) fail(tok().pos, "syntax error: middle index required in 3-index slice");
              if (t() == Tok::RBrack) fail(tok().pos, "syntax error: final index required in 3-index slice");
              s->d = expr();
            }
            --expr_lev;
            want(Tok::RBrack);
            x = s;
          } else {
            if (!lo) unexpected("expecting operand");
            --expr_lev;
            want(Tok::RBrack);
            Node* ix = make(NK::Index, x->pos);
            ix->a = x;
            ix->b = lo;
            ix->pos2 = pos;
            x = ix;
          }
          break;
        }
        case Tok::LParen: {
          next();
          ++expr_lev;
          Node* c = make(NK::Call, x->pos);
          c->pos2 = pos;
          c->a = x;
          while (t() != Tok::RParen && t() != Tok::Eof) {
            Node* arg = try_type_arg();
            c->list.push_back(arg);
            if (got(Tok::Ellipsis)) c->flag = true;
            if (!got(Tok::Comma)) {
              if (t() != Tok::RParen) unexpected_in("argument list", "comma or )");
            }
          }
          --expr_lev;
          c->token.pos = tok().pos;
          want(Tok::RParen);
          x = c;
          break;
        }
        case Tok::LBrace: {
          if (is_literal_type(x) && (expr_lev >= 0 || !is_type_name(x))) {
            x = composite(x);
            break;
          }
          return x;
        }
        default: return x;
      }
    }
  }
  Node* try_type_arg() {
    // make([]int, 3), new(T), conversions: types are expressions here.
    return expr();
  }
  Node* composite(Node* type) {
    Deeper dg(*this);
    Node* c = make(NK::CompositeLit, type ? type->pos : tok().pos);
    c->a = type;
    c->pos2 = tok().pos;
    want(Tok::LBrace);
    int saved = expr_lev;
    expr_lev = 0;
    while (t() != Tok::RBrace && t() != Tok::Eof) {
      Node* e = element();
      if (got(Tok::Colon)) {
        Node* kv = make(NK::KeyValue, e->pos);
        kv->a = e;
        kv->b = element();
        e = kv;
      }
      c->list.push_back(e);
      if (!got(Tok::Comma)) {
        if (t() != Tok::RBrace) unexpected_in("composite literal", "comma or }");
      }
    }
    expr_lev = saved;
    want(Tok::RBrace);
    return c;
  }
  Node* element() {
    if (t() == Tok::LBrace) return composite(nullptr);
    return expr();
  }

  // --- statements (parser_stmt.cpp) ---
  Node* block();
  std::vector<Node*> stmt_list();
  Node* stmt();
  Node* simple_stmt(bool range_ok);
  Node* if_stmt();
  void header(Node* s, bool is_switch);
  Node* switch_stmt();
  Node* type_or_nil();
  Node* select_stmt();
  Node* for_stmt();
};

}  // namespace interleave::lang::parser_detail
