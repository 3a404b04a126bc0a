// S3 static website hosting: what a request to a bucket's website endpoint means under the
// bucket's WebsiteConfiguration (the document PutBucketWebsite stored), before and after the
// object it names is read. website_endpoint.h does the reading and the answering.
//
//   RedirectAllRequestsTo   every request: 301 to <Protocol>://<HostName><the request's path>
//   RoutingRules            the first rule whose Condition holds: a redirect (HttpRedirectCode,
//                           301 by default) to <Protocol>://<HostName>/<new key>, the key
//                           replaced whole (ReplaceKeyWith) or its KeyPrefixEquals replaced
//                           (ReplaceKeyPrefixWith). A rule naming HttpErrorCodeReturnedEquals
//                           holds only once the read failed with that status; a rule without
//                           a Condition holds for every request.
//   IndexDocument           "" and keys ending in '/' read <key><Suffix>
//   ErrorDocument           the object served (with the error's status) when a read fails
//
// Keys are the request path without its leading '/', percent-decoded; Locations are
// percent-encoded (slashes kept). A redirect without a Protocol goes to http (the only protocol
// Skybox serves), one without a HostName to the request's Host.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"

namespace skybox::s3 {

struct WebsiteRedirect {
  int status = 301;
  std::string location;
};

// What the request came with that a redirect may keep.
struct WebsiteRequest {
  std::string_view host;  // the Host header
  std::string_view path;  // as sent, still percent-encoded, without the query
};

// The redirect every request gets (RedirectAllRequestsTo), if the bucket has one.
std::optional<WebsiteRedirect> RedirectAllRequests(const aws::Document& config, const WebsiteRequest& request);

// The first routing rule that holds for `key`: before the read (`error_status` 0) only rules
// without HttpErrorCodeReturnedEquals are considered, after a failed read only rules naming
// `error_status` (and whose KeyPrefixEquals, if any, `key` starts with).
std::optional<WebsiteRedirect> MatchRoutingRule(const aws::Document& config, std::string_view key,
                                                int error_status, const WebsiteRequest& request);

// The object a request for `key` reads: `key` with the index document's suffix appended when
// it is empty or ends in '/'.
std::string IndexedKey(const aws::Document& config, std::string_view key);

// The index document's suffix ("index.html"); empty when the bucket has none.
std::string IndexSuffix(const aws::Document& config);

// The error document's key, if the bucket has one.
std::optional<std::string> ErrorDocumentKey(const aws::Document& config);

}  // namespace skybox::s3
