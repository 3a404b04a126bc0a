// S3's static website endpoint (aws::WebsiteEndpoint): a bucket with a website configuration
// served to browsers at "<bucket>.s3-website.localhost:4566" (aws/router.h names the hosts).
//
// Only GET and HEAD (else 405 MethodNotAllowed). The rules of website_rules.h decide redirects
// and which object a path reads; the object is read as an unsigned GetObject / HeadObject, so
// the bucket policy and ACLs decide access exactly as on the REST endpoint (a missing key of a
// bucket that does not grant listing is 403). Then, as S3 does:
//   - an object with x-amz-website-redirect-location answers 301 to it;
//   - a path without a trailing '/' whose object is missing, while <path>/<index suffix>
//     exists, answers 302 to <path>/;
//   - a failed read answers the error document (with the error's status) when the bucket has
//     one and it can be read, else an HTML page naming the error (Code, Message, RequestId),
//     plus the error document's own error when reading it failed.
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
