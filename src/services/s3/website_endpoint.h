// S3's static website endpoint (aws::WebsiteEndpoint): a bucket with a website configuration
// served to browsers at "<bucket>.s3-website.localhost:4566" (aws/router.h names the hosts).
//
// Only GET and HEAD (else 405 MethodNotAllowed) of an origin-form path (else 400 InvalidURI).
// The rules of website_rules.h decide redirects and which object a path reads; the object is
// read as an unsigned GetObject / HeadObject with the request's range and conditional headers,
// so the bucket policy and ACLs decide access exactly as on the REST endpoint (a missing key of
// a bucket that does not grant listing is 403) and a 304 or 206 passes through. Then, as S3:
//   - an object with x-amz-website-redirect-location answers 301 to it;
//   - a path without a trailing '/' whose read failed with 404 or 403 (a missing key without
//     list permission), while <path>/<index suffix> can be read, answers 302 to <path>/;
//   - any other failed read with a 4XX status answers the error document (whole, with the
//     error's status) when the bucket has one and it can be read; otherwise, and for 5XX, an
//     HTML page naming the error (Code, Message, details such as Key, RequestId), plus the
//     error document's own error when reading it failed. Both carry x-amz-error-code and
//     x-amz-error-message (not for 5XX).
// Errors before any read: 404 NoSuchBucket, 404 NoSuchWebsiteConfiguration.
//
// Thread-safety: the endpoint is immutable and shared by every event loop; each request owns
// its own state.
#pragma once

#include <memory>

#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

std::shared_ptr<const aws::WebsiteEndpoint> NewWebsiteEndpoint(std::shared_ptr<S3Backend> backend);

}  // namespace skybox::s3
