// The aws-chunked payload decoder: S3 request bodies sent with x-amz-content-sha256 set to one
// of the STREAMING-* values (SigV4 streaming signatures, optionally with trailing headers).
//
// Wire format (one chunk per line pair; sizes in hex, no leading "0x"):
//   <hex-size>[;chunk-signature=<64 hex>]\r\n<data>\r\n      ... repeated ...
//   0[;chunk-signature=<64 hex>]\r\n                          final, empty chunk
//   <name>:<value>\r\n ...                                    trailers (trailer variants)
//   x-amz-trailer-signature:<64 hex>\r\n                      (signed trailer variant only)
//   \r\n
// Chunk n is signed over "AWS4-HMAC-SHA256-PAYLOAD\n<amz-date>\n<scope>\n<signature of chunk
// n-1 (the request's seed signature for the first)>\n<SHA-256 of "">\n<SHA-256 of the data>";
// the trailer over "AWS4-HMAC-SHA256-TRAILER\n<amz-date>\n<scope>\n<final chunk's
// signature>\n<SHA-256 of the trailers as "name:value\n" lines>".
//
// What S3 enforces and this decoder mirrors: every data chunk except the last is at least
// 8 KiB (400 InvalidChunkSizeError, all three modes); broken framing is 400 IncompleteBody;
// a bad chunk signature is 403 SignatureDoesNotMatch; a bad trailer section is 400
// MalformedTrailerError. Leniencies for real clients: lines may end in a bare "\n";
// chunk extensions other than chunk-signature are ignored; the closing empty line may be
// missing, so an unsigned body may end right after the final chunk line (AWS SDK for
// JavaScript v3 sends "0\r\n" and nothing more when it has no checksum to trail). Checking the decoded length against
// x-amz-decoded-content-length and the trailer names against x-amz-trailer is the caller's
// job (decoded_bytes(), trailers()).
//
// Memory: at most one header/trailer line (4 KiB) and the trailers (8 KiB in all) are
// buffered; chunk data passes straight through and is hashed incrementally.
//
// Thread-safety: an AwsChunkedDecoder is used by one thread at a time (one per request body).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header.

namespace skybox::aws {

enum class StreamingPayload {
  kSignedChunks,               // STREAMING-AWS4-HMAC-SHA256-PAYLOAD
  kSignedChunksWithTrailer,    // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
  kUnsignedChunksWithTrailer,  // STREAMING-UNSIGNED-PAYLOAD-TRAILER
};

// The streaming mode an x-amz-content-sha256 value names; nullopt for anything else (a hex
// hash, UNSIGNED-PAYLOAD, the unsupported ECDSA variants).
std::optional<StreamingPayload> ParseStreamingPayload(std::string_view content_sha256);

// What the signed variants need to verify chunk signatures; all from the verified request.
struct ChunkSigningContext {
  std::string signing_key;     // 32 raw bytes (VerifiedIdentity::signing_key)
  std::string amz_date;        // the request's X-Amz-Date, e.g. "20130524T000000Z"
  std::string scope;           // "20130524/us-east-1/s3/aws4_request"
  std::string seed_signature;  // the request's own signature, lower-case hex
};

class AwsChunkedDecoder {
 public:
  // S3 rejects non-final data chunks smaller than this.
  static constexpr uint64_t kMinChunkSize = 8192;
  // Longest chunk-header or trailer line accepted, and the most trailer bytes kept.
  static constexpr size_t kMaxLineBytes = 4096;
  static constexpr size_t kMaxTrailerBytes = 8192;

  // `signing` is used only by the signed modes.
  AwsChunkedDecoder(StreamingPayload mode, ChunkSigningContext signing);
  ~AwsChunkedDecoder();
  AwsChunkedDecoder(const AwsChunkedDecoder&) = delete;
  AwsChunkedDecoder& operator=(const AwsChunkedDecoder&) = delete;

  // Consumes the next wire bytes, which may be split anywhere, and appends the decoded payload
  // bytes to *out. A chunk's signature is checked when its last data byte arrives, so bytes of
  // a chunk that later fails verification may already have been appended: the caller must
  // discard the whole body on any error. Errors are AWS-coded (see the file comment); after
  // one, every later call returns the same error.
  Status Feed(std::string_view wire, std::string* out);

  // The wire body ended. OK only if the final chunk and, where expected, the trailer section
  // (with a matching x-amz-trailer-signature for the signed trailer variant) were complete;
  // otherwise IncompleteBody.
  Status Finish();

  // Trailer fields in wire order, names lower-cased and values trimmed, without
  // x-amz-trailer-signature. Complete only after Finish() succeeded.
  const std::vector<std::pair<std::string, std::string>>& trailers() const { return trailers_; }

  // Payload bytes decoded so far.
  uint64_t decoded_bytes() const { return decoded_bytes_; }

 private:
  enum class State { kChunkHeader, kChunkData, kChunkDataEnd, kTrailer, kDone, kFailed };
  struct DigestDeleter {
    void operator()(evp_md_ctx_st* ctx) const;
  };

  bool is_signed() const { return mode_ != StreamingPayload::kUnsignedChunksWithTrailer; }
  bool has_trailer() const { return mode_ != StreamingPayload::kSignedChunks; }

  Status OnLine(std::string_view line);
  Status OnChunkHeader(std::string_view line);
  Status OnTrailerLine(std::string_view line);
  Status OnTrailerEnd();
  Status VerifyChunk(std::string_view payload_hash_hex);
  Status Fail(Status status);

  const StreamingPayload mode_;
  const ChunkSigningContext signing_;
  std::unique_ptr<evp_md_ctx_st, DigestDeleter> digest_;  // signed modes only

  State state_ = State::kChunkHeader;
  Status failure_;
  std::string line_;
  uint64_t chunk_remaining_ = 0;
  uint64_t chunk_count_ = 0;        // data chunks seen so far
  uint64_t last_chunk_size_ = 0;    // size of the previous data chunk
  std::string chunk_signature_;     // claimed signature of the chunk being read
  std::string previous_signature_;  // the chain: seed, then each verified chunk's
  std::string canonical_trailers_;  // "name:value\n" lines, for the trailer signature
  std::string trailer_signature_;
  std::vector<std::pair<std::string, std::string>> trailers_;
  uint64_t decoded_bytes_ = 0;
};

}  // namespace skybox::aws
