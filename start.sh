#!/usr/bin/env bash
# start.sh — the first command: installs what is missing, builds, and runs Interleave.
# With a display it opens the GUI on the default scenario; without one it runs that scenario headless and
# prints its summary. Arguments are passed to the program (e.g. ./start.sh gui scenarios/dining_philosophers/naive.toml).
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
exec ./build/interleave "$@"
