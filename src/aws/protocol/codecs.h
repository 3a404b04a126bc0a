// The four concrete codecs behind ProtocolCodec (internal to aws/protocol; use
// ProtocolCodec::For). Each is stateless.
#pragma once

#include "aws/protocol/codec.h"

namespace skybox::aws {

#define SKYBOX_DECLARE_CODEC(Class, name)                                                      \
  class Class final : public ProtocolCodec {                                                   \
   public:                                                                                     \
    std::string_view protocol() const override { return name; }                                \
    Result<const OperationModel*> ResolveOperation(const ServiceModel& model,                  \
                                                   const net::HttpRequest& request) const override; \
    Result<Document> DecodeInput(const ServiceModel& model, const OperationModel& op,          \
                                 const net::HttpRequest& request) const override;             \
    net::HttpResponse EncodeOutput(const ServiceModel& model, const OperationModel& op,        \
                                   const Document& output,                                     \
                                   const RequestContext& context) const override;              \
    net::HttpResponse EncodeError(const ServiceModel& model, const Status& status,             \
                                  const RequestContext& context) const override;               \
  };

SKYBOX_DECLARE_CODEC(QueryCodec, "query")
SKYBOX_DECLARE_CODEC(JsonCodec, "json")
SKYBOX_DECLARE_CODEC(RestJsonCodec, "rest-json")
SKYBOX_DECLARE_CODEC(RestXmlCodec, "rest-xml")

#undef SKYBOX_DECLARE_CODEC

}  // namespace skybox::aws
