// diagnostics.cpp — did-you-mean suggestions and compiler-style error reports.
#include "scenarios/engine/diagnostics.h"

#include <algorithm>
#include <cctype>

namespace interleave::engine {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool is_subsequence(std::string_view word, std::string_view of) {
  if (word.size() < 2 || word.size() >= of.size()) return false;
  std::size_t j = 0;
  for (char c : of)
    if (j < word.size() && lower(word[j]) == lower(c)) ++j;
  return j == word.size() && lower(word[0]) == lower(of[0]);
}

}  // namespace

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  if (word.empty() || word.size() > 64) return {};
  std::string_view best;
  std::size_t best_d = SIZE_MAX;
  for (std::string_view c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  if (best_d == 0) return std::string(best);  // differs only in case
  if (!best.empty() && best_d <= std::max<std::size_t>(2, std::max(word.size(), best.size()) / 3) &&
      best_d < word.size())
    return std::string(best);
  for (std::string_view c : candidates)
    if (is_subsequence(word, c)) return std::string(c);
  return {};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return did_you_mean(word, std::span<const std::string_view>(views));
}

std::string join(std::span<const std::string_view> items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::vector<std::string_view> views(items.begin(), items.end());
  return join(std::span<const std::string_view>(views), sep);
}

std::string unknown_value_message(std::string_view what, std::string_view value,
                                  const std::vector<std::string>& allowed) {
  std::string msg = "unknown " + std::string(what) + " '" + std::string(value) + "'; expected one of " + join(allowed);
  std::string near = did_you_mean(value, allowed);
  if (!near.empty()) msg += "; did you mean '" + near + "'?";
  return msg;
}

void Diagnostics::add_source(std::string file, std::string text) {
  for (auto& s : sources_)
    if (s.file == file) {
      s.text = std::move(text);
      return;
    }
  sources_.push_back(Source{std::move(file), std::move(text)});
}

void Diagnostics::error(const Where& where, std::string message) {
  // Keep errors in reading order: by source (in the order sources were added), then line and column.
  auto source_index = [&](const std::string& file) {
    for (std::size_t i = 0; i < sources_.size(); ++i)
      if (sources_[i].file == file) return i;
    return sources_.size();
  };
  auto before = [&](const Entry& a) {
    std::size_t sa = source_index(a.where.file), sb = source_index(where.file);
    if (sa != sb) return sa < sb;
    return a.where.line != where.line ? a.where.line < where.line : a.where.column <= where.column;
  };
  auto it = errors_.begin();
  while (it != errors_.end() && before(*it)) ++it;
  errors_.insert(it, Entry{where, std::move(message)});
}

std::string Diagnostics::header(const Entry& e) const {
  std::string out = e.where.file;
  if (e.where.line > 0) {
    out += ":" + std::to_string(e.where.line);
    if (e.where.column > 0) out += ":" + std::to_string(e.where.column);
  }
  out += ": error: " + e.message;
  return out;
}

std::string Diagnostics::quote(const Entry& e) const {
  if (e.where.line == 0) return {};
  const Source* src = nullptr;
  for (const auto& s : sources_)
    if (s.file == e.where.file) src = &s;
  if (!src) return {};
  // Find the line.
  std::string_view text = src->text;
  std::size_t pos = 0;
  for (std::uint32_t l = 1; l < e.where.line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos || pos > text.size()) return {};
  std::size_t end = text.find('\n', pos);
  std::string_view line = text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Show at most 100 columns around the caret; make control bytes and non-ASCII bytes visible but harmless.
  std::size_t col = e.where.column > 0 ? e.where.column - 1 : 0;
  std::size_t first = col > 80 ? col - 60 : 0;
  std::string shown;
  for (std::size_t i = first; i < line.size() && i < first + 100; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    shown += (c == '\t') ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  }
  // Keep valid UTF-8 only: replace any byte >= 0x80 that is not part of a well-formed sequence.
  std::string clean;
  for (std::size_t i = 0; i < shown.size();) {
    unsigned char c = static_cast<unsigned char>(shown[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool good = n > 0 && i + n <= shown.size();
    for (std::size_t k = 1; good && k < n; ++k) good = (static_cast<unsigned char>(shown[i + k]) >> 6) == 2;
    if (good) {
      clean.append(shown, i, n);
      i += n;
    } else {
      clean += '?';
      ++i;
    }
  }
  std::string num = std::to_string(e.where.line);
  std::string gutter(num.size() < 5 ? 5 - num.size() : 0, ' ');
  std::string out = gutter + num + " | " + clean + "\n";
  out += std::string(gutter.size() + num.size(), ' ') + " | ";
  // The caret goes under the column, counting display characters (UTF-8 continuation bytes take no column).
  std::size_t caret = 0;
  for (std::size_t i = first; i < col && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) >> 6) != 2) ++caret;
  out += std::string(caret, ' ') + "^";
  std::size_t room = line.size() > col ? line.size() - col : 1;
  std::size_t len = std::min<std::size_t>({e.where.length, room, 80});
  if (len > 1) out += std::string(len - 1, '~');
  out += "\n";
  return out;
}

std::string Diagnostics::first_line() const { return errors_.empty() ? std::string() : header(errors_.front()); }

std::string Diagnostics::format(std::size_t limit) const {
  std::string out;
  for (std::size_t i = 0; i < errors_.size() && i < limit; ++i) out += header(errors_[i]) + "\n" + quote(errors_[i]);
  if (errors_.size() > limit) out += std::to_string(errors_.size() - limit) + " more errors not shown\n";
  return out;
}

}  // namespace interleave::engine
