// Decides which AWS service (by botocore model name) a request is for, before the request is
// authenticated or decoded. The order follows AWS's own endpoints, adapted to one port:
//   1. Skybox's own paths (/_skybox/..., /_localstack/..., /metrics) are admin requests.
//   2. The SigV4 credential-scope service name ("sqs", "monitoring", ...); "dynamodb" is split
//      into DynamoDB and DynamoDB Streams by X-Amz-Target, "apigateway" into v1 and v2 (/v2/).
//   3. Unsigned requests: the X-Amz-Target prefix (json protocols), then the Version= of a
//      query-protocol request (Action=...&Version=2012-11-05 is SQS).
//   4. Everything else is S3, path style or virtual-hosted style: "<bucket>.localhost",
//      "<bucket>.s3.localhost", "<bucket>.s3.<region>.amazonaws.com", or
//      "<bucket>.<configured domain>"; or S3's static website endpoint, a Host of
//      "<bucket>.s3-website.localhost", "<bucket>.s3-website[-.]<region>.localhost" or the same
//      under amazonaws.com (so a bucket named "x.s3-website" is reached path style only).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "net/http_message.h"

namespace skybox::aws {

struct Route {
  enum class Kind { kAdmin, kService, kUnknownService };
  Kind kind = Kind::kService;
  std::string_view model;     // kService: botocore model name
  std::string unknown_name;   // kUnknownService: the credential-scope name nobody serves
  std::string s3_bucket;      // S3 virtual-hosted style: the bucket named by the Host header
  bool s3_website = false;    // the Host is the static website endpoint of s3_bucket
};

struct RouterOptions {
  // Extra domains whose subdomains name S3 buckets ("s3.example.test" makes
  // "photos.s3.example.test" the bucket "photos"). "localhost" and "s3.localhost" always are.
  std::vector<std::string> s3_domains;
};

// `scope_service` is the credential-scope service of a signed request, empty when unsigned.
Route RouteRequest(const net::HttpRequest& request, std::string_view scope_service,
                   const RouterOptions& options);

// The path Skybox's own endpoints live under.
bool IsAdminPath(std::string_view path);

}  // namespace skybox::aws
