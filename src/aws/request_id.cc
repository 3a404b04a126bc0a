#include "aws/request_id.h"

#include <atomic>
#include <cctype>
#include <random>

#include "base/uuid.h"

namespace skybox::aws {
namespace {

uint64_t ProcessSeed() {
  static const uint64_t seed = [] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }();
  return seed;
}

// SplitMix64: a bijection, so distinct counters give distinct ids.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string NewRequestId() {
  static std::atomic<uint64_t> counter{0};
  uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  uint64_t hi = Mix(ProcessSeed() ^ n);
  uint64_t lo = Mix(hi + n);
  return FormatUuidV4(hi, lo);
}

std::string S3RequestId(const std::string& request_id) {
  std::string out;
  for (char c : request_id) {
    if (c != '-') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (out.size() == 16) break;
  }
  return out;
}

}  // namespace skybox::aws
