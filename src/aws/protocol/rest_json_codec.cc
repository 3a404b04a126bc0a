// The "rest-json" protocol (Lambda, API Gateway): operations by method + URI template,
// members bound to the URI, query string and headers, the rest in a JSON body.
#include "aws/protocol/codecs.h"
#include "aws/protocol/json_shape.h"
#include "aws/protocol/json_writer.h"
#include "aws/protocol/rest_binding.h"
#include "aws/protocol/validation.h"
#include "aws/protocol/wire_error.h"

namespace skybox::aws {
namespace {

std::string Dump(const Document& d) { return WriteJson(d); }

std::string RawBytes(const Document& v) {
  if (v.is_binary()) return std::string(v.get_binary().begin(), v.get_binary().end());
  if (v.is_string()) return v.get<std::string>();
  return Dump(v);
}

}  // namespace

Result<const OperationModel*> RestJsonCodec::ResolveOperation(const ServiceModel& model,
                                                              const net::HttpRequest& request) const {
  RestResolution res = ResolveRestOperation(model, request);
  if (res.operation != nullptr) return res.operation;
  if (res.method_mismatch) {
    return Status::Aws(StatusCode::kInvalidArgument, 405, "MethodNotAllowedException",
                       "The requested method " + request.method + " is not allowed for this resource.");
  }
  return Status::Aws(StatusCode::kNotFound, 404, "UnknownOperationException",
                     "No operation matches " + request.method + " " + std::string(request.Path()));
}

Result<Document> RestJsonCodec::DecodeInput(const ServiceModel&, const OperationModel& op,
                                            const net::HttpRequest& request) const {
  if (op.input == nullptr) return Document::object();
  const Shape& input = *op.input;
  Document out = Document::object();
  std::vector<std::string> violations;
  DecodeRestBindings(input, op, request, out, violations);
  if (const Member* payload = input.PayloadMember()) {
    const Shape& ps = *payload->shape;
    if (ps.type == ShapeType::kStructure || ps.type == ShapeType::kDocument) {
      if (!request.body.empty()) {
        SKYBOX_ASSIGN_OR_RETURN(Document body, ParseJsonBody(request.body));
        SKYBOX_ASSIGN_OR_RETURN(out[payload->name], JsonToDocument(body, ps, false));
      }
    } else if (ps.type == ShapeType::kBlob) {
      if (!request.body.empty()) out[payload->name] = BinaryBody(request.body);
    } else if (!request.body.empty()) {
      out[payload->name] = request.body;
    }
  } else if (!request.body.empty()) {
    SKYBOX_ASSIGN_OR_RETURN(Document body, ParseJsonBody(request.body));
    SKYBOX_ASSIGN_OR_RETURN(Document members, JsonToDocument(body, input, true));
    for (auto it = members.begin(); it != members.end(); ++it) out[it.key()] = std::move(it.value());
  }
  for (std::string& v : FindViolations(input, out, ValidationOptions{.check_enums = true})) {
    violations.push_back(std::move(v));
  }
  if (!violations.empty()) return ValidationFailure(ErrorDialect::kJson, ValidationMessage(violations));
  return out;
}

net::HttpResponse RestJsonCodec::EncodeOutput(const ServiceModel&, const OperationModel& op,
                                              const Document& output,
                                              const RequestContext& context) const {
  net::HttpResponse resp;
  resp.status = op.http_response_code;
  resp.SetHeader("x-amzn-RequestId", context.request_id);
  if (op.output == nullptr) {
    resp.SetHeader("Content-Type", "application/json");
    resp.body = "{}";
    return resp;
  }
  EncodeRestBindings(*op.output, output, resp);
  const Member* payload = op.output->PayloadMember();
  if (payload == nullptr) {
    resp.SetHeader("Content-Type", "application/json");
    resp.body = WriteJsonForShape(output, *op.output, true);
    return resp;
  }
  auto it = output.is_object() ? output.find(payload->name) : output.end();
  const Shape& ps = *payload->shape;
  if (ps.type == ShapeType::kStructure) {
    resp.SetHeader("Content-Type", "application/json");
    resp.body = it == output.end() ? "{}" : WriteJsonForShape(*it, ps, false);
  } else if (ps.type == ShapeType::kDocument) {
    resp.SetHeader("Content-Type", "application/json");
    resp.body = it == output.end() ? "{}" : Dump(*it);
  } else {
    bool has_type = false;
    for (const auto& h : resp.headers) has_type = has_type || h.name == "Content-Type";
    if (!has_type) resp.SetHeader("Content-Type", "application/octet-stream");
    if (it != output.end()) resp.body = RawBytes(*it);
  }
  return resp;
}

net::HttpResponse RestJsonCodec::EncodeError(const ServiceModel& model, const Status& status,
                                             const RequestContext& context) const {
  WireError err = ToWireError(model, status, ErrorDialect::kJson);
  Document body = Document::object();
  // Lambda says whose fault it was ("User"/"Service"); botocore ignores it, SDKs show it.
  if (model.name() == "lambda") body["Type"] = err.sender_fault ? "User" : "Service";
  body["message"] = err.message;
  net::HttpResponse resp;
  resp.status = err.http_status;
  resp.SetHeader("Content-Type", "application/json");
  resp.SetHeader("x-amzn-RequestId", context.request_id);
  resp.SetHeader("x-amzn-ErrorType", err.code);
  resp.body = context.method == "HEAD" ? "" : Dump(body);
  return resp;
}

}  // namespace skybox::aws
