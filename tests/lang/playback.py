#!/usr/bin/env python3
"""playback.py [--times] < raw > text — decodes the playback frames that a Go program built with
`-tags faketime` (as on Go's playground) writes to stdout and stderr: each write is a frame of
"\\0\\0PB", an 8-byte big-endian virtual time in nanoseconds since the Unix epoch, a 4-byte big-endian
length and the data. Prints the data as plain text; with --times, prints "@<seconds since the playground's
epoch 2009-11-10 23:00:00 UTC> " before each frame's data instead, and the last frame's time at the end.
Bytes outside frames (none in practice) are copied through."""
import struct
import sys

EPOCH = 1257894000 * 10**9


def frames(raw):
    i = 0
    while i < len(raw):
        if raw[i:i + 4] == b"\0\0PB" and i + 16 <= len(raw):
            t, n = struct.unpack(">QI", raw[i + 4:i + 16])
            yield t, raw[i + 16:i + 16 + n]
            i += 16 + n
        else:
            j = raw.find(b"\0\0PB", i + 1)
            j = len(raw) if j < 0 else j
            yield None, raw[i:j]
            i = j


def main():
    times = "--times" in sys.argv[1:]
    out = sys.stdout.buffer
    last = None
    for t, data in frames(sys.stdin.buffer.read()):
        if times and t is not None:
            out.write(b"@%g " % ((t - EPOCH) / 1e9))
            last = t
        out.write(data)
    if times and last is not None:
        out.write(b"end @%g\n" % ((last - EPOCH) / 1e9))


if __name__ == "__main__":
    main()
