#include "aws/auth/aws_chunked.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>

#include "aws/auth/auth_error.h"
#include "aws/auth/signing_key.h"
#include "base/ascii.h"
#include "base/crypto.h"
#include "base/evp_digests.h"

namespace skybox::aws {
namespace {

constexpr std::string_view kEmptySha256Hex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr size_t kSignatureHexLength = 64;

Status IncompleteBody() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "IncompleteBody",
                     "The request body terminated unexpectedly");
}

Status InvalidChunkSize() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidChunkSizeError",
                     "Only the last chunk is allowed to have a size less than 8192 bytes");
}

Status MalformedTrailer() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedTrailerError",
                     "The request contained trailing data that was not well-formed or did not "
                     "conform to our published schema.");
}

Status SignatureMismatch() { return AuthErrorFor(AuthFailure::kSignatureMismatch, "s3"); }

std::optional<uint64_t> ParseHexSize(std::string_view hex) {
  if (hex.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : hex) {
    const char lower = AsciiToLower(c);
    int digit = lower >= '0' && lower <= '9'   ? lower - '0'
                : lower >= 'a' && lower <= 'f' ? lower - 'a' + 10
                                               : -1;
    if (digit < 0) return std::nullopt;
    if (value > (UINT64_MAX >> 4)) return std::nullopt;
    value = (value << 4) | static_cast<uint64_t>(digit);
  }
  return value;
}

// The value of the chunk-signature extension in `extensions` (";name=value" pairs); empty if
// absent.
std::string_view FindChunkSignature(std::string_view extensions) {
  while (!extensions.empty()) {
    extensions.remove_prefix(1);  // the ';'
    size_t end = extensions.find(';');
    std::string_view ext = extensions.substr(0, end);
    extensions = end == std::string_view::npos ? std::string_view() : extensions.substr(end);
    size_t eq = ext.find('=');
    if (eq != std::string_view::npos && TrimBlanks(ext.substr(0, eq)) == "chunk-signature") {
      return TrimBlanks(ext.substr(eq + 1));
    }
  }
  return {};
}

std::string StringToSign(std::string_view algorithm, const ChunkSigningContext& signing,
                         std::string_view previous_signature) {
  std::string s;
  s.reserve(algorithm.size() + signing.amz_date.size() + signing.scope.size() + 3 * 66);
  s.append(algorithm).append(1, '\n');
  s.append(signing.amz_date).append(1, '\n');
  s.append(signing.scope).append(1, '\n');
  s.append(previous_signature).append(1, '\n');
  return s;
}

}  // namespace

std::optional<StreamingPayload> ParseStreamingPayload(std::string_view content_sha256) {
  if (content_sha256 == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") {
    return StreamingPayload::kSignedChunks;
  }
  if (content_sha256 == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") {
    return StreamingPayload::kSignedChunksWithTrailer;
  }
  if (content_sha256 == "STREAMING-UNSIGNED-PAYLOAD-TRAILER") {
    return StreamingPayload::kUnsignedChunksWithTrailer;
  }
  return std::nullopt;
}

void AwsChunkedDecoder::DigestDeleter::operator()(evp_md_ctx_st* ctx) const {
  EVP_MD_CTX_free(ctx);
}

AwsChunkedDecoder::AwsChunkedDecoder(StreamingPayload mode, ChunkSigningContext signing)
    : mode_(mode), signing_(std::move(signing)), previous_signature_(signing_.seed_signature) {
  if (is_signed()) {
    digest_.reset(EVP_MD_CTX_new());
    if (!digest_) std::abort();  // out of memory
  }
}

AwsChunkedDecoder::~AwsChunkedDecoder() = default;

Status AwsChunkedDecoder::Fail(Status status) {
  state_ = State::kFailed;
  failure_ = status;
  return status;
}

Status AwsChunkedDecoder::Feed(std::string_view wire, std::string* out) {
  while (!wire.empty()) {
    switch (state_) {
      case State::kFailed:
        return failure_;
      case State::kDone:
        return Fail(IncompleteBody());  // bytes after the end of the aws-chunked body
      case State::kChunkData: {
        size_t n = static_cast<size_t>(std::min<uint64_t>(chunk_remaining_, wire.size()));
        out->append(wire.data(), n);
        if (digest_ && EVP_DigestUpdate(digest_.get(), wire.data(), n) != 1) {
          return Fail(Internal("EVP_DigestUpdate failed"));
        }
        wire.remove_prefix(n);
        chunk_remaining_ -= n;
        decoded_bytes_ += n;
        if (chunk_remaining_ > 0) break;
        state_ = State::kChunkDataEnd;
        if (digest_) {
          Sha256Digest hash;
          unsigned int length = 0;
          if (EVP_DigestFinal_ex(digest_.get(), hash.data(), &length) != 1) {
            return Fail(Internal("EVP_DigestFinal_ex failed"));
          }
          Status verified = VerifyChunk(HexEncode(hash));
          if (!verified.ok()) return Fail(std::move(verified));
        }
        break;
      }
      case State::kChunkHeader:
      case State::kChunkDataEnd:
      case State::kTrailer: {
        size_t newline = wire.find('\n');
        size_t n = newline == std::string_view::npos ? wire.size() : newline + 1;
        if (line_.size() + n > kMaxLineBytes) {
          return Fail(state_ == State::kTrailer ? MalformedTrailer() : IncompleteBody());
        }
        line_.append(wire.data(), n);
        wire.remove_prefix(n);
        if (newline == std::string_view::npos) break;
        std::string_view line(line_);
        line.remove_suffix(1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        Status status = OnLine(line);
        line_.clear();
        if (!status.ok()) return Fail(std::move(status));
        break;
      }
    }
  }
  return state_ == State::kFailed ? failure_ : Status::Ok();
}

Status AwsChunkedDecoder::OnLine(std::string_view line) {
  switch (state_) {
    case State::kChunkHeader:
      return OnChunkHeader(line);
    case State::kChunkDataEnd:
      if (!line.empty()) return IncompleteBody();
      state_ = State::kChunkHeader;
      return Status::Ok();
    case State::kTrailer:
      return line.empty() ? OnTrailerEnd() : OnTrailerLine(line);
    default:
      return Internal("aws-chunked line in a state without lines");
  }
}

Status AwsChunkedDecoder::OnChunkHeader(std::string_view line) {
  size_t semicolon = line.find(';');
  std::optional<uint64_t> size = ParseHexSize(TrimBlanks(line.substr(0, semicolon)));
  if (!size) return IncompleteBody();
  if (is_signed()) {
    std::string_view signature = semicolon == std::string_view::npos
                                     ? std::string_view()
                                     : FindChunkSignature(line.substr(semicolon));
    if (signature.size() != kSignatureHexLength) return IncompleteBody();
    chunk_signature_.assign(signature);
  }
  if (*size == 0) {
    state_ = State::kTrailer;
    return is_signed() ? VerifyChunk(kEmptySha256Hex) : Status::Ok();
  }
  if (chunk_count_ > 0 && last_chunk_size_ < kMinChunkSize) return InvalidChunkSize();
  ++chunk_count_;
  last_chunk_size_ = *size;
  chunk_remaining_ = *size;
  if (digest_ && EVP_DigestInit_ex(digest_.get(), Sha256Md(), nullptr) != 1) {
    return Internal("EVP_DigestInit_ex failed");
  }
  state_ = State::kChunkData;
  return Status::Ok();
}

Status AwsChunkedDecoder::VerifyChunk(std::string_view payload_hash_hex) {
  std::string to_sign = StringToSign("AWS4-HMAC-SHA256-PAYLOAD", signing_, previous_signature_);
  to_sign.append(kEmptySha256Hex).append(1, '\n').append(payload_hash_hex);
  std::string expected = SignatureHex(signing_.signing_key, to_sign);
  if (!ConstantTimeEquals(expected, chunk_signature_)) return SignatureMismatch();
  previous_signature_ = std::move(expected);
  return Status::Ok();
}

Status AwsChunkedDecoder::OnTrailerLine(std::string_view line) {
  // A trailer after the trailer signature would be unsigned.
  if (!has_trailer() || !trailer_signature_.empty()) return MalformedTrailer();
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return MalformedTrailer();
  std::string name = AsciiLowercase(TrimBlanks(line.substr(0, colon)));
  std::string_view value = TrimBlanks(line.substr(colon + 1));
  if (name.empty()) return MalformedTrailer();
  if (name == "x-amz-trailer-signature") {
    if (!is_signed() || value.size() != kSignatureHexLength) return MalformedTrailer();
    trailer_signature_.assign(value);
    return Status::Ok();
  }
  if (canonical_trailers_.size() + name.size() + value.size() + 2 > kMaxTrailerBytes) {
    return MalformedTrailer();
  }
  canonical_trailers_.append(name).append(1, ':').append(value).append(1, '\n');
  trailers_.emplace_back(std::move(name), std::string(value));
  return Status::Ok();
}

Status AwsChunkedDecoder::OnTrailerEnd() {
  if (mode_ == StreamingPayload::kSignedChunksWithTrailer) {
    if (trailer_signature_.empty()) return IncompleteBody();
    std::string to_sign = StringToSign("AWS4-HMAC-SHA256-TRAILER", signing_, previous_signature_);
    to_sign.append(HexEncode(Sha256(canonical_trailers_)));
    if (!ConstantTimeEquals(SignatureHex(signing_.signing_key, to_sign), trailer_signature_)) {
      return SignatureMismatch();
    }
  }
  state_ = State::kDone;
  return Status::Ok();
}

Status AwsChunkedDecoder::Finish() {
  if (state_ == State::kFailed) return failure_;
  if (state_ == State::kDone) return Status::Ok();
  // Lenient end: the trailer section may stop without its closing empty line.
  if (state_ == State::kTrailer && line_.empty()) {
    Status status = OnTrailerEnd();
    return status.ok() ? status : Fail(std::move(status));
  }
  return Fail(IncompleteBody());
}

}  // namespace skybox::aws
