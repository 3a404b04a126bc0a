// The "query" protocol: form-encoded Action/Version parameters in, XML out.
#include <map>
#include <optional>

#include "aws/protocol/codecs.h"
#include "aws/protocol/query_compat.h"
#include "aws/protocol/validation.h"
#include "aws/protocol/wire_error.h"
#include "aws/protocol/xml_shape.h"

namespace skybox::aws {
namespace {

using Params = std::map<std::string, std::string, std::less<>>;

// Query-string parameters, then form-body parameters (the body wins on conflicts).
Params CollectParams(const net::HttpRequest& request) {
  Params params;
  for (const auto& [k, v] : request.QueryParams(net::PlusSign::kSpace)) params[k] = v;
  auto type = request.Header("content-type");
  if (!request.body.empty() && (!type || type->find("x-www-form-urlencoded") != std::string_view::npos)) {
    for (auto& [k, v] : net::ParseQueryString(request.body, net::PlusSign::kSpace)) params[k] = std::move(v);
  }
  return params;
}

bool HasPrefix(const Params& params, const std::string& prefix) {
  auto it = params.lower_bound(prefix);
  if (it == params.end()) return false;
  if (it->first == prefix) return true;
  return it->first.size() > prefix.size() && it->first.compare(0, prefix.size(), prefix) == 0 &&
         it->first[prefix.size()] == '.';
}

// Rebuilds the nested input from flat "A.member.1.B" keys, following botocore's
// QuerySerializer naming rules in reverse.
class FormDecoder {
 public:
  explicit FormDecoder(const Params& params) : params_(params) {}

  std::optional<Document> Structure(const Shape& shape, const std::string& prefix,
                                    const std::string& path) {
    Document out = Document::object();
    for (const Member& m : shape.members) {
      std::string key = prefix.empty() ? WireName(m) : prefix + "." + WireName(m);
      if (!HasPrefix(params_, key)) continue;
      std::string member_path = path.empty() ? ValidationPathName(m.name)
                                             : path + "." + ValidationPathName(m.name);
      auto v = Value(m, key, member_path);
      if (!v) return std::nullopt;
      out[m.name] = std::move(*v);
    }
    return out;
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  static std::string WireName(const Member& m) {
    return m.query_name.empty() ? m.WireName() : m.query_name;
  }

  std::optional<Document> Value(const Member& ref, const std::string& key, const std::string& path) {
    const Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure:
        return Structure(shape, key, path);
      case ShapeType::kList: {
        Document list = Document::array();
        std::string item_prefix = key;
        if (ref.flattened || shape.flattened) {
          if (!shape.member.location_name.empty()) {
            size_t dot = key.rfind('.');
            item_prefix = (dot == std::string::npos ? "" : key.substr(0, dot + 1)) + shape.member.location_name;
          }
        } else {
          item_prefix += "." + (shape.member.location_name.empty() ? std::string("member")
                                                                   : shape.member.location_name);
        }
        for (size_t i = 1;; ++i) {
          std::string item = item_prefix + "." + std::to_string(i);
          if (!HasPrefix(params_, item)) break;
          auto v = Value(shape.member, item, path);
          if (!v) return std::nullopt;
          list.push_back(std::move(*v));
        }
        return list;
      }
      case ShapeType::kMap: {
        Document map = Document::object();
        std::string entry_prefix = (ref.flattened || shape.flattened) ? key : key + ".entry";
        std::string k_name = shape.key.location_name.empty() ? "key" : shape.key.location_name;
        std::string v_name = shape.value.location_name.empty() ? "value" : shape.value.location_name;
        for (size_t i = 1;; ++i) {
          std::string entry = entry_prefix + "." + std::to_string(i);
          if (!HasPrefix(params_, entry)) break;
          auto k = params_.find(entry + "." + k_name);
          if (k == params_.end()) continue;
          auto v = Value(shape.value, entry + "." + v_name, path);
          if (!v) return std::nullopt;
          map[k->second] = std::move(*v);
        }
        return map;
      }
      default: {
        auto it = params_.find(key);
        if (it == params_.end()) return Document();  // only nested keys: not a scalar
        auto v = ScalarFromText(it->second, shape, true);
        if (!v) {
          errors_.push_back("Value '" + it->second + "' at '" + path +
                            "' failed to satisfy constraint: Member must be a valid " + TypeWord(shape.type));
          return Document();
        }
        return v;
      }
    }
  }

  static const char* TypeWord(ShapeType t) {
    switch (t) {
      case ShapeType::kInteger:
      case ShapeType::kLong: return "integer";
      case ShapeType::kFloat:
      case ShapeType::kDouble: return "number";
      case ShapeType::kBoolean: return "boolean";
      case ShapeType::kBlob: return "base64 value";
      case ShapeType::kTimestamp: return "timestamp";
      default: return "value";
    }
  }

  const Params& params_;
  std::vector<std::string> errors_;
};

// Drops nulls left by keys that carried no scalar value.
void DropNulls(Document& d) {
  if (d.is_object()) {
    for (auto it = d.begin(); it != d.end();) {
      if (it->is_null()) { it = d.erase(it); } else { DropNulls(*it); ++it; }
    }
  } else if (d.is_array()) {
    for (Document& e : d) DropNulls(e);
  }
}

net::HttpResponse XmlResponse(int status, std::string body, const RequestContext& context) {
  net::HttpResponse resp;
  resp.status = status;
  resp.SetHeader("Content-Type", "text/xml");
  resp.SetHeader("x-amzn-RequestId", context.request_id);
  resp.body = std::move(body);
  return resp;
}

std::string XmlnsAttribute(const ServiceModel& model) {
  if (model.xml_namespace().empty()) return "";
  std::string attr = " xmlns=\"";
  AppendXmlEscaped(attr, model.xml_namespace());
  return attr + "\"";
}

// The model whose shapes carry the query names: the service's own, or its query twin.
const ServiceModel& QueryView(const ServiceModel& model) {
  const ServiceModel* twin = NeedsQueryTwin(model) ? QueryTwin(model) : nullptr;
  return twin ? *twin : model;
}

// A query request to a JSON-era service Skybox has no query names for: refused honestly,
// rather than decoded with the wrong names.
std::optional<Status> RefuseWithoutTwin(const ServiceModel& model, const std::string& operation) {
  if (!NeedsQueryTwin(model) || QueryTwin(model) != nullptr) return std::nullopt;
  return Status::Aws(StatusCode::kUnimplemented, 501, "NotImplemented",
                     "Skybox does not serve the query protocol of " + model.service_id() +
                         " yet (operation " + operation + "); use an SDK that sends JSON");
}

// Old SQS clients post to the queue's URL and may leave QueueUrl out of the form.
void AddQueueUrlFromPath(Params& params, const Shape& input, const net::HttpRequest& request) {
  std::string_view path = request.Path();
  auto host = request.Header("host");
  if (path.size() <= 1 || !host || params.contains("QueueUrl") || input.FindMember("QueueUrl") == nullptr) return;
  params["QueueUrl"] = "http://" + std::string(*host) + std::string(path);
}

}  // namespace

Result<const OperationModel*> QueryCodec::ResolveOperation(const ServiceModel& model,
                                                           const net::HttpRequest& request) const {
  Params params = CollectParams(request);
  auto action = params.find("Action");
  if (action == params.end() || action->second.empty()) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "MissingAction",
                       "Could not find operation to perform: missing Action parameter");
  }
  const OperationModel* op = QueryView(model).FindOperation(action->second);
  if (op == nullptr) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidAction",
                       "The action " + action->second + " is not valid for this web service.");
  }
  if (auto refused = RefuseWithoutTwin(model, op->name)) return *refused;
  return op;
}

Result<Document> QueryCodec::DecodeInput(const ServiceModel& model, const OperationModel& json_op,
                                         const net::HttpRequest& request) const {
  if (auto refused = RefuseWithoutTwin(model, json_op.name)) return *refused;
  const ServiceModel& view = QueryView(model);
  const OperationModel* found = view.FindOperation(json_op.name);
  const OperationModel& op = found ? *found : json_op;
  if (op.input == nullptr) return Document::object();
  Params params = CollectParams(request);
  if (&view != &model) AddQueueUrlFromPath(params, *op.input, request);
  FormDecoder decoder(params);
  auto input = decoder.Structure(*op.input, "", "");
  Document doc = input ? std::move(*input) : Document::object();
  DropNulls(doc);
  if (auto missing = MissingParameter(view, *op.input, doc)) return *missing;
  std::vector<std::string> violations = decoder.errors();
  for (std::string& v : FindViolations(*op.input, doc, ValidationOptions{.check_enums = false})) {
    violations.push_back(std::move(v));
  }
  if (!violations.empty()) return ValidationFailure(ErrorDialect::kQuery, ValidationMessage(violations));
  return doc;
}

net::HttpResponse QueryCodec::EncodeOutput(const ServiceModel& service, const OperationModel& json_op,
                                           const Document& output,
                                           const RequestContext& context) const {
  const ServiceModel& model = QueryView(service);
  const OperationModel* found = model.FindOperation(json_op.name);
  const OperationModel& op = found ? *found : json_op;
  std::string body = "<" + op.name + "Response" + XmlnsAttribute(model) + ">";
  if (op.output != nullptr && !op.result_wrapper.empty()) {
    body += "<" + op.result_wrapper + ">";
    AppendXmlMembers(body, *op.output, output, false);
    body += "</" + op.result_wrapper + ">";
  }
  body += "<ResponseMetadata><RequestId>";
  AppendXmlEscaped(body, context.request_id);
  body += "</RequestId></ResponseMetadata></" + op.name + "Response>";
  return XmlResponse(200, std::move(body), context);
}

net::HttpResponse QueryCodec::EncodeError(const ServiceModel& service, const Status& status,
                                          const RequestContext& context) const {
  const ServiceModel& model = QueryView(service);
  WireError err = ToWireError(model, status, ErrorDialect::kQuery);
  err.code = ErrorCodes(model, err.code).query;
  std::string body = "<ErrorResponse" + XmlnsAttribute(model) + "><Error><Type>";
  body += err.sender_fault ? "Sender" : "Receiver";
  body += "</Type><Code>";
  AppendXmlEscaped(body, err.code);
  body += "</Code><Message>";
  AppendXmlEscaped(body, err.message);
  body += "</Message></Error><RequestId>";
  AppendXmlEscaped(body, context.request_id);
  body += "</RequestId></ErrorResponse>";
  return XmlResponse(err.http_status, std::move(body), context);
}

}  // namespace skybox::aws
