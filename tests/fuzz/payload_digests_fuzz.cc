// libFuzzer target: the digests a request sends for a payload S3 holds whole
// (aws/protocol/payload_digests.h). Input: one selector byte, the header value up to the first
// '\n', then the payload. The selector's low bits pick the header (Content-MD5 or one of the
// x-amz-checksum-* headers), bit 0x40 adds a second checksum header, and bit 0x80 sends the
// payload's true digest instead of the value given. Invariant: a true digest is accepted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aws/protocol/payload_digests.h"
#include "base/checksum.h"
#include "base/crypto.h"

using namespace skybox;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t selector = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t nl = rest.find('\n');
  std::string value(rest.substr(0, nl));
  std::string_view payload = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);

  const size_t which = (selector & 0x3f) % (kAllChecksumAlgorithms.size() + 1);
  const bool truthful = selector & 0x80;
  net::HttpRequest request;
  if (which == 0) {
    if (truthful) value = Base64Encode(AsBytes(Md5(payload)));
    request.headers.push_back({"content-md5", value});
  } else {
    ChecksumAlgorithm algorithm = kAllChecksumAlgorithms[which - 1];
    if (truthful) value = Base64Encode(ComputeChecksum(algorithm, payload));
    request.headers.push_back({std::string(ChecksumHeader(algorithm)), value});
  }
  const bool second = selector & 0x40;
  if (second) request.headers.push_back({"x-amz-checksum-sha1", value});
  Status status = aws::VerifyPayloadDigests(request, payload, /*checksum_headers=*/true);
  if (truthful && !second && !status.ok()) __builtin_trap();
  return 0;
}
