// Whether a request carries a digest of its body: Content-MD5 or any x-amz-checksum-<algo>
// header. The operations the model marks `requestChecksumRequired` (DeleteObjects, the Object
// Lock settings, ...) are refused without one.
//
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "base/status.h"
#include "net/http_message.h"

namespace skybox::s3 {

// `headers` as the request parser gives them, names in lower case.
bool SentBodyDigest(const std::vector<net::HttpHeader>& headers);

// 400 InvalidRequest "Missing required header for this request: Content-MD5 OR x-amz-checksum-*",
// as S3 answers PutObjectLockConfiguration and PutObjectLegalHold without a digest.
Status MissingBodyDigest();

}  // namespace skybox::s3
