// IP addresses and CIDR blocks for the `cidr` operator ("IP address matching"), IPv4 and IPv6.
//
// Thread-safety: pure functions and immutable values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/result.h"

namespace skybox::services::event_pattern {

struct IpAddress {
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
  bool is_v6 = false;
  size_t size() const { return is_v6 ? 16 : 4; }
};

// Parses dotted-quad IPv4 ("10.0.0.1") or textual IPv6 ("2001:db8::1", "::ffff:10.0.0.1");
// nullopt for anything else (host names are never resolved).
std::optional<IpAddress> ParseIpAddress(std::string_view text);

class CidrBlock {
 public:
  // Parses "address/bits". Fails with AWS's texts: "Malformed CIDR, one '/' required",
  // "Malformed CIDR, mask bits must be an integer", "Nonstandard IP address: x",
  // "IPv4 mask bits must be < 32", "IPv6 mask bits must be < 128".
  static Result<CidrBlock> Parse(std::string_view text);

  // True when `ip` is an address of the same family inside the block.
  bool Contains(std::string_view ip) const;

 private:
  IpAddress network_;
  int prefix_bits_ = 0;
};

}  // namespace skybox::services::event_pattern
