// rand.h — Go 1.19's math/rand, value for value: the same seed gives the same numbers as Go.
//
// Go's default source (rngSource) is an additive lagged Fibonacci generator, x[n] = x[n-607] + x[n-273]
// mod 2^64, seeded from a Lehmer generator (seedrand) mixed with a fixed table of 607 words (rngCooked).
// GoRand layers Go's *rand.Rand methods on top with Go's exact algorithms, so a program that calls
// rand.Seed(42); rand.Intn(10) prints here what it prints under Go 1.19. Unseeded, Go 1.19's global
// generator is Seed(1), and so is a default-constructed GoRand:
//
//   interleave::golib::GoRand r;          // as Go 1.19's global source before any rand.Seed call
//   r.intn(1000);                         // 81, then 887, 847, 59, ...
//   r.seed(7); r.perm(5);                 // rand.Seed(7); rand.Perm(5)
//
// Where Go panics ("invalid argument to Intn"), these methods throw GoRandError; its what() is Go's panic
// value, for the interpreter to raise as a Go panic.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace interleave::golib {

// Thrown for arguments Go's methods panic on; what() is Go's panic value, e.g. "invalid argument to Intn".
struct GoRandError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

namespace detail {
inline constexpr int kRngLen = 607;  // length of the feedback register
inline constexpr int kRngTap = 273;  // the second tap
extern const std::int64_t kRngCooked[kRngLen];
}  // namespace detail

// Go's rngSource: the raw 64-bit generator (rand.NewSource(seed)).
class GoRngSource {
 public:
  explicit GoRngSource(std::int64_t seed = 1) { seed_with(seed); }
  // seed_with(s) resets the generator to the state rand.NewSource(s) starts in.
  void seed_with(std::int64_t seed);
  // uint64() returns the next 64 bits (rngSource.Uint64).
  std::uint64_t uint64() {
    if (--tap_ < 0) tap_ += detail::kRngLen;
    if (--feed_ < 0) feed_ += detail::kRngLen;
    const std::uint64_t x = vec_[feed_] + vec_[tap_];  // wraps mod 2^64 as Go's int64 addition does
    vec_[feed_] = x;
    return x;
  }
  // int63() returns the next value with the top bit cleared (rngSource.Int63).
  std::int64_t int63() { return static_cast<std::int64_t>(uint64() & ~(std::uint64_t{1} << 63)); }

 private:
  int tap_ = 0, feed_ = 0;
  std::uint64_t vec_[detail::kRngLen];
};

// Go's *rand.Rand over an rngSource, with every method teaching programs call.
class GoRand {
 public:
  explicit GoRand(std::int64_t seed = 1) : src_(seed) {}
  // seed(s) is rand.Seed(s): the stream restarts as rand.New(rand.NewSource(s)) would.
  void seed(std::int64_t s) { src_.seed_with(s); }

  std::int64_t int63() { return src_.int63(); }
  std::uint32_t uint32() { return static_cast<std::uint32_t>(int63() >> 31); }
  std::uint64_t uint64() { return src_.uint64(); }
  std::int32_t int31() { return static_cast<std::int32_t>(int63() >> 32); }
  // int() is rand.Int() for Go's 64-bit int.
  std::int64_t int_() { return int63(); }
  // The bounded ones throw GoRandError for n <= 0, as Go panics ("invalid argument to Int63n").
  std::int64_t int63n(std::int64_t n);
  std::int32_t int31n(std::int32_t n);
  std::int64_t intn(std::int64_t n);
  double float64();
  float float32();
  // perm(n) is rand.Perm(n); n < 0 throws Go's panic from make: "runtime error: makeslice: len out of
  // range" (a runtime error in Go, so the interpreter should raise it as one).
  std::vector<std::int64_t> perm(std::int64_t n);
  // shuffle(n, swap) is rand.Shuffle: calls swap(i, j) in Go's order. n < 0 throws
  // "invalid argument to Shuffle".
  template <class Swap>
  void shuffle(std::int64_t n, Swap&& swap) {
    if (n < 0) throw GoRandError("invalid argument to Shuffle");
    std::int64_t i = n - 1;
    for (; i > (std::int64_t{1} << 31) - 1 - 1; --i) swap(i, int63n(i + 1));
    for (; i > 0; --i) swap(i, static_cast<std::int64_t>(int31n_lemire(static_cast<std::int32_t>(i + 1))));
  }

 private:
  // Go's unexported int31n: Lemire's multiply-shift, used by Shuffle only (Go 1.19).
  std::int32_t int31n_lemire(std::int32_t n);
  GoRngSource src_;
};

}  // namespace interleave::golib
