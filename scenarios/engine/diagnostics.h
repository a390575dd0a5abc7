// diagnostics.h — error messages that point at the text: `file:line:col: error: ...`, the line, a caret.
//
// Every error a teacher can make in a scenario file or on the command line comes out in one shape, the one
// compilers use, so editors and terminals can jump to it:
//
//   scenarios/pc.toml:7:10: error: unknown policy 'rnd'; expected one of fifo, random, pct, manual, replay; did you
//   mean 'random'?
//       7 | policy = "rnd"
//         |          ^~~~~
//
// A Diagnostics collects them (a few at most: the first is usually the one that matters) and formats them.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::engine {

// Where in which text: 1-based line and column; line 0 means "the whole file".
struct Where {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 1;  // caret length on that line
};

// The closest candidate to `word` by edit distance, if it is close enough to be a plausible typo.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// "a, b, c"
std::string join(std::span<const std::string_view> items, std::string_view sep = ", ");
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");
// "unknown policy 'rnd'; expected one of fifo, random, ...; did you mean 'random'?"
std::string unknown_value_message(std::string_view what, std::string_view value,
                                  const std::vector<std::string>& allowed);

class Diagnostics {
 public:
  // Registers the text of `file` so errors in it can quote the offending line.
  void add_source(std::string file, std::string text);
  void error(const Where& where, std::string message);
  bool ok() const { return errors_.empty(); }
  std::size_t count() const { return errors_.size(); }
  // The first error's first line: "file:line:col: error: message".
  std::string first_line() const;
  // Every error with its quoted line and caret; at most `limit` errors, then "N more errors".
  std::string format(std::size_t limit = 8) const;

 private:
  struct Entry {
    Where where;
    std::string message;
  };
  struct Source {
    std::string file;
    std::string text;
  };
  std::string header(const Entry& e) const;
  std::string quote(const Entry& e) const;
  std::vector<Entry> errors_;
  std::vector<Source> sources_;
};

// Thrown by the loader when a scenario cannot be used; what() is the full formatted report.
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(const Diagnostics& d) : std::runtime_error(d.format()), first_line_(d.first_line()) {}
  const std::string& first_line() const { return first_line_; }

 private:
  std::string first_line_;
};

}  // namespace interleave::engine
