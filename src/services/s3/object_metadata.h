// The object attributes PutObject, CopyObject (REPLACE) and CreateMultipartUpload take from a
// request, and the response members every read of an object reports.
//
// Thread-safety: pure functions.
#pragma once

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/object_record.h"
#include "services/s3/server_side_encryption.h"

namespace skybox::s3 {

// System headers, user metadata, tags (x-amz-tagging), storage class from an input document
// into `version`. Fails with S3's error for a bad tag set, storage class, website redirect
// location (InvalidRedirectLocation unless it starts with '/', http:// or https://) or
// oversized metadata.
Status ReadObjectAttributes(const aws::Document& input, ObjectVersion& version);

// The members GetObject / HeadObject report for `version` (not Body, ContentLength, ranges,
// PartsCount);
// `customer_key` is the SSE-C key the read gave (reported as SSECustomerKeyMD5).
void AddObjectOutput(const ObjectVersion& version, const std::optional<CustomerKey>& customer_key, bool checksum_mode,
                     aws::Document& out);

// Output members naming a stored checksum (Checksum<ALGO>, ChecksumType).
void AddChecksumOutput(const StoredChecksum& checksum, aws::Document& out);

// The first request header with this lower-case name.
std::optional<std::string_view> RequestHeader(const aws::Call& call, std::string_view name);

// Seconds since the epoch of a stored millisecond time, as output documents take it.
double ToSeconds(int64_t ms);
// The time of an object, part or upload as S3 reports it everywhere: whole seconds (listings say
// ".000Z", as HEAD's Last-Modified has no fraction; clients compare the two).
double WholeSeconds(int64_t ms);
int64_t NowMs();

}  // namespace skybox::s3
