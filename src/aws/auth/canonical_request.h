// The SigV4 canonical request and string to sign, built from a request as received. This is
// the single canonicalisation used by both the verifier and the signer, so a request Skybox
// signs is byte-for-byte what the verifier recomputes.
//
// Rules (AWS "Create a canonical request"), matched against botocore:
//   - URI: for S3 the path exactly as sent; for every other service the path with dot
//     segments and empty segments removed, then percent-encoded again (so "%20" becomes
//     "%2520"), "/" when empty;
//   - query: every parameter decoded and re-encoded strictly, sorted by name then value;
//     presigned requests drop X-Amz-Signature;
//   - headers: the signed header names in the order given, each value trimmed with runs of
//     whitespace collapsed, repeated headers joined with ',';
//   - payload: see PayloadHash.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "net/http_message.h"

namespace skybox::aws {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

std::string CanonicalUri(std::string_view raw_path, std::string_view service);

// `params`: the query string parsed with '+' literal (net::PlusSign::kLiteral).
std::string CanonicalQueryString(const std::vector<net::QueryParam>& params, bool drop_signature);

// "name:value\n" for each of `signed_headers` (lower-case names). A signed header the
// request lacks contributes "name:\n" (and so fails verification).
std::string CanonicalHeaders(const net::HttpRequest& request,
                             const std::vector<std::string>& signed_headers);

// The payload hash the client signed: the x-amz-content-sha256 header when present (a hex
// hash, UNSIGNED-PAYLOAD or a STREAMING-* mode); for presigned S3 requests the
// X-Amz-Content-Sha256 query parameter or UNSIGNED-PAYLOAD; otherwise the hex SHA-256 of the
// body.
std::string PayloadHash(const net::HttpRequest& request, std::string_view service,
                        bool presigned);

// METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED;HEADERS\nPAYLOAD
std::string CanonicalRequest(const net::HttpRequest& request, std::string_view service,
                             const std::vector<std::string>& signed_headers,
                             std::string_view payload_hash, bool presigned);

// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical request>"; `scope` is
// "YYYYMMDD/region/service/aws4_request".
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

}  // namespace skybox::aws
