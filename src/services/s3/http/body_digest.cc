#include "services/s3/http/body_digest.h"

#include "base/checksum.h"

namespace skybox::s3 {

bool SentBodyDigest(const std::vector<net::HttpHeader>& headers) {
  for (const net::HttpHeader& h : headers) {
    if (h.name == "content-md5") return true;
    for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
      if (h.name == ChecksumHeader(algorithm)) return true;
    }
  }
  return false;
}

Status MissingBodyDigest() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                     "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
}

}  // namespace skybox::s3
