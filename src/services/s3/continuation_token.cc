#include "services/s3/continuation_token.h"

#include "base/checksum.h"
#include "base/crypto.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

constexpr char kFormat = '\x01';
constexpr size_t kCrcBytes = 4;

std::string CrcBytes(std::string_view position) {
  const uint32_t crc = ExtendCrc32c(0, position);
  return {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8),
          static_cast<char>(crc)};
}

}  // namespace

std::string EncodeContinuationToken(std::string_view position) {
  std::string raw(1, kFormat);
  raw.append(position).append(CrcBytes(position));
  return Base64Encode(raw);
}

std::optional<std::string> DecodeContinuationToken(std::string_view token) {
  std::optional<std::string> raw = Base64Decode(token);
  if (!raw || raw->size() < 1 + kCrcBytes || raw->front() != kFormat) return std::nullopt;
  std::string position = raw->substr(1, raw->size() - 1 - kCrcBytes);
  if (raw->compare(raw->size() - kCrcBytes, kCrcBytes, CrcBytes(position)) != 0) return std::nullopt;
  return position;
}

Status InvalidContinuationToken() {
  return InvalidArgument("The continuation token provided is incorrect").WithDetail("ArgumentName", "continuation-token");
}

}  // namespace skybox::s3
