// The HTTP bindings shared by the REST protocols (rest-json, rest-xml): matching a request
// to an operation's requestUri template, decoding members bound to the URI, query string
// and headers, and encoding output members bound to headers and the status code.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "aws/model/service_model.h"
#include "aws/protocol/document.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

// Picks the operation whose method and requestUri template match, the most specific one
// winning: more query literals the request carries (a query literal names its operation even
// when a header it requires is missing), then all required header/query-string members
// present, then more literal path characters, then more required members present, then not
// deprecated. Fails with a Status whose http_status is 405 when only the method differs, else
// 404; the caller supplies the AWS codes.
struct RestResolution {
  const OperationModel* operation = nullptr;
  bool method_mismatch = false;  // some template matched the path, none the method
};
RestResolution ResolveRestOperation(const ServiceModel& model, const net::HttpRequest& request);

// Values of the {Label} / {Label+} placeholders of `op`'s template for this request,
// percent-decoded; nullopt when the path does not match.
std::optional<std::map<std::string, std::string>> MatchUriLabels(const OperationModel& op,
                                                                 std::string_view path);

// A bound value that did not parse for its member's type, for codecs whose service words the
// error its own way (S3: "Provided max-keys not an integer or within integer range").
struct UnparsedBinding {
  const Member* member;
  std::string text;
};

// Adds the members of `input` bound to the URI, query string and headers to `out`.
// Scalars that do not parse for their type are reported in `violations` (AWS wording), and in
// `unparsed` when given, except If-Modified-Since / If-Unmodified-Since dates (and S3's
// x-amz-copy-source-if-*-since), which are left out of `out` as if absent (RFC 9110 §13.1.3-4).
void DecodeRestBindings(const Shape& input, const OperationModel& op, const net::HttpRequest& request,
                        Document& out, std::vector<std::string>& violations,
                        std::vector<UnparsedBinding>* unparsed = nullptr);

// Sets the response headers and status code bound by `output`'s members.
void EncodeRestBindings(const Shape& output, const Document& doc, net::HttpResponse& response);

}  // namespace skybox::aws
