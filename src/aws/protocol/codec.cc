#include "aws/protocol/codec.h"

#include <algorithm>

#include "aws/protocol/codecs.h"

namespace skybox::aws {

const ProtocolCodec* ProtocolCodec::ForProtocol(std::string_view protocol) {
  static const QueryCodec query;
  static const JsonCodec json;
  static const RestJsonCodec rest_json;
  static const RestXmlCodec rest_xml;
  if (protocol == "query") return &query;
  if (protocol == "json") return &json;
  if (protocol == "rest-json") return &rest_json;
  if (protocol == "rest-xml") return &rest_xml;
  return nullptr;
}

const ProtocolCodec& ProtocolCodec::For(const ServiceModel& model) {
  if (const ProtocolCodec* c = ForProtocol(model.protocol())) return *c;
  for (const std::string& p : model.metadata().protocols) {
    if (const ProtocolCodec* c = ForProtocol(p)) return *c;
  }
  // Every embedded model speaks at least one of the four; an unknown one is a build error.
  return *ForProtocol("json");
}

const ProtocolCodec& ProtocolCodec::ForRequest(const ServiceModel& model,
                                               const net::HttpRequest& request) {
  const auto& protocols = model.metadata().protocols;
  // A JSON service marked awsQueryCompatible (SQS) was a query service before: older SDKs
  // still send it query requests, which AWS serves.
  auto speaks = [&](std::string_view p) {
    return model.protocol() == p || std::find(protocols.begin(), protocols.end(), p) != protocols.end() ||
           (p == "query" && model.aws_query_compatible());
  };
  if (protocols.size() > 1 || model.aws_query_compatible()) {
    if (request.Header("x-amz-target") && speaks("json")) return *ForProtocol("json");
    auto type = request.Header("content-type");
    bool form = type && type->find("x-www-form-urlencoded") != std::string_view::npos;
    if ((form || request.RawQuery().find("Action=") != std::string_view::npos) && speaks("query")) {
      return *ForProtocol("query");
    }
  }
  return For(model);
}

}  // namespace skybox::aws
