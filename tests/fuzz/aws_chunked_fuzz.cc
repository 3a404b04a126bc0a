// Feeds arbitrary aws-chunked bodies to AwsChunkedDecoder in every streaming mode. Nothing may
// crash, hang or read out of bounds, and the outcome (decoded bytes, error, trailers) must not
// depend on how the wire is split: whole, byte by byte, and at pseudo-random points.
//
// Input layout: byte 0 picks the mode (% 3), byte 1 seeds the random split points, the rest is
// the wire body. Signed modes use AWS's documented example key, date, scope and seed
// signature, so seeds made from that example get past the signature checks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "aws/auth/aws_chunked.h"
#include "aws/auth/signing_key.h"

namespace {

using skybox::aws::AwsChunkedDecoder;
using skybox::aws::ChunkSigningContext;
using skybox::aws::StreamingPayload;

struct Outcome {
  std::string payload;
  std::string error;  // AWS code of the first failure, "" when the body decoded
  std::vector<std::pair<std::string, std::string>> trailers;
  bool operator==(const Outcome&) const = default;
};

const ChunkSigningContext& DocContext() {
  static const ChunkSigningContext context{
      skybox::aws::DeriveSigningKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524",
                                    "us-east-1", "s3"),
      "20130524T000000Z", "20130524/us-east-1/s3/aws4_request",
      "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"};
  return context;
}

// Decodes `wire` fed in pieces that end at each of `cuts` (ascending) and at the end.
Outcome Decode(StreamingPayload mode, std::string_view wire, const std::vector<size_t>& cuts) {
  AwsChunkedDecoder decoder(mode, DocContext());
  Outcome outcome;
  size_t start = 0;
  auto feed = [&](size_t end) {
    skybox::Status status = decoder.Feed(wire.substr(start, end - start), &outcome.payload);
    start = end;
    if (!status.ok()) outcome.error = status.aws_code() + ":" + status.message();
    return status.ok();
  };
  for (size_t cut : cuts) {
    if (!feed(cut)) return outcome;
  }
  if (!feed(wire.size())) return outcome;
  skybox::Status finished = decoder.Finish();
  if (!finished.ok()) {
    outcome.error = finished.aws_code() + ":" + finished.message();
    return outcome;
  }
  if (decoder.decoded_bytes() != outcome.payload.size()) std::abort();
  outcome.trailers = decoder.trailers();
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static constexpr StreamingPayload kModes[] = {StreamingPayload::kSignedChunks,
                                                StreamingPayload::kSignedChunksWithTrailer,
                                                StreamingPayload::kUnsignedChunksWithTrailer};
  StreamingPayload mode = kModes[data[0] % 3];
  uint32_t random = data[1] * 2654435761u + 1;
  std::string_view wire(reinterpret_cast<const char*>(data + 2), size - 2);

  Outcome whole = Decode(mode, wire, {});

  std::vector<size_t> every_byte;
  for (size_t i = 1; i < wire.size(); ++i) every_byte.push_back(i);
  if (!(Decode(mode, wire, every_byte) == whole)) std::abort();

  std::vector<size_t> random_cuts;
  for (size_t at = 0; !wire.empty();) {
    random = random * 1103515245u + 12345u;
    at += 1 + (random >> 16) % 97;
    if (at >= wire.size()) break;
    random_cuts.push_back(at);
  }
  if (!(Decode(mode, wire, random_cuts) == whole)) std::abort();
  return 0;
}
