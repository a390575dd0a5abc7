// pattern_program.cpp — the compiled C++ catalogue (patterns/) as the engine's Program: one variant of one
// pattern, its parameters, invariants, lesson and embedded source text.
#include <stdexcept>

#include "scenarios/engine/program.h"
#include "scenarios/engine/scenario.h"

namespace interleave::engine {

const std::vector<OutputWrite>& ProgramRun::output() const {
  static const std::vector<OutputWrite> none;
  return none;
}

namespace {

class PatternRun final : public ProgramRun {
 public:
  PatternRun(const patterns::Variant& v, patterns::Params params) : variant_(v), params_(std::move(params)), ctx_(params_) {}
  void main_goroutine() override { variant_.run(ctx_); }
  const std::vector<patterns::Metric>& metrics() const override { return ctx_.metrics(); }

 private:
  const patterns::Variant& variant_;
  patterns::Params params_;  // the context refers to it: declared first, so it outlives ctx_
  patterns::RunContext ctx_;
};

class PatternProgram final : public Program {
 public:
  PatternProgram(const patterns::Pattern& p, const patterns::Variant& v) : pattern_(p), variant_(v) {}

  std::string name() const override { return pattern_.name + "/" + variant_.name; }
  std::string title() const override { return pattern_.title + ": " + variant_.title; }
  std::string lesson() const override { return pattern_.lesson + "\n\n" + variant_.lesson; }
  std::string kind() const override { return "pattern"; }
  const std::vector<patterns::ParamSpec>& params() const override { return pattern_.params; }
  const std::vector<patterns::Invariant>& invariants() const override { return pattern_.invariants; }
  std::optional<std::string> resolve_params(patterns::Params& params) const override {
    return patterns::resolve_params(pattern_, params, &variant_);
  }
  std::vector<std::string> source_files() const override { return {pattern_.source_file}; }
  std::string_view source_text(std::string_view file) const override { return patterns::source_text(file); }
  bool needs_spurious_wakeups() const override { return variant_.needs_spurious_wakeups; }
  std::unique_ptr<ProgramRun> start(const patterns::Params& params, std::uint64_t) const override {
    return std::make_unique<PatternRun>(variant_, params);
  }
  const patterns::Pattern* pattern() const override { return &pattern_; }
  const patterns::Variant* variant() const override { return &variant_; }

 private:
  const patterns::Pattern& pattern_;
  const patterns::Variant& variant_;
};

}  // namespace

std::shared_ptr<const Program> catalogue_program(std::string_view pattern, std::string_view variant) {
  const patterns::Pattern* p = patterns::find_pattern(pattern);
  if (!p) throw std::invalid_argument(unknown_pattern_message(pattern));
  const patterns::Variant* v = p->variant(variant);
  if (!v) throw std::invalid_argument(unknown_variant_message(*p, variant));
  return std::make_shared<PatternProgram>(*p, *v);
}

}  // namespace interleave::engine
