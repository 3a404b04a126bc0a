#include "services/event_pattern/ip_address.h"

#include <charconv>
#include <string>

namespace skybox::services::event_pattern {
namespace {

bool ParseIpv4Into(std::string_view text, uint8_t* out) {
  for (int part = 0; part < 4; ++part) {
    const size_t dot = part < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return false;
    const std::string_view digits = text.substr(0, dot);
    if (digits.empty() || digits.size() > 3) return false;
    unsigned value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 255) return false;
    out[part] = static_cast<uint8_t>(value);
    text.remove_prefix(part < 3 ? dot + 1 : dot);
  }
  return text.empty();
}

// Parses colon-separated 16-bit groups (possibly ending in an embedded IPv4 address) into
// `out`, returning how many bytes were written, or -1 when malformed.
int ParseGroups(std::string_view text, uint8_t* out, int max_bytes) {
  if (text.empty()) return 0;
  int written = 0;
  while (true) {
    const size_t colon = text.find(':');
    const std::string_view group = text.substr(0, colon);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      if (written + 4 > max_bytes || !ParseIpv4Into(group, out + written)) return -1;
      return written + 4;
    }
    if (group.empty() || group.size() > 4 || written + 2 > max_bytes) return -1;
    unsigned value = 0;
    auto [end, ec] = std::from_chars(group.data(), group.data() + group.size(), value, 16);
    if (ec != std::errc() || end != group.data() + group.size()) return -1;
    out[written++] = static_cast<uint8_t>(value >> 8);
    out[written++] = static_cast<uint8_t>(value & 0xff);
    if (colon == std::string_view::npos) return written;
    text.remove_prefix(colon + 1);
  }
}

std::optional<IpAddress> ParseIpv6(std::string_view text) {
  IpAddress address;
  address.is_v6 = true;
  const size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (ParseGroups(text, address.bytes.data(), 16) != 16) return std::nullopt;
    return address;
  }
  const std::string_view before = text.substr(0, gap);
  const std::string_view after = text.substr(gap + 2);
  if (after.find("::") != std::string_view::npos) return std::nullopt;
  std::array<uint8_t, 16> tail{};
  const int head_bytes = ParseGroups(before, address.bytes.data(), 14);
  if (head_bytes < 0 || before.find('.') != std::string_view::npos) return std::nullopt;
  const int tail_bytes = ParseGroups(after, tail.data(), 14 - head_bytes);
  if (tail_bytes < 0) return std::nullopt;
  for (int i = 0; i < tail_bytes; ++i) address.bytes[16 - tail_bytes + i] = tail[i];
  return address;
}

bool PrefixEqual(const IpAddress& a, const IpAddress& b, int bits) {
  int byte = 0;
  for (; bits >= 8; bits -= 8, ++byte) {
    if (a.bytes[byte] != b.bytes[byte]) return false;
  }
  if (bits == 0) return true;
  const auto mask = static_cast<uint8_t>(0xff << (8 - bits));
  return (a.bytes[byte] & mask) == (b.bytes[byte] & mask);
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return ParseIpv6(text);
  IpAddress address;
  if (!ParseIpv4Into(text, address.bytes.data())) return std::nullopt;
  return address;
}

Result<CidrBlock> CidrBlock::Parse(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos || text.find('/', slash + 1) != std::string_view::npos) {
    return InvalidArgument("Malformed CIDR, one '/' required");
  }
  const std::string_view address_text = text.substr(0, slash);
  const std::string_view bits_text = text.substr(slash + 1);
  int bits = 0;
  auto [end, ec] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
  if (bits_text.empty() || ec != std::errc() || end != bits_text.data() + bits_text.size()) {
    return InvalidArgument("Malformed CIDR, mask bits must be an integer");
  }
  if (bits < 0) return InvalidArgument("Malformed CIDR, mask bits must not be negative");
  std::optional<IpAddress> network = ParseIpAddress(address_text);
  if (!network) return InvalidArgument("Nonstandard IP address: " + std::string(address_text));
  if (!network->is_v6 && bits > 31) return InvalidArgument("IPv4 mask bits must be < 32");
  if (network->is_v6 && bits > 127) return InvalidArgument("IPv6 mask bits must be < 128");
  CidrBlock block;
  block.network_ = *network;
  block.prefix_bits_ = bits;
  return block;
}

bool CidrBlock::Contains(std::string_view ip) const {
  std::optional<IpAddress> address = ParseIpAddress(ip);
  if (!address || address->is_v6 != network_.is_v6) return false;
  return PrefixEqual(*address, network_, prefix_bits_);
}

}  // namespace skybox::services::event_pattern
