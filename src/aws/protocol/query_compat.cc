#include "aws/protocol/query_compat.h"

#include <array>
#include <memory>
#include <span>
#include <string_view>

#include "aws/model/embedded_models.h"
#include "base/log.h"

namespace skybox::aws {
namespace {

// One collection member's query name. Lists: `wire` is the repeated item's name, which the
// flattened member also goes by (AttributeName.1, <QueueUrl> repeated). Maps: `wire` names
// each entry, `map_key` its key element; the value element is always "Value".
struct QueryName {
  std::string_view structure;  // the shape holding the member
  std::string_view member;     // the member, as the JSON model names it
  std::string_view wire;
  std::string_view map_key;    // empty for lists
};

// SQS's query names, from its query-era API (the 2012-11-05 query model and reference). Members
// added after the query era (ReceiveMessage's MessageSystemAttributeNames) keep their JSON name,
// as botocore's query serializer sends them.
constexpr std::array<QueryName, 34> kSqsNames = {{
    {"AddPermissionRequest", "AWSAccountIds", "AWSAccountId", ""},
    {"AddPermissionRequest", "Actions", "ActionName", ""},
    {"ChangeMessageVisibilityBatchRequest", "Entries", "ChangeMessageVisibilityBatchRequestEntry", ""},
    {"ChangeMessageVisibilityBatchResult", "Successful", "ChangeMessageVisibilityBatchResultEntry", ""},
    {"ChangeMessageVisibilityBatchResult", "Failed", "BatchResultErrorEntry", ""},
    {"CreateQueueRequest", "Attributes", "Attribute", "Name"},
    {"CreateQueueRequest", "tags", "Tag", "Key"},
    {"DeleteMessageBatchRequest", "Entries", "DeleteMessageBatchRequestEntry", ""},
    {"DeleteMessageBatchResult", "Successful", "DeleteMessageBatchResultEntry", ""},
    {"DeleteMessageBatchResult", "Failed", "BatchResultErrorEntry", ""},
    {"GetQueueAttributesRequest", "AttributeNames", "AttributeName", ""},
    {"GetQueueAttributesResult", "Attributes", "Attribute", "Name"},
    {"ListDeadLetterSourceQueuesResult", "queueUrls", "QueueUrl", ""},
    {"ListQueueTagsResult", "Tags", "Tag", "Key"},
    {"ListQueuesResult", "QueueUrls", "QueueUrl", ""},
    {"Message", "Attributes", "Attribute", "Name"},
    {"Message", "MessageAttributes", "MessageAttribute", "Name"},
    {"MessageAttributeValue", "StringListValues", "StringListValue", ""},
    {"MessageAttributeValue", "BinaryListValues", "BinaryListValue", ""},
    {"MessageSystemAttributeValue", "StringListValues", "StringListValue", ""},
    {"MessageSystemAttributeValue", "BinaryListValues", "BinaryListValue", ""},
    {"ReceiveMessageRequest", "AttributeNames", "AttributeName", ""},
    {"ReceiveMessageRequest", "MessageAttributeNames", "MessageAttributeName", ""},
    {"ReceiveMessageResult", "Messages", "Message", ""},
    {"SendMessageBatchRequest", "Entries", "SendMessageBatchRequestEntry", ""},
    {"SendMessageBatchRequestEntry", "MessageAttributes", "MessageAttribute", "Name"},
    {"SendMessageBatchRequestEntry", "MessageSystemAttributes", "MessageSystemAttribute", "Name"},
    {"SendMessageBatchResult", "Successful", "SendMessageBatchResultEntry", ""},
    {"SendMessageBatchResult", "Failed", "BatchResultErrorEntry", ""},
    {"SendMessageRequest", "MessageAttributes", "MessageAttribute", "Name"},
    {"SendMessageRequest", "MessageSystemAttributes", "MessageSystemAttribute", "Name"},
    {"SetQueueAttributesRequest", "Attributes", "Attribute", "Name"},
    {"TagQueueRequest", "Tags", "Tag", "Key"},
    {"UntagQueueRequest", "TagKeys", "TagKey", ""},
}};

constexpr std::string_view kSqsNamespace = "http://queue.amazonaws.com/doc/2012-11-05/";

// SQS's JSON error names and the legacy query codes it still reports; current models no
// longer carry the latter.
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

// Ordered, so that the twin keeps the model's member order (the order of XML elements).
using Json = nlohmann::ordered_json;

Status OverlayMismatch(const QueryName& n) {
  return Status(StatusCode::kDataLoss, "query names overlay: no member " + std::string(n.structure) +
                                           "." + std::string(n.member) + " in the model");
}

// Rewrites the JSON-protocol model text into its query twin.
Status ApplyOverlay(Json& model, std::span<const QueryName> names, std::string_view xml_namespace) {
  Json& md = model["metadata"];
  md["protocol"] = "query";
  md["protocols"] = Json::array({"query"});
  md["xmlNamespace"] = xml_namespace;
  md.erase("targetPrefix");
  md.erase("jsonVersion");
  Json& shapes = model["shapes"];
  for (const QueryName& n : names) {
    auto s = shapes.find(std::string(n.structure));
    if (s == shapes.end() || !s->contains("members") || !(*s)["members"].contains(std::string(n.member))) {
      return OverlayMismatch(n);
    }
    Json& ref = (*s)["members"][std::string(n.member)];
    ref["locationName"] = n.wire;
    ref["flattened"] = true;
    auto target = shapes.find(ref.value("shape", std::string()));
    if (target == shapes.end()) return OverlayMismatch(n);
    if (n.map_key.empty()) {
      (*target)["member"]["locationName"] = n.wire;
    } else {
      (*target)["key"]["locationName"] = n.map_key;
      (*target)["value"]["locationName"] = "Value";
    }
  }
  for (auto& [name, op] : model["operations"].items()) {
    if (op.contains("output")) op["output"]["resultWrapper"] = name + "Result";
  }
  return Status::Ok();
}

Result<std::unique_ptr<ServiceModel>> BuildTwin(std::string_view service, std::span<const QueryName> names,
                                                std::string_view xml_namespace) {
  for (const EmbeddedModel& embedded : EmbeddedModels()) {
    if (embedded.name != service) continue;
    SKYBOX_ASSIGN_OR_RETURN(std::string text, Gunzip(embedded.compressed));
    Json model = Json::parse(text, nullptr, false);
    if (model.is_discarded()) return Status(StatusCode::kDataLoss, "unparseable embedded model");
    SKYBOX_RETURN_IF_ERROR(ApplyOverlay(model, names, xml_namespace));
    return ServiceModel::Parse(service, model.dump());
  }
  return Status(StatusCode::kNotFound, "no embedded model");
}

const ServiceModel* SqsTwin() {
  static const std::unique_ptr<ServiceModel> twin = [] {
    auto built = BuildTwin("sqs", kSqsNames, kSqsNamespace);
    if (built.ok()) return std::move(built).value();
    Log(LogLevel::kError, "cannot build the query twin of a model",
        {{"service", "sqs"}, {"error", built.status().ToString()}});
    return std::unique_ptr<ServiceModel>();
  }();
  return twin.get();
}

}  // namespace

bool NeedsQueryTwin(const ServiceModel& model) {
  return model.aws_query_compatible() && model.protocol() != "query";
}

const ServiceModel* QueryTwin(const ServiceModel& model) {
  if (model.name() == "sqs" && NeedsQueryTwin(model)) return SqsTwin();
  return nullptr;
}

JsonAndQueryCode ErrorCodes(const ServiceModel& model, const std::string& code) {
  if (model.name() == "sqs") {
    for (const auto& [json, query] : kSqsQueryCodes) {
      if (json == code || query == code) return {std::string(json), std::string(query)};
    }
  }
  return {code, code};
}

std::optional<Status> MissingParameter(const ServiceModel& model, const Shape& input_shape,
                                       const Document& input) {
  if (model.name() != "sqs") return std::nullopt;
  for (const Member& m : input_shape.members) {
    if (m.required && !input.contains(m.name)) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "MissingParameter",
                         "The request must contain the parameter " + m.WireName() + ".");
    }
  }
  return std::nullopt;
}

}  // namespace skybox::aws
