// libFuzzer target: SQS's query protocol (the query twin of its JSON model) on arbitrary form
// bodies, posted to a queue URL path so that the QueueUrl-from-path rule runs too. The whole
// input is the body; requests always look like form posts, so every run reaches the decoder.
#include <string>

#include "aws/protocol/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace skybox::aws;
  static const ServiceModel* sqs = ServiceModel::Find("sqs");
  if (sqs == nullptr) __builtin_trap();
  skybox::net::HttpRequest req;
  req.method = "POST";
  req.target = "/000000000000/fuzz";
  req.headers.push_back({"content-type", "application/x-www-form-urlencoded"});
  req.headers.push_back({"host", "localhost:4566"});
  req.body.assign(reinterpret_cast<const char*>(data), size);
  const ProtocolCodec& codec = ProtocolCodec::ForRequest(*sqs, req);
  if (codec.protocol() != "query") __builtin_trap();
  RequestContext ctx{.request_id = "fuzz", .method = req.method};
  auto op = codec.ResolveOperation(*sqs, req);
  if (!op.ok()) {
    codec.EncodeError(*sqs, op.status(), ctx);
    return 0;
  }
  auto input = codec.DecodeInput(*sqs, **op, req);
  if (!input.ok()) {
    codec.EncodeError(*sqs, input.status(), ctx);
    return 0;
  }
  // The decoded input, echoed through the encoder, exercises the XML output on odd values.
  codec.EncodeOutput(*sqs, **op, *input, ctx);
  return 0;
}
