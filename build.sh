#!/usr/bin/env bash
# build.sh — installs the Debian 12 packages Interleave needs (only the missing ones), then configures and
# builds with every core. start.sh and test.sh call it; run it alone to just build.
#
#   ./build.sh                      # build/ (RelWithDebInfo)
#   BUILD_DIR=build-asan CMAKE_ARGS="-DINTERLEAVE_SANITIZE=ON" ./build.sh
#   EXTRA_PACKAGES="clang-14" BUILD_TARGETS="interleave-fuzz-go" ...  # more packages; only these targets
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  g++ make cmake pkg-config                     # toolchain
  libboost-context-dev libboost-fiber-dev       # fibers (Boost.Fiber only as a benchmark anchor)
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libimgui-dev libglfw3-dev libgl-dev libstb-dev fonts-dejavu-core
  libgif-dev                                    # GIF recordings of runs (interleave gui --record)
  doctest-dev libbenchmark-dev
  python3 lua5.4                                # anchors of the Go benchmarks (tests/bench/go)
  xvfb xauth libgl1-mesa-dri                    # headless rendering for the GUI test and screenshots
)
# The trace-engine test needs node and npm (Chrome DevTools' trace engine, from npm). Debian's nodejs and npm
# packages are installed only when the commands are missing: a machine with another Node.js (NodeSource's
# nodejs bundles npm and conflicts with Debian's npm package) keeps its own.
# shellcheck disable=SC2206  # EXTRA_PACKAGES is a list of words on purpose
PACKAGES+=(${EXTRA_PACKAGES:-})
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "build.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  echo "== Installing missing packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR=${BUILD_DIR:-build}
# shellcheck disable=SC2086  # CMAKE_ARGS is a list of words on purpose
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CMAKE_ARGS:-} >/dev/null
if [ -n "${BUILD_TARGETS:-}" ]; then
  # shellcheck disable=SC2086
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target ${BUILD_TARGETS}
else
  cmake --build "$BUILD_DIR" -j"$(nproc)"
fi
