// bounds.h — the parser of one bound expression of a scenario's [expect] (see Bound in scenario.h).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "scenarios/engine/scenario.h"

namespace interleave::engine {

// Called with the offset and length, inside the text, of what is wrong, and the message.
using BoundError = std::function<void(std::size_t offset, std::size_t length, const std::string& message)>;

// Parses "max_depth(buffer) <= 3". A name that is not a built-in measurement is a metric: with a pattern
// and variant it must be one the variant reports, and is compared in the metric's unit. On a mistake calls
// error and returns nullopt. The caller sets the returned bound's `where`.
std::optional<Bound> parse_bound(const std::string& text, const patterns::Pattern* pattern,
                                 const patterns::Variant* variant, const BoundError& error);

// Why `re` is not a regular expression (ECMAScript, as std::regex reads it), or nullopt if it is one:
// output_matches = "...".
std::optional<std::string> regex_error(const std::string& re);

}  // namespace interleave::engine
