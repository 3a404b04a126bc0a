#include "aws/payload_reader.h"

#include <charconv>

#include "base/ascii.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

bool IsHexSha256(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

std::optional<uint64_t> ParseLength(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return n;
}

Status IncompleteBody() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "IncompleteBody",
                     "You did not provide the number of bytes specified by the Content-Length "
                     "HTTP header");
}

}  // namespace

Status RequestTimeoutError() {
  return Status::Aws(StatusCode::kDeadlineExceeded, 400, "RequestTimeout",
                     "Your socket connection to the server was not read from or written to within "
                     "the timeout period. Idle connections will be closed.");
}

Status S3BodyError(const Status& net_failure) {
  switch (net_failure.http_status()) {
    case 408:
      return RequestTimeoutError();
    case 413:
      return Status::Aws(StatusCode::kInvalidArgument, 400, "EntityTooLarge",
                         "Your proposed upload exceeds the maximum allowed size");
    case 400:
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                         "The request body is malformed: " + net_failure.message());
    default:
      return IncompleteBody();
  }
}

Result<std::shared_ptr<PayloadReader>> PayloadReader::Create(const net::HttpRequest& request,
                                                             const ChunkSigningContext& signing) {
  std::shared_ptr<PayloadReader> reader(new PayloadReader());
  reader->source_ = request.body_stream;
  auto content_sha = request.Header("x-amz-content-sha256");
  if (auto mode = content_sha ? ParseStreamingPayload(*content_sha) : std::nullopt) {
    reader->chunked_.emplace(*mode, signing);
    reader->declared_length_ = ParseLength(request.Header("x-amz-decoded-content-length"));
    if (!reader->declared_length_) {
      return Status::Aws(StatusCode::kInvalidArgument, 411, "MissingContentLength",
                         "You must provide the Content-Length HTTP header.");
    }
  } else {
    reader->declared_length_ = ParseLength(request.Header("content-length"));
    if (content_sha && IsHexSha256(*content_sha)) {
      reader->sha256_ = StreamingHash::NewSha256();
      reader->expected_sha256_ = AsciiLowercase(*content_sha);
    }
  }
  return reader;
}

Result<std::shared_ptr<PayloadReader>> PayloadReader::FromBuffer(const net::HttpRequest& request,
                                                                 const ChunkSigningContext& signing) {
  net::HttpRequest head;
  head.headers = request.headers;
  SKYBOX_ASSIGN_OR_RETURN(auto reader, Create(head, signing));
  reader->buffered_ = request.body;
  if (!reader->chunked_) reader->declared_length_ = request.body.size();
  return reader;
}

const std::vector<std::pair<std::string, std::string>>& PayloadReader::trailers() const {
  static const std::vector<std::pair<std::string, std::string>> kNone;
  return chunked_ ? chunked_->trailers() : kNone;
}

void PayloadReader::Read(net::OnBodyPiece on_piece) {
  if (failed_) return on_piece({IncompleteBody(), {}, false});
  if (!source_) {
    if (buffered_done_) return on_piece({Status(), {}, true});
    buffered_done_ = true;
    return OnPiece({Status(), std::move(buffered_), true}, std::move(on_piece));
  }
  source_->Read([self = shared_from_this(), on_piece = std::move(on_piece)](net::BodyPiece piece) mutable {
    self->OnPiece(std::move(piece), std::move(on_piece));
  });
}

void PayloadReader::OnPiece(net::BodyPiece piece, net::OnBodyPiece on_piece) {
  auto fail = [&](Status status) {
    failed_ = true;
    on_piece({std::move(status), {}, false});
  };
  if (!piece.status.ok()) return fail(S3BodyError(piece.status));
  std::string out;
  if (chunked_) {
    Status st = chunked_->Feed(piece.bytes, &out);
    if (st.ok() && piece.last) st = chunked_->Finish();
    if (!st.ok()) return fail(st);
  } else {
    out = std::move(piece.bytes);
  }
  decoded_ += out.size();
  if (sha256_) sha256_->Update(out);
  if (declared_length_ && decoded_ > *declared_length_) return fail(IncompleteBody());
  if (piece.last) {
    Status end = CheckEnd();
    if (!end.ok()) return fail(end);
  } else if (out.empty()) {
    return Read(std::move(on_piece));  // only framing arrived
  }
  on_piece({Status(), std::move(out), piece.last});
}

Status PayloadReader::CheckEnd() {
  if (declared_length_ && decoded_ != *declared_length_) return IncompleteBody();
  if (sha256_ && HexEncode(sha256_->Finish()) != expected_sha256_) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "XAmzContentSHA256Mismatch",
                       "The provided 'x-amz-content-sha256' header does not match what was "
                       "computed.");
  }
  return Status();
}

void ReadWholePayload(std::shared_ptr<PayloadReader> reader, size_t max_bytes,
                      std::function<void(Result<std::string>)> done) {
  struct State {
    std::shared_ptr<PayloadReader> reader;
    size_t max_bytes;
    std::function<void(Result<std::string>)> done;
    std::string body;
    void Next(std::shared_ptr<State> self) {
      reader->Read([self](net::BodyPiece piece) {
        if (!piece.status.ok()) return self->done(piece.status);
        if (self->body.size() + piece.bytes.size() > self->max_bytes) {
          return self->done(S3BodyError(Status::Aws(StatusCode::kInvalidArgument, 413, "", "")));
        }
        self->body += piece.bytes;
        if (piece.last) return self->done(std::move(self->body));
        self->Next(self);
      });
    }
  };
  auto state = std::make_shared<State>(State{std::move(reader), max_bytes, std::move(done), {}});
  state->Next(state);
}

}  // namespace skybox::aws
