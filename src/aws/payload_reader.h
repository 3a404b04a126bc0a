// PayloadReader: the decoded body of a streamed AWS request (S3 PutObject, UploadPart, and
// any S3 request whose body net/ streamed), with the body-level checks SigV4 defers until
// the bytes are there:
//   - x-amz-content-sha256 = <hex>: the body must hash to it (XAmzContentSHA256Mismatch);
//   - STREAMING-* (aws-chunked): framing removed, chunk and trailer signatures verified,
//     trailers collected (aws/auth/aws_chunked.h);
//   - x-amz-decoded-content-length (aws-chunked) / Content-Length: the decoded size must match
//     (IncompleteBody);
//   - net/ failures (timeout, oversize, malformed chunking, disconnect) as S3 errors.
// Pieces are delivered as net/ produces them: memory stays bounded by one piece.
//
// Thread-safety: as net::RequestBodyStream — one Read at a time, from any thread; callbacks
// run on the connection's event loop.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/auth/aws_chunked.h"
#include "base/checksum.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

class PayloadReader final : public net::RequestBodyStream,
                            public std::enable_shared_from_this<PayloadReader> {
 public:
  // `request` is the streamed request's head (body_stream set); `signing` is used for the
  // signed STREAMING-* variants. Fails (with the S3 error) when the request declares a
  // payload encoding Skybox cannot read.
  static Result<std::shared_ptr<PayloadReader>> Create(const net::HttpRequest& request,
                                                       const ChunkSigningContext& signing);

  // A reader over bytes already in memory (a body net/ buffered), with the same checks.
  static Result<std::shared_ptr<PayloadReader>> FromBuffer(const net::HttpRequest& request,
                                                           const ChunkSigningContext& signing);

  // Delivers the next decoded piece; failures carry S3 errors (see above). After the last
  // piece, trailers() holds the aws-chunked trailer fields.
  void Read(net::OnBodyPiece on_piece) override;

  // The object size the client declared (x-amz-decoded-content-length, else Content-Length);
  // nullopt when it did not (plain HTTP chunked).
  std::optional<uint64_t> declared_length() const { return declared_length_; }
  // Trailer fields (lower-case names), complete once the last piece was delivered.
  const std::vector<std::pair<std::string, std::string>>& trailers() const;

 private:
  PayloadReader() = default;
  void OnPiece(net::BodyPiece piece, net::OnBodyPiece on_piece);
  Status CheckEnd();

  std::shared_ptr<net::RequestBodyStream> source_;
  std::string buffered_;  // FromBuffer: the whole body, delivered in one piece
  bool buffered_done_ = false;
  std::optional<AwsChunkedDecoder> chunked_;
  std::unique_ptr<StreamingHash> sha256_;  // set when a hex payload hash must be checked
  std::string expected_sha256_;            // lower-case hex
  std::optional<uint64_t> declared_length_;
  uint64_t decoded_ = 0;
  bool failed_ = false;
};

// Reads a whole payload (bounded by `max_bytes`, else 413 EntityTooLarge) and calls `done`
// with it; for operations whose body is small XML (S3 configuration, DeleteObjects, ...).
void ReadWholePayload(std::shared_ptr<PayloadReader> reader, size_t max_bytes,
                      std::function<void(Result<std::string>)> done);

// 400 RequestTimeout: a request head or body that did not arrive in time.
Status RequestTimeoutError();

// The S3 error for a net/ body failure (a Status carrying net/'s HTTP status).
Status S3BodyError(const Status& net_failure);

}  // namespace skybox::aws
