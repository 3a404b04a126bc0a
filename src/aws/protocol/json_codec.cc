// The "json" protocol (JSON-RPC over POST /): X-Amz-Target selects the operation, the body
// is the input structure, errors are {"__type": ..., "message": ...}.
#include <zlib.h>

#include <array>

#include "aws/protocol/codecs.h"
#include "aws/protocol/json_shape.h"
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

// SQS's JSON error names and the legacy query codes it still reports (x-amzn-query-error);
// current models no longer carry the latter.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kSqsQueryCodes = {{
    {"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"},
    {"QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"},
    {"QueueNameExists", "QueueAlreadyExists"},
    {"PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress"},
    {"BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"},
    {"BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"},
    {"EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"},
    {"InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"},
    {"TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"},
    {"UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"},
    {"MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight"},
    {"ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid"},
    {"InvalidIdFormat", "InvalidIdFormat"},
    {"ValidationException", "ValidationError"},
}};

// A service may report either spelling; the wire needs both.
struct JsonAndQueryCode {
  std::string json;
  std::string query;
};

JsonAndQueryCode ErrorCodes(const ServiceModel& model, const std::string& code) {
  if (model.name() == "sqs") {
    for (const auto& [json, query] : kSqsQueryCodes) {
      if (json == code || query == code) return {std::string(json), std::string(query)};
    }
  }
  return {code, code};
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
  if (model.name() == "sqs") {
    // SQS kept its query-era error for absent parameters.
    for (const Member& m : op.input->members) {
      if (m.required && !input.contains(m.name)) {
        return Status::Aws(StatusCode::kInvalidArgument, 400, "MissingParameter",
                           "The request must contain the parameter " + m.name + ".");
      }
    }
  }
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
  Document body = op.output ? DocumentToJson(output, *op.output, false) : Document::object();
  return JsonResponse(model, 200, body.dump(-1, ' ', false, Document::error_handler_t::replace), context);
}

net::HttpResponse JsonCodec::EncodeError(const ServiceModel& model, const Status& status,
                                         const RequestContext& context) const {
  WireError err = ToWireError(model, status, ErrorDialect::kJson);
  JsonAndQueryCode codes = ErrorCodes(model, err.code);
  Document body = {{"__type", ErrorType(model, codes.json)}};
  if (!err.message.empty()) body["message"] = err.message;
  net::HttpResponse resp =
      JsonResponse(model, err.http_status, body.dump(-1, ' ', false, Document::error_handler_t::replace), context);
  if (model.aws_query_compatible()) {
    resp.SetHeader("x-amzn-query-error",
                   codes.query + (err.sender_fault ? ";Sender" : ";Receiver"));
  }
  return resp;
}

}  // namespace skybox::aws
