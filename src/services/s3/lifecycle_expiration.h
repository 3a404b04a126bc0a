// x-amz-expiration: S3 tells readers and writers of an object's current version when a
// lifecycle rule of its bucket will expire it, and which rule
// (expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion-rule").
//
// Thread-safety: reads the Store only; callable from any thread.
#pragma once

#include <string_view>

#include "aws/protocol/document.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// Sets out["Expiration"] when an enabled lifecycle rule of `bucket` matches `version` (the
// current version of `key`) and has an Expiration; leaves `out` alone otherwise.
void AddLifecycleExpiration(S3Backend& b, std::string_view bucket, std::string_view key, const ObjectVersion& version,
                            aws::Document& out);

}  // namespace skybox::s3
