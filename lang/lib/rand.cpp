// rand.cpp — Go 1.19's math/rand algorithms (rng.go, rand.go), transcribed statement by statement.
// Algorithms by D. P. Mitchell and J. A. Reeds as implemented in Go (Copyright 2009 The Go Authors,
// BSD-style license, https://go.dev/LICENSE).
#include "lang/lib/rand.h"

namespace interleave::golib {
namespace {

constexpr std::int32_t kInt32Max = (std::int32_t{1} << 30) - 1 + (std::int32_t{1} << 30);

// seed rng x[n+1] = 48271 * x[n] mod (2**31 - 1), Schrage's method as in Go.
std::int32_t seedrand(std::int32_t x) {
  constexpr std::int32_t A = 48271, Q = 44488, R = 3399;
  const std::int32_t hi = x / Q, lo = x % Q;
  x = A * lo - R * hi;
  if (x < 0) x += kInt32Max;
  return x;
}

}  // namespace

void GoRngSource::seed_with(std::int64_t seed) {
  tap_ = 0;
  feed_ = detail::kRngLen - detail::kRngTap;
  seed = seed % kInt32Max;
  if (seed < 0) seed += kInt32Max;
  if (seed == 0) seed = 89482311;
  auto x = static_cast<std::int32_t>(seed);
  for (int i = -20; i < detail::kRngLen; ++i) {
    x = seedrand(x);
    if (i >= 0) {
      std::uint64_t u = static_cast<std::uint64_t>(static_cast<std::int64_t>(x)) << 40;
      x = seedrand(x);
      u ^= static_cast<std::uint64_t>(static_cast<std::int64_t>(x)) << 20;
      x = seedrand(x);
      u ^= static_cast<std::uint64_t>(static_cast<std::int64_t>(x));
      u ^= static_cast<std::uint64_t>(detail::kRngCooked[i]);
      vec_[i] = u;
    }
  }
}

std::int64_t GoRand::int63n(std::int64_t n) {
  if (n <= 0) throw GoRandError("invalid argument to Int63n");
  if ((n & (n - 1)) == 0) return int63() & (n - 1);
  const auto max = static_cast<std::int64_t>((std::uint64_t{1} << 63) - 1 -
                                             (std::uint64_t{1} << 63) % static_cast<std::uint64_t>(n));
  std::int64_t v = int63();
  while (v > max) v = int63();
  return v % n;
}

std::int32_t GoRand::int31n(std::int32_t n) {
  if (n <= 0) throw GoRandError("invalid argument to Int31n");
  if ((n & (n - 1)) == 0) return int31() & (n - 1);
  const auto max = static_cast<std::int32_t>((std::uint32_t{1} << 31) - 1 -
                                             (std::uint32_t{1} << 31) % static_cast<std::uint32_t>(n));
  std::int32_t v = int31();
  while (v > max) v = int31();
  return v % n;
}

std::int32_t GoRand::int31n_lemire(std::int32_t n) {
  std::uint32_t v = uint32();
  std::uint64_t prod = std::uint64_t{v} * static_cast<std::uint64_t>(n);
  auto low = static_cast<std::uint32_t>(prod);
  if (low < static_cast<std::uint32_t>(n)) {
    const std::uint32_t thresh = (0u - static_cast<std::uint32_t>(n)) % static_cast<std::uint32_t>(n);
    while (low < thresh) {
      v = uint32();
      prod = std::uint64_t{v} * static_cast<std::uint64_t>(n);
      low = static_cast<std::uint32_t>(prod);
    }
  }
  return static_cast<std::int32_t>(prod >> 32);
}

std::int64_t GoRand::intn(std::int64_t n) {
  if (n <= 0) throw GoRandError("invalid argument to Intn");
  if (n <= (std::int64_t{1} << 31) - 1) return int31n(static_cast<std::int32_t>(n));
  return int63n(n);
}

double GoRand::float64() {
  for (;;) {
    // 2^63 exactly; int63() converts with round-to-nearest as Go's float64(int64) does.
    const double f = static_cast<double>(int63()) / 9223372036854775808.0;
    if (f != 1) return f;
  }
}

float GoRand::float32() {
  for (;;) {
    const auto f = static_cast<float>(float64());
    if (f != 1) return f;
  }
}

std::vector<std::int64_t> GoRand::perm(std::int64_t n) {
  if (n < 0) throw GoRandError("runtime error: makeslice: len out of range");
  std::vector<std::int64_t> m(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t j = intn(i + 1);
    m[i] = m[j];
    m[j] = i;
  }
  return m;
}

}  // namespace interleave::golib
