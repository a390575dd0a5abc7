#!/bin/sh
# normalize.sh DIR — filters a program's combined output (stdin) so Go's and Interleave's texts compare:
# the directory of the program is removed, code offsets (+0x1d) are dropped (Go omits them for inlined
# frames), goroutine numbers are masked (Go's first user goroutine is 4, 6 or 17 depending on its
# background goroutines), addresses (0xc000012345) are masked, a frame's argument words become (...), and Go's runtime-internal frames (files under GOROOT)
# are dropped, since Interleave shows only the program's own frames.
dir="$1"
sed -e "s|$dir/||g" \
    -e 's/ +0x[0-9a-f]*$//' \
    -e 's/^goroutine [0-9][0-9][0-9]* \[/goroutine N [/' -e 's/^goroutine [2-9] \[/goroutine N [/' \
    -e 's/0xc[0-9a-f]\{6,\}/0xADDR/g' -e 's/) 0x[0-9a-f]\{4,\}/) 0xADDR/g' \
    -e 's/pc=0x[0-9a-f]*/pc=0x?/g' \
    -e 's/^\([a-zA-Z_][a-zA-Z0-9_.()*]*\)(.\+)$/\1(...)/' |
  awk '
    /^\t\/usr\/(local|lib)\/go/ { if (held != "") held = ""; next }
    { if (held != "") print held; held = "" }
    /^(panic|sync\.|runtime\.)[a-zA-Z_.()*]*\(.*\)$/ { held = $0; next }
    { print }
    END { if (held != "") print held }'
