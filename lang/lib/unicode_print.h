// unicode_print.h — Go's strconv.IsPrint and IsGraphic: which runes Quote writes as they are.
//
// is_print(r) is true for letters, marks, numbers, punctuation, symbols and the ASCII space (U+0020),
// exactly as Go 1.19 decides it (Unicode 13.0 tables). strconv.Quote escapes every other rune, so
// Quote("tab\there") is "\"tab\\there\"" while Quote("日本") keeps the Japanese characters.
#pragma once

#include "lang/lib/utf8.h"

namespace interleave::golib {

bool is_print(Rune r);
// is_graphic(r) also admits the Unicode spaces (category Zs), e.g. U+00A0 and U+3000.
bool is_in_graphic_list(Rune r);
inline bool is_graphic(Rune r) { return is_print(r) || is_in_graphic_list(r); }

}  // namespace interleave::golib
