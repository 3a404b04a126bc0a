#include "base/uuid.h"

#include <random>

namespace skybox {

std::string NewUuidV4() {
  thread_local std::mt19937_64 rng = [] {
    std::random_device device;  // 32 bits a call: seed all of the generator's state from several
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  const uint64_t hi = rng();
  return FormatUuidV4(hi, rng());
}

std::string FormatUuidV4(uint64_t hi, uint64_t lo) {
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x4000;             // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000;  // variant 1
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  auto hex = [&out](uint64_t bits, int digits) {
    for (int i = digits - 1; i >= 0; --i) out += kHex[(bits >> (4 * i)) & 0xF];
  };
  hex(hi >> 32, 8);
  out += '-';
  hex(hi >> 16, 4);
  out += '-';
  hex(hi, 4);
  out += '-';
  hex(lo >> 48, 4);
  out += '-';
  hex(lo, 12);
  return out;
}

}  // namespace skybox
