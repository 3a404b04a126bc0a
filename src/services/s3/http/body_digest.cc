#include "services/s3/http/body_digest.h"

#include "base/ascii.h"
#include "base/checksum.h"

namespace skybox::s3 {

bool SentBodyDigest(const std::vector<net::HttpHeader>& headers) {
  for (const net::HttpHeader& h : headers) {
    const std::string name = AsciiLowercase(h.name);
    if (name == "content-md5") return true;
    for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
      if (name == ChecksumHeader(algorithm)) return true;
    }
  }
  return false;
}

Status MissingBodyDigest() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                     "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
}

}  // namespace skybox::s3
