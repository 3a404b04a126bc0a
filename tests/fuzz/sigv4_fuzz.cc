// Feeds arbitrary bytes to SigV4 parsing (and the router's SigningServiceOf, which must agree
// with it) and canonicalisation as an Authorization header, a
// request target (path + query, including presigned parameters) and a body. Nothing may
// crash, hang or read out of bounds.
//
// Input layout: "<authorization>\n<target>\n<body>"; missing parts are empty.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "aws/auth/canonical_request.h"
#include "aws/auth/credential_store.h"
#include "aws/auth/sigv4_parser.h"
#include "aws/auth/sigv4_verifier.h"
#include "net/http_message.h"

namespace {

std::string_view NextLine(std::string_view& rest) {
  size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

void VerifyIfParsed(const skybox::net::HttpRequest& request) {
  using namespace skybox::aws;
  const std::string_view service = SigningServiceOf(request);
  auto parsed = ParseSigV4(request);
  if (!parsed.ok()) return;
  // The router's quick read names the same service as the full parse.
  if (service != parsed->scope.service) std::abort();
  // Make the access key known so verification runs the whole canonicalisation.
  CredentialStore store({{parsed->access_key_id, "fuzz-secret", "fuzzer"}});
  (void)VerifySigV4(request, *parsed, store,
                    std::chrono::system_clock::time_point(parsed->request_time));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string_view authorization = NextLine(rest);
  std::string_view target = NextLine(rest);

  skybox::net::HttpRequest request;
  request.method = "PUT";
  request.target = std::string(target);
  request.body = std::string(rest);
  request.headers = {{"host", "127.0.0.1:4566"},
                     {"x-amz-date", "20250101T000000Z"},
                     {"x-amz-content-sha256", std::string(authorization.substr(0, 64))}};

  // As a presigned URL (no Authorization header).
  VerifyIfParsed(request);
  // As header authentication.
  request.headers.push_back({"authorization", std::string(authorization)});
  VerifyIfParsed(request);

  for (std::string_view service : {"s3", "sts"}) {
    (void)skybox::aws::CanonicalRequest(request, service, {"host", "x-amz-date", "authorization"},
                                        skybox::aws::PayloadHash(request, service, true), true);
  }
  return 0;
}
