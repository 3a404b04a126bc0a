// Browser CORS for S3 buckets: answering preflight requests and decorating actual responses
// from a bucket's stored CORS configuration ({CORSRules: [...]}, as PutBucketCors stored it).
// The S3 core calls these on its HTTP path; nothing here does I/O except ReadCorsConfig.
//
// Matching follows S3: the first rule whose AllowedOrigins match the Origin (case-sensitive,
// at most one '*' wildcard, e.g. "http://*.example.com"), whose AllowedMethods contain the
// method and (for preflights) whose AllowedHeaders match every requested header
// (case-insensitive, '*' wildcard) decides.
//
// Thread-safety: pure functions; ReadCorsConfig uses the thread-safe Store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "storage/store.h"

namespace skybox::s3 {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct CorsRequest {
  std::string_view origin;  // the Origin header
  std::string_view method;  // Access-Control-Request-Method
  // Access-Control-Request-Headers, already split at commas (spaces are trimmed here).
  std::vector<std::string> request_headers;
};

// The headers of S3's 200 answer to an OPTIONS preflight (Access-Control-Allow-Origin,
// -Allow-Methods, -Allow-Headers, -Expose-Headers, -Max-Age, -Allow-Credentials, Vary), or
// S3's error: 403 AccessForbidden when no rule allows the request or the bucket has no CORS
// rules, 400 BadRequest when Origin or Access-Control-Request-Method is missing or invalid.
// `cors_config` may be null (no configuration).
Result<HeaderList> EvaluateCorsPreflight(const aws::Document& cors_config, const CorsRequest& request);

// The headers to add to an actual (non-preflight) response to a request with `origin` and
// `method` when a rule matches (Access-Control-Allow-Origin, -Allow-Methods,
// -Expose-Headers, -Max-Age, -Allow-Credentials, Vary); empty when none does.
HeaderList CorsResponseHeaders(const aws::Document& cors_config, std::string_view origin, std::string_view method);

// The bucket's stored CORS configuration; std::nullopt when none is set.
Result<std::optional<aws::Document>> ReadCorsConfig(storage::Store& store, storage::Namespace ns,
                                                    std::string_view bucket);

// Whether `value` matches `pattern`, which may hold one '*' matching any run of characters.
bool WildcardMatch(std::string_view pattern, std::string_view value, bool ignore_case);

}  // namespace skybox::s3
