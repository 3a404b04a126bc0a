#include "aws/protocol/payload_digests.h"

#include <optional>
#include <string>

#include "base/crypto.h"

namespace skybox::aws {

Status InvalidContentMd5(std::string_view sent) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidDigest", "The Content-MD5 you specified was invalid.")
      .WithDetail("Content-MD5", std::string(sent));
}

Status ContentMd5Mismatch(std::string_view claimed, std::string_view calculated) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "BadDigest",
                     "The Content-MD5 you specified did not match what we received.")
      .WithDetail("CalculatedDigest", Base64Encode(calculated))
      .WithDetail("ExpectedDigest", HexEncode(claimed));
}

Status ChecksumMismatch(ChecksumAlgorithm algorithm) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "BadDigest",
                     "The " + std::string(ChecksumName(algorithm)) + " you specified did not match the calculated checksum.");
}

Status InvalidChecksumValue(ChecksumAlgorithm algorithm) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                     "Value for " + std::string(ChecksumHeader(algorithm)) + " header is invalid.");
}

Status MultipleChecksums() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                     "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
}

Status VerifyPayloadDigests(const net::HttpRequest& request, std::string_view payload, bool checksum_headers) {
  if (auto md5 = request.Header("content-md5")) {
    auto claimed = Base64Decode(*md5);
    if (!claimed || claimed->size() != 16) return InvalidContentMd5(*md5);
    const Md5Digest calculated = Md5(payload);
    if (*claimed != AsBytes(calculated)) return ContentMd5Mismatch(*claimed, AsBytes(calculated));
  }
  if (!checksum_headers) return Status();
  std::optional<ChecksumAlgorithm> sent;
  std::string_view value;
  for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
    auto header = request.Header(ChecksumHeader(algorithm));
    if (!header) continue;
    if (sent) return MultipleChecksums();
    sent = algorithm;
    value = *header;
  }
  if (!sent) return Status();
  auto claimed = Base64Decode(value);
  if (!claimed || claimed->size() != ChecksumDigestSize(*sent)) return InvalidChecksumValue(*sent);
  if (*claimed != ComputeChecksum(*sent, payload)) return ChecksumMismatch(*sent);
  return Status();
}

}  // namespace skybox::aws
