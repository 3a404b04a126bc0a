// S3's aws::CorsPolicy: preflights and response headers from the bucket's stored CORS
// configuration (config/cors.h).
//
// Thread-safety: immutable; reads go through the thread-safe Store.
#pragma once

#include <memory>

#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

std::shared_ptr<const aws::CorsPolicy> NewBucketCorsPolicy(std::shared_ptr<S3Backend> backend);

}  // namespace skybox::s3
