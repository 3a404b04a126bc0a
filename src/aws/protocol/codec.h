// ProtocolCodec: turns HTTP requests into operation inputs and operation outputs/errors into
// HTTP responses, for one AWS wire protocol, driven entirely by the service's API model.
//
// One codec per protocol: "query" (STS, IAM, SNS, CloudFormation, ElastiCache), "json"
// (DynamoDB, SQS, Events, Logs, Cognito; X-Amz-Target + JSON 1.0/1.1), "rest-json" (Lambda,
// API Gateway) and "rest-xml" (S3). Documents follow the conventions in document.h.
//
// Thread-safety: codecs are stateless singletons; every method may be called concurrently.
#pragma once

#include <string>
#include <string_view>

#include "aws/model/service_model.h"
#include "aws/protocol/document.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

// Per-request facts the encoders put on the wire.
struct RequestContext {
  std::string request_id;
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  std::string host;
  std::string method;  // the request's HTTP method; a HEAD error carries no body
};

class ProtocolCodec {
 public:
  virtual ~ProtocolCodec() = default;

  // The codec for the service's preferred protocol (metadata.protocol). When Skybox does not
  // speak that protocol (e.g. CloudWatch's smithy-rpc-v2-cbor) the first protocol of
  // metadata.protocols that it speaks is used.
  static const ProtocolCodec& For(const ServiceModel& model);
  // Like For(), but for services that speak several protocols picks the one this request
  // uses: X-Amz-Target -> json, a form body or Action= query -> query.
  static const ProtocolCodec& ForRequest(const ServiceModel& model, const net::HttpRequest& request);
  // The codec for a protocol name, or nullptr when Skybox does not speak it.
  static const ProtocolCodec* ForProtocol(std::string_view protocol);

  // "query", "json", "rest-json" or "rest-xml".
  virtual std::string_view protocol() const = 0;

  // Which operation the request invokes. json: X-Amz-Target "<targetPrefix>.<Op>"; query:
  // Action= in the form body or query string; rest: method + requestUri template (labels,
  // greedy labels, required query literals, required headers/query members), the most
  // specific match winning. Fails with this protocol's unknown-operation error (see
  // README.md) — pass that Status to EncodeError.
  virtual Result<const OperationModel*> ResolveOperation(const ServiceModel& model,
                                                         const net::HttpRequest& request) const = 0;

  // Decodes and validates the operation's input. On failure the Status carries the AWS
  // error (ValidationException / ValidationError / SerializationException / MalformedXML
  // ...) with AWS's wording.
  virtual Result<Document> DecodeInput(const ServiceModel& model, const OperationModel& op,
                                       const net::HttpRequest& request) const = 0;

  // Encodes a successful output. Members missing from `output` are omitted; a null or
  // non-object `output` is treated as empty.
  virtual net::HttpResponse EncodeOutput(const ServiceModel& model, const OperationModel& op,
                                         const Document& output,
                                         const RequestContext& context) const = 0;

  // Encodes a failure. The AWS code and HTTP status come from the Status when it carries
  // them, else from the model's error shape, else from the StatusCode (README.md table).
  virtual net::HttpResponse EncodeError(const ServiceModel& model, const Status& status,
                                        const RequestContext& context) const = 0;
};

}  // namespace skybox::aws
