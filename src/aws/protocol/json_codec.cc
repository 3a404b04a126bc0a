// The "json" protocol (JSON-RPC over POST /): X-Amz-Target selects the operation, the body
// is the input structure, errors are {"__type": ..., "message": ...}.
#include <zlib.h>

#include <array>

#include "aws/protocol/codecs.h"
#include "aws/protocol/json_shape.h"
#include "aws/protocol/json_writer.h"
#include "aws/protocol/query_compat.h"
#include "aws/protocol/validation.h"
#include "aws/protocol/wire_error.h"

namespace skybox::aws {
namespace {

std::string ContentType(const ServiceModel& model) {
  return "application/x-amz-json-" + (model.json_version().empty() ? std::string("1.0") : model.json_version());
}

bool IsDynamoDb(const ServiceModel& model) {
  return model.name() == "dynamodb" || model.name() == "dynamodbstreams";
}

// DynamoDB and SQS qualify __type with a namespace (DynamoDB answers framework errors
// from the Coral namespaces); the other JSON services send the bare code.
std::string ErrorType(const ServiceModel& model, const std::string& code) {
  if (IsDynamoDb(model)) {
    if (code == "ValidationException") return "com.amazon.coral.validate#" + code;
    static constexpr std::array<std::string_view, 7> kCoral = {
        "UnknownOperationException", "SerializationException", "UnrecognizedClientException",
        "IncompleteSignatureException", "MissingAuthenticationTokenException",
        "AccessDeniedException", "InternalFailure"};
    for (std::string_view c : kCoral) {
      if (c == code) return "com.amazon.coral.service#" + code;
    }
    return "com.amazonaws.dynamodb.v20120810#" + code;
  }
  if (model.name() == "sqs") return "com.amazonaws.sqs#" + code;
  return code;
}

net::HttpResponse JsonResponse(const ServiceModel& model, int status, std::string body,
                               const RequestContext& context) {
  net::HttpResponse resp;
  resp.status = status;
  resp.SetHeader("Content-Type", ContentType(model));
  resp.SetHeader("x-amzn-RequestId", context.request_id);
  if (IsDynamoDb(model)) {
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    resp.SetHeader("x-amz-crc32", std::to_string(crc));
  }
  resp.body = std::move(body);
  return resp;
}

Status UnknownOperation(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "UnknownOperationException", std::move(message));
}

}  // namespace

Result<const OperationModel*> JsonCodec::ResolveOperation(const ServiceModel& model,
                                                          const net::HttpRequest& request) const {
  auto target = request.Header("x-amz-target");
  if (!target) return UnknownOperation("");
  size_t dot = target->rfind('.');
  if (dot == std::string_view::npos || target->substr(0, dot) != model.target_prefix()) {
    return UnknownOperation("");
  }
  const OperationModel* op = model.FindOperation(target->substr(dot + 1));
  if (op == nullptr) return UnknownOperation("");
  return op;
}

Result<Document> JsonCodec::DecodeInput(const ServiceModel& model, const OperationModel& op,
                                        const net::HttpRequest& request) const {
  SKYBOX_ASSIGN_OR_RETURN(Document body, ParseJsonBody(request.body));
  if (op.input == nullptr) return Document::object();
  SKYBOX_ASSIGN_OR_RETURN(Document input, JsonToDocument(body, *op.input, false));
  // SQS kept its query-era error for absent parameters.
  if (auto missing = MissingParameter(model, *op.input, input)) return *missing;
  // Services that began as query services (awsQueryCompatible, e.g. SQS) kept the query
  // protocol's leniency: AWS accepts values outside their enums (ReceiveMessage's
  // AttributeNames=["ApproximateReceiveCount"]), so they are not checked here either.
  auto violations = FindViolations(
      *op.input, input, ValidationOptions{.check_enums = !model.aws_query_compatible()});
  if (!violations.empty()) return ValidationFailure(ErrorDialect::kJson, ValidationMessage(violations));
  return input;
}

net::HttpResponse JsonCodec::EncodeOutput(const ServiceModel& model, const OperationModel& op,
                                          const Document& output,
                                          const RequestContext& context) const {
  return JsonResponse(model, 200, op.output ? WriteJsonForShape(output, *op.output, false) : "{}", context);
}

net::HttpResponse JsonCodec::EncodeError(const ServiceModel& model, const Status& status,
                                         const RequestContext& context) const {
  WireError err = ToWireError(model, status, ErrorDialect::kJson);
  JsonAndQueryCode codes = ErrorCodes(model, err.code);
  Document body = {{"__type", ErrorType(model, codes.json)}};
  if (!err.message.empty()) body["message"] = err.message;
  // Error members beyond the message: strings, or structured members (DynamoDB's
  // CancellationReasons) as the JSON text of an array or object.
  for (const auto& [name, value] : status.details()) {
    bool structured = !value.empty() && (value.front() == '[' || value.front() == '{');
    Document member = structured ? Document::parse(value, nullptr, false) : Document(value);
    body[name] = member.is_discarded() ? Document(value) : std::move(member);
  }
  net::HttpResponse resp =
      JsonResponse(model, err.http_status, WriteJson(body), context);
  if (model.aws_query_compatible()) {
    resp.SetHeader("x-amzn-query-error",
                   codes.query + (err.sender_fault ? ";Sender" : ";Receiver"));
  }
  return resp;
}

}  // namespace skybox::aws
