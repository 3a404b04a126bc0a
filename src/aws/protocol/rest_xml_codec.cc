// The "rest-xml" protocol (S3): operations by method + URI template, members bound to the
// URI, query string and headers (x-amz-meta-* as a prefix map), an XML or raw payload.
#include <array>

#include "aws/protocol/codecs.h"
#include "aws/protocol/json_shape.h"
#include "aws/protocol/rest_binding.h"
#include "aws/protocol/validation.h"
#include "aws/protocol/wire_error.h"
#include "aws/protocol/xml_shape.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

// True when some member of `input` travels in the body: an operation with none (GetObject,
// ListObjectsV2) ignores a body sent with it rather than parsing it as XML.
bool HasBodyMembers(const Shape& input) {
  for (const Member& m : input.members) {
    if (m.location == Location::kBody) return true;
  }
  return false;
}

constexpr std::string_view kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

Status MalformedXml() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedXML",
                     "The XML you provided was not well-formed or did not validate against our "
                     "published schema");
}

// S3 names the root element of most responses after the result, not the operation; botocore's
// model does not record it (AWS's Smithy model does, as xmlName). Unlisted operations use
// "<Operation>Result".
std::string RootElement(const OperationModel& op) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kRoots = {{
      {"ListBuckets", "ListAllMyBucketsResult"},
      {"ListObjects", "ListBucketResult"},
      {"ListObjectsV2", "ListBucketResult"},
      {"ListObjectVersions", "ListVersionsResult"},
      {"ListMultipartUploads", "ListMultipartUploadsResult"},
      {"ListParts", "ListPartsResult"},
      {"CreateMultipartUpload", "InitiateMultipartUploadResult"},
      {"CompleteMultipartUpload", "CompleteMultipartUploadResult"},
      {"DeleteObjects", "DeleteResult"},
      {"GetBucketAcl", "AccessControlPolicy"},
      {"GetObjectAcl", "AccessControlPolicy"},
      {"GetBucketLocation", "LocationConstraint"},
      {"GetBucketTagging", "Tagging"},
      {"GetObjectTagging", "Tagging"},
      {"GetBucketVersioning", "VersioningConfiguration"},
      {"GetBucketCors", "CORSConfiguration"},
      {"GetBucketLifecycleConfiguration", "LifecycleConfiguration"},
      {"GetBucketNotificationConfiguration", "NotificationConfiguration"},
      {"GetBucketEncryption", "ServerSideEncryptionConfiguration"},
      {"GetBucketWebsite", "WebsiteConfiguration"},
      {"GetObjectLockConfiguration", "ObjectLockConfiguration"},
      {"GetBucketOwnershipControls", "OwnershipControls"},
      {"GetPublicAccessBlock", "PublicAccessBlockConfiguration"},
      {"GetObjectAttributes", "GetObjectAttributesResponse"},
      {"GetBucketLogging", "BucketLoggingStatus"},
      {"GetBucketAccelerateConfiguration", "AccelerateConfiguration"},
      {"GetBucketRequestPayment", "RequestPaymentConfiguration"},
      {"ListBucketAnalyticsConfigurations", "ListBucketAnalyticsConfigurationResult"},
      {"ListBucketInventoryConfigurations", "ListInventoryConfigurationsResult"},
      {"ListBucketMetricsConfigurations", "ListMetricsConfigurationsResult"},
      {"ListBucketIntelligentTieringConfigurations", "ListBucketIntelligentTieringConfigurationsOutput"},
  }};
  for (const auto& [name, root] : kRoots) {
    if (name == op.name) return std::string(root);
  }
  return op.name + "Result";
}

// A header value with nothing in it: absent, empty, or a list of empty items.
bool IsBlank(const Document* value) {
  if (value == nullptr || value->is_null()) return true;
  if (value->is_string()) return value->get_ref<const std::string&>().empty();
  if (!value->is_array()) return false;
  for (const Document& item : *value) {
    if (!IsBlank(&item)) return false;
  }
  return true;
}

// S3's answer when a request names its operation by a query literal but a header the operation
// requires is missing or blank (the generic "validation error detected" wording is not S3's).
Status MissingRequiredHeader(const OperationModel& op, const Document& input) {
  struct Answer {
    std::string_view operation, member, code, message;
  };
  static constexpr std::array<Answer, 1> kAnswers = {{
      {"GetObjectAttributes", "ObjectAttributes", "InvalidRequest",
       "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty"},
  }};
  for (const Answer& a : kAnswers) {
    if (a.operation != op.name) continue;
    auto it = input.find(std::string(a.member));
    if (IsBlank(it == input.end() ? nullptr : &*it)) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, std::string(a.code), std::string(a.message));
    }
  }
  return Status();
}

std::string NamespaceAttribute(const ServiceModel& model, std::string_view uri) {
  if (uri.empty()) uri = model.xml_namespace();
  if (uri.empty() && model.name() == "s3") uri = kS3Namespace;
  if (uri.empty()) return "";
  std::string attr = " xmlns=\"";
  AppendXmlEscaped(attr, uri);
  return attr + "\"";
}

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

Result<const OperationModel*> RestXmlCodec::ResolveOperation(const ServiceModel& model,
                                                             const net::HttpRequest& request) const {
  RestResolution res = ResolveRestOperation(model, request);
  if (res.operation != nullptr) return res.operation;
  if (res.method_mismatch) {
    return Status::Aws(StatusCode::kInvalidArgument, 405, "MethodNotAllowed",
                       "The specified method is not allowed against this resource.");
  }
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                     "No operation matches " + request.method + " " + std::string(request.Path()));
}

Result<Document> RestXmlCodec::DecodeInput(const ServiceModel&, const OperationModel& op,
                                           const net::HttpRequest& request) const {
  if (op.input == nullptr) return Document::object();
  const Shape& input = *op.input;
  Document out = Document::object();
  std::vector<std::string> violations;
  std::vector<UnparsedBinding> unparsed;
  DecodeRestBindings(input, op, request, out, violations, &unparsed);
  // S3 words a query-string number that does not parse as its own InvalidArgument.
  for (const UnparsedBinding& u : unparsed) {
    const ShapeType type = u.member->shape->type;
    if (u.member->location != Location::kQueryString || (type != ShapeType::kInteger && type != ShapeType::kLong)) {
      continue;
    }
    const std::string name = u.member->WireName();
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                       "Provided " + name + " not an integer or within integer range")
        .WithDetail("ArgumentName", name)
        .WithDetail("ArgumentValue", u.text);
  }
  if (Status st = MissingRequiredHeader(op, out); !st.ok()) return st;
  const Member* payload = input.PayloadMember();
  if (payload != nullptr && payload->shape->type != ShapeType::kStructure) {
    if (payload->shape->type == ShapeType::kBlob) {
      out[payload->name] = BinaryBody(request.body);
    } else if (!request.body.empty()) {
      out[payload->name] = request.body;
    }
  } else if (!request.body.empty() && HasBodyMembers(input)) {
    auto root = ParseXml(request.body);
    if (!root.ok()) return MalformedXml();
    // The root element is the one the model names (S3: <Tagging> for PutBucketTagging).
    const std::string& root_name = payload != nullptr ? payload->WireName() : op.input_location_name;
    if (!root_name.empty() && root->name != root_name) return MalformedXml();
    const Shape& shape = payload != nullptr ? *payload->shape : input;
    auto doc = XmlToDocument(*root, shape);
    if (!doc.ok()) return MalformedXml();
    if (payload != nullptr) {
      out[payload->name] = std::move(doc).value();
    } else {
      for (auto it = doc->begin(); it != doc->end(); ++it) out[it.key()] = std::move(it.value());
    }
  } else if (payload != nullptr && payload->required) {
    return MalformedXml();
  }
  if (payload != nullptr && payload->shape->type == ShapeType::kStructure && out.contains(payload->name) &&
      !FindViolations(*payload->shape, out[payload->name], ValidationOptions{.check_enums = false}).empty()) {
    return MalformedXml();
  }
  for (std::string& v : FindViolations(input, out, ValidationOptions{.check_enums = false})) {
    violations.push_back(std::move(v));
  }
  if (!violations.empty()) return ValidationFailure(ErrorDialect::kRestXml, ValidationMessage(violations));
  return out;
}

net::HttpResponse RestXmlCodec::EncodeOutput(const ServiceModel& model, const OperationModel& op,
                                             const Document& output,
                                             const RequestContext& context) const {
  net::HttpResponse resp;
  resp.status = op.http_response_code;
  resp.SetHeader("x-amz-request-id", context.request_id);
  resp.SetHeader("x-amz-id-2", Base64Encode(context.request_id));
  if (op.output == nullptr) return resp;
  EncodeRestBindings(*op.output, output, resp);
  const Member* payload = op.output->PayloadMember();
  if (payload != nullptr) {
    auto it = output.is_object() ? output.find(payload->name) : output.end();
    if (it == output.end() || it->is_null()) return resp;
    if (payload->shape->type == ShapeType::kStructure) {
      resp.body = std::string(kXmlDeclaration);
      AppendXmlValue(resp.body, payload->WireName(), *payload, *it, false,
                     NamespaceAttribute(model, payload->xml_namespace_uri));
      resp.SetHeader("Content-Type", "application/xml");
    } else if (auto raw = ScalarToText(*it, *payload, TimestampFormat::kIso8601, /*blob_raw=*/true)) {
      resp.body = std::move(*raw);
    }
    return resp;
  }
  bool body_shape = false, any_body = false;
  for (const Member& m : op.output->members) {
    body_shape = body_shape || m.location == Location::kBody;
    any_body = any_body || (m.location == Location::kBody && output.is_object() && output.contains(m.name));
  }
  if (!body_shape) return resp;
  std::string root = RootElement(op);
  resp.body = std::string(kXmlDeclaration);
  const Member* only = op.output->FindMember(root);
  if (!any_body) {
    // Nothing to say is still said as an element: an unversioned bucket's GetBucketVersioning
    // is <VersioningConfiguration xmlns="..."/>, us-east-1's location <LocationConstraint .../>.
    resp.body += "<" + root + NamespaceAttribute(model, "") + "/>";
  } else if (only != nullptr && only->shape->IsScalar()) {
    // e.g. GetBucketLocation: <LocationConstraint xmlns="...">us-west-2</LocationConstraint>
    AppendXmlValue(resp.body, root, *only, output[root], false, NamespaceAttribute(model, ""));
  } else {
    resp.body += "<" + root + NamespaceAttribute(model, "") + ">";
    AppendXmlMembers(resp.body, *op.output, output, true);
    resp.body += "</" + root + ">";
  }
  resp.SetHeader("Content-Type", "application/xml");
  return resp;
}

net::HttpResponse RestXmlCodec::EncodeError(const ServiceModel& model, const Status& status,
                                            const RequestContext& context) const {
  WireError err = ToWireError(model, status, ErrorDialect::kRestXml);
  net::HttpResponse resp;
  resp.status = err.http_status;
  resp.SetHeader("x-amz-request-id", context.request_id);
  resp.SetHeader("x-amz-id-2", Base64Encode(context.request_id));
  if (context.method == "HEAD") return resp;
  resp.SetHeader("Content-Type", "application/xml");
  resp.body = std::string(kXmlDeclaration) + "<Error><Code>";
  AppendXmlEscaped(resp.body, err.code);
  resp.body += "</Code><Message>";
  AppendXmlEscaped(resp.body, err.message);
  resp.body += "</Message>";
  for (const auto& [name, value] : status.details()) {
    resp.body += "<" + name + ">";
    AppendXmlEscaped(resp.body, value);
    resp.body += "</" + name + ">";
  }
  resp.body += "<RequestId>";
  AppendXmlEscaped(resp.body, context.request_id);
  resp.body += "</RequestId><HostId>";
  AppendXmlEscaped(resp.body, Base64Encode(context.request_id));
  resp.body += "</HostId></Error>";
  return resp;
}

}  // namespace skybox::aws
