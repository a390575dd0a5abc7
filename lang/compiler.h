// compiler.h — the type checker and closure compiler, in one pass over the syntax tree.
//
// Checking an expression yields an Operand: its mode (constant, variable, value, type, ...), its Go type,
// its constant value if any, and the closure that computes it at run time. Statements compile to Exec
// closures. Errors are Go's compiler messages at Go's positions; after the first error in an expression
// its operand is Invalid and no follow-on errors are reported for it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"
#include "lang/go_program.h"
#include "lang/interp.h"
#include "lang/types.h"

namespace interleave::lang {

// An untyped or typed constant's value.
struct ConstVal {
  enum K : std::uint8_t { None, Bool, Int, Float, String } k = None;
  bool b = false;
  __int128 i = 0;
  double f = 0;
  std::string s;
  bool big = false;  // an integer constant beyond 128 bits (kept only as f)
};

struct FuncCtx;
struct VarInfo {
  std::string name;
  const Type* type = nullptr;
  Pos pos;
  int slot = -1;      // locals: frame slot; globals: index in the globals
  int scope_end = 0;  // locals: the last line of its scope's statements (the variables pane shows it up to there)
  bool global = false;
  bool boxed = false;  // escapes: lives in a one-cell box
  bool used = false;
  FuncCtx* owner = nullptr;
};

// What a name denotes.
struct Entity {
  enum K : std::uint8_t { Var, Const, TypeName, Func, Package, Builtin, Nil } k = Var;
  std::string name;
  VarInfo* var = nullptr;
  ConstVal cval;
  const Type* type = nullptr;
  const FuncProto* func = nullptr;
  Pos pos;
  bool used = false;
  Node* decl = nullptr;  // package-level: the declaring node, for lazy checking
  int state = 0;         // package-level constants/types: 0 unchecked, 1 checking, 2 done
};

struct Operand {
  enum Mode : std::uint8_t { Invalid, NoValue, Val, Var, MapIndex, Const, TypeX, Builtin, Package, Nil } mode = Invalid;
  const Type* type = nullptr;
  ConstVal c;
  Eval eval;
  std::function<Value*(Frame&)> addr;        // Var
  std::function<void(Frame&, Value)> store;  // MapIndex (and Var): assignment
  std::function<Eval()> ref;                 // Var: makes the closure computing its address (&x); may box a local
  Eval eval_ok;      // a comma-ok form (map index, type assertion, receive): a tuple (value, ok)
  std::string name;  // Builtin / Package: its name; Var: the variable's name
  VarInfo* var = nullptr;
  Node* node = nullptr;
  bool is_call = false;
  bool from_var = false;  // a value read from a variable (messages still say "variable of type")  // a function call
                          // (for "is not used" messages)
  bool ok() const { return mode != Invalid; }
};

struct Scope {
  std::map<std::string, Entity*> names;
  Scope* parent = nullptr;
  FuncCtx* func = nullptr;  // null: the package or universe
};

struct FuncCtx {
  FuncProto* proto = nullptr;
  FuncCtx* parent = nullptr;
  std::vector<VarInfo*> captured;  // by capture index
  std::map<VarInfo*, int> capture_index;
  const Type* sig = nullptr;
  std::vector<VarInfo*> results;
  bool named_results = false;
  int closures = 0;  // for naming func literals (main.main.func1)
  std::string name;
  std::vector<Node*> labels;
};

// The compiled program: what GoProgram holds and every run reads.
struct CompiledProgram {
  TypeTable types;
  std::vector<std::unique_ptr<FuncProto>> protos;
  std::vector<std::unique_ptr<VarInfo>> vars;
  std::vector<std::unique_ptr<Entity>> entities;
  std::vector<std::unique_ptr<Scope>> scopes;
  mutable std::deque<SourceSite> sites;  // stable addresses; added to while running (library call sites)
  mutable std::map<std::pair<int, const FuncProto*>, const SourceSite*> site_index;
  int nglobals = 0;
  std::vector<std::pair<int, Eval>> global_inits;  // global index, initializer (in dependency order)
  std::vector<Exec> init_code;                     // package var initialisation, in order
  std::vector<Exec> lib_inits;                     // library package variables (os.Stdout, ...)
  const FuncProto* main = nullptr;
  const FuncProto* init_proto = nullptr;  // runs the package variables' initialisers (init_code) in its frame
  std::vector<const FuncProto*> inits;
  std::string path;
  std::map<std::string, VarInfo*> params;  // package-level vars overridable by name
  std::map<std::string, Entity*> param_consts;
  Ast ast;
  std::vector<std::unique_ptr<Ast>> override_asts;
  std::map<std::string, Entity*> package_names;  // the package scope, after checking
  std::vector<std::pair<int, const Type*>> global_types;
  // library types the runtime needs by name (lang/lib_packages.cpp)
  struct Lib {
    const Type* error_string = nullptr;   // *errors.errorString
    const Type* runtime_error = nullptr;  // runtime.Error values (a named string with Error())
    const Type* duration = nullptr;       // time.Duration
    const Type* time = nullptr;           // time.Time
    const Type* file_ptr = nullptr;       // *os.File
    const Type* buffer_ptr = nullptr;     // *bytes.Buffer / *strings.Builder
    const Type* timer_ptr = nullptr;
    const Type* ticker_ptr = nullptr;
    const Type* time_chan = nullptr;  // <-chan time.Time
    const Type* mutex_ptr = nullptr;  // *sync.Mutex
    const Type* cond_ptr = nullptr;   // *sync.Cond
    // package context (lang/lib_context.cpp): its context types by kind, struct{}, the error variables' slots
    const Type* context_types[5] = {};
    const Type* empty_struct = nullptr;
    const Type* wrap_error_ptr = nullptr;  // *fmt.wrapError (Errorf with %w)
    int context_canceled_slot = -1;
    int context_deadline_slot = -1;
  } lib;
  mutable std::unordered_map<const Type*, std::string> type_names;  // fmt's %T spellings, interned
  const std::string& type_name(const Type* t) const;
  // the source site for a line of a function (stable address)
  const SourceSite* site(int line, const FuncProto* fn) const;
};

class Compiler {
 public:
  Compiler(CompiledProgram& out, std::string path, std::vector<Diagnostic>& errors);
  void compile_file(Node* file);

  // --- used by the library tables (lang/lib_*.cpp) ---------------------------------------------------
  CompiledProgram& out;
  TypeTable& types() { return out.types; }
  FuncProto* new_proto(std::string name);
  Entity* new_entity(Entity::K k, std::string name);

  // errors
  void error(Pos p, const std::string& msg);
  std::vector<Diagnostic>& errors;
  std::string path;

  // scopes
  Scope* universe = nullptr;
  Scope* package = nullptr;
  Scope* scope = nullptr;
  FuncCtx* fn = nullptr;
  std::map<std::string, std::map<std::string, Entity*>> packages;  // imported package members
  std::map<std::string, std::pair<Pos, bool>> imports;             // name -> (position, used)
  std::map<std::string, std::string> import_paths;                 // local name -> path

  Scope* open_scope();
  void close_scope();
  void close_scope_quiet();  // without reporting unused variables
  Entity* lookup(const std::string& name);
  Entity* declare_var(Node* id, const Type* t);
  VarInfo* new_var(const std::string& name, const Type* t, Pos pos);
  void report_unused(Scope* s);

  // types
  const Type* resolve_type(Node* n);
  const Type* check_type_expr(Node* n, bool report);
  const Type* func_type(Node* ft, std::vector<Node*>* param_names = nullptr,
                        std::vector<Node*>* result_names = nullptr);

  // expressions (check_expr.cpp)
  Operand expr(Node* n, const Type* hint = nullptr);
  Operand rvalue(Operand o);    // a variable's value (copied for structs/arrays)
  Operand multi_expr(Node* n);  // a call may yield a tuple
  void convert_untyped(Operand& o, const Type* target);
  bool assignable(Operand& o, const Type* t, const std::string& context, Pos pos);
  Eval value_eval(const Operand& o);  // the closure producing the value (constants materialised)
  Eval to_iface(Eval e, const Type* from, const Type* to);
  Eval coerce(Operand& o, const Type* target);  // convert to target (interfaces boxed), after assignable()
  std::string describe(const Operand& o);       // "x (variable of type int)"
  std::string expr_text(Node* n);
  Operand call(Node* n, const Type* hint);
  Operand builtin_call(Node* n, const std::string& name);
  Operand conversion(Node* n, const Type* t);
  Operand selector(Node* n);
  Operand field_path(Operand x, const std::vector<int>& path, Node* n);
  Operand binary(Node* n, const Type* hint);
  Operand unary(Node* n, const Type* hint);
  Operand composite(Node* n, const Type* t);
  Operand func_lit(Node* n);
  Operand index(Node* n);
  Operand slice_expr(Node* n);
  Operand type_assert(Node* n);
  Operand constant(const ConstVal& c, const Type* t, Node* n);
  std::vector<Eval> call_args(Node* call, const Type* sig, std::vector<Node*>& args, bool spread, int offset,
                              const std::string& fname);
  Eval make_ref(Operand& v);
  // Names for the channels and sync values a program creates (the GUI, the wait-for graph and exports show
  // `jobs`, not `chan 7`): the variable or field an expression is first assigned to. name_next() marks the
  // right-hand side `rhs` (under parentheses and `&`) as assigned to `name`; name_of() is that name while
  // compiling exactly that expression, else "".
  void name_next(Node* rhs, std::string name);
  std::string name_of(Node* n) const { return n && n == name_node_ ? name_ : std::string(); }
  Node* name_node_ = nullptr;
  int last_line_ = 0;  // the last line of the statements compiled so far (locals' scope ends)
  void note_locals(Scope* s);
  std::string name_;
  Operand val(Node* n, const Type* hint = nullptr);  // an expression used as a single value
  Eval method_value(Operand recv, const MethodLookup& ml, Node* n);

  // statements (check_stmt.cpp)
  Exec stmt(Node* n);
  Exec block(const std::vector<Node*>& list, bool new_scope = true);
  Exec assign(Node* n);
  Exec define(Node* n);
  Exec for_stmt(Node* n, const void* label);
  Exec range_stmt(Node* n, const void* label);
  Exec switch_stmt(Node* n, const void* label);
  Exec type_switch(Node* n, const void* label);
  Exec select_stmt(Node* n, const void* label);
  Exec go_defer(Node* n, bool is_go);
  Exec return_stmt(Node* n);
  Exec incdec(Node* n);
  Exec var_decl(Node* spec, bool global);
  Exec const_decl(Node* spec, std::vector<Node*>* last_values, Node** last_type);
  void type_decl(Node* spec);
  bool terminates(Node* n);
  std::function<std::function<void(Frame&, Value)>(void)> lhs_store(Node* n);
  std::function<void(Frame&, Value)> store_to(Operand& o);
  std::vector<const void*> loop_labels;  // innermost last
  std::vector<std::pair<std::string, const void*>> label_targets;
  int loop_depth = 0, switch_depth = 0;

  // functions
  FuncProto* compile_func(Node* ftype, Node* body, Node* recv, const std::string& name, Pos pos,
                          FuncProto* into = nullptr);
  int new_slot();
  const SourceSite* site(int line) { return out.site(line, fn ? fn->proto : nullptr); }

  // package level
  void collect(Node* file);
  FuncProto* compile_func_later(Node* init_decl);
  std::vector<std::pair<Node*, FuncProto*>> later_inits;
  std::vector<int> iota_stack;
  FuncCtx* init_ctx_ = nullptr;
  FuncCtx* global_init_ctx();
  void check_global_entity(Entity* e);
  std::map<Entity*, std::set<Entity*>> global_deps;
  Entity* current_global = nullptr;
  std::vector<Node*> methods_decls;
  std::vector<Entity*> var_order;
  std::map<Node*, Entity*> var_of_spec;

  // libraries (lib_packages.cpp)
  void install_universe();
  std::map<std::string, Node*> overrides;  // package-level const/var initialisers replaced by a scenario
  bool install_package(const std::string& path, const std::string& name, Pos pos);
};

// Constant helpers (check_const.cpp)
bool const_representable(const ConstVal& c, const Type* t, ConstVal* rounded);
std::string const_string(const ConstVal& c, const Type* t);
Value const_to_value(const ConstVal& c, const Type* t);

}  // namespace interleave::lang
