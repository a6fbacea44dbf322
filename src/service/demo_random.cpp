// The demo generator's random numbers: xoshiro256** (Blackman & Vigna) seeded by splitmix64,
// one independent stream per (seed, purpose, student) so students do not depend on each other.
#include <cmath>

#include "service/demo_data_internal.h"

namespace agmon::service::demo {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  // Mix the three inputs through splitmix64 so that neighbouring indexes give unrelated states.
  std::uint64_t x = seed;
  std::uint64_t a = splitmix64(x) ^ (stream * 0xD1B54A32D192ED03ULL);
  x = a;
  std::uint64_t b = splitmix64(x) ^ (index * 0xABC98388FB8FAC03ULL);
  x = b;
  for (auto& s : s_) s = splitmix64(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::normal() {
  // Box-Muller; 1 - uniform() is in (0,1], so the log is finite.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace agmon::service::demo
