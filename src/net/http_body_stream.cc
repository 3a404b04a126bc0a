// HttpConnection's streamed bodies: request bodies read on the handler's demand
// (RequestBodyStream) and response bodies pulled from a ResponseBodySource. Both keep at most
// one piece per connection in memory.
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "base/log.h"
#include "net/event_loop.h"
#include "net/http_connection.h"

namespace skybox::net {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

constexpr size_t kStreamReadChunk = 64 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

// The handler's view of one request's body; keeps the connection alive while it is held.
class ConnectionBodyStream final : public RequestBodyStream {
 public:
  explicit ConnectionBodyStream(std::shared_ptr<HttpConnection> connection)
      : connection_(std::move(connection)) {}

  void Read(OnBodyPiece on_piece) override {
    auto executor = connection_->loop_.context().get_executor();
    if (executor.running_in_this_thread()) return connection_->StreamRead(std::move(on_piece));
    asio::post(executor, [c = connection_, on_piece = std::move(on_piece)]() mutable {
      c->StreamRead(std::move(on_piece));
    });
  }

 private:
  std::shared_ptr<HttpConnection> connection_;
};

std::shared_ptr<RequestBodyStream> HttpConnection::NewBodyStream() {
  return std::make_shared<ConnectionBodyStream>(shared_from_this());
}

void HttpConnection::StreamRead(OnBodyPiece on_piece) {
  if (stream_reader_) {
    on_piece({Internal("RequestBodyStream::Read called while a read is pending"), {}, false});
    return;
  }
  if (phase_ == Phase::kClosed) {
    on_piece({Unavailable("the client closed the connection"), {}, false});
    return;
  }
  if (stream_failed_ || !body_streaming_) {
    on_piece({stream_failed_ ? Unavailable("the request body already failed")
                             : Internal("the request body was already read to its end"),
              {}, false});
    return;
  }
  stream_reader_ = std::move(on_piece);
  if (parser_->expects_continue() && !continue_sent_ && buffer_.size() == 0) {
    // The client waits for our go-ahead before sending the body.
    continue_sent_ = true;
    asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = shared_from_this()](error_code ec, size_t) {
                        if (!self->stream_reader_) return;
                        if (ec) return self->FailStream(Unavailable("the client went away"));
                        self->StartBodyClock();
                        self->StreamFill();
                      });
    return;
  }
  if (!continue_sent_) {
    continue_sent_ = true;  // the body clock starts with the first read
    StartBodyClock();
  }
  StreamFill();
}

// Parses what is buffered; delivers parsed bytes, the end, or a failure, else reads more.
void HttpConnection::StreamFill() {
  auto data = buffer_.data();
  auto [event, used] =
      parser_->Feed(std::string_view(static_cast<const char*>(data.data()), data.size()));
  buffer_.consume(used);
  switch (event) {
    case RequestParser::Event::kRejected: {
      Rejection r = parser_->rejection();
      state_.metrics.Rejected(r).Inc();
      const RejectionInfo& info = DescribeRejection(r);
      return FailStream(
          Status::Aws(StatusCode::kInvalidArgument, info.http_status, "", std::string(info.message)));
    }
    case RequestParser::Event::kComplete:
      body_streaming_ = false;
      return DeliverPiece({Status(), parser_->TakeStreamedBody(), true});
    case RequestParser::Event::kHeaderDone:
    case RequestParser::Event::kNeedMore:
      break;
  }
  std::string piece = parser_->TakeStreamedBody();
  if (!piece.empty()) return DeliverPiece({Status(), std::move(piece), false});
  SetBodyDeadline();
  socket_.async_read_some(buffer_.prepare(kStreamReadChunk),
                          [self = shared_from_this()](error_code ec, size_t n) {
                            self->OnStreamRead(ec, n);
                          });
}

void HttpConnection::OnStreamRead(error_code ec, size_t n) {
  buffer_.commit(n);
  if (!stream_reader_) return;  // failed meanwhile (timeout, close)
  if (ec) return FailStream(Unavailable("the client closed the connection mid-body"));
  StreamFill();
}

void HttpConnection::DeliverPiece(BodyPiece piece) {
  SetDeadline(Clock::time_point::max());  // the handler's pace is not the client's fault
  OnBodyPiece reader = std::exchange(stream_reader_, nullptr);
  reader(std::move(piece));
}

void HttpConnection::FailStream(Status status) {
  stream_failed_ = true;
  keep_alive_ = false;
  if (!stream_reader_) return;
  DeliverPiece({std::move(status), {}, false});
}

void HttpConnection::PumpResponseBody() {
  if (body_source_remaining_ == 0) return OnWritten(error_code());
  SetDeadline(Clock::time_point::max());  // waiting for storage, not for the client
  body_source_->Next([self = shared_from_this()](BodyPiece piece) {
    auto executor = self->loop_.context().get_executor();
    if (executor.running_in_this_thread()) return self->OnResponsePiece(std::move(piece));
    asio::post(executor, [self, piece = std::move(piece)]() mutable {
      self->OnResponsePiece(std::move(piece));
    });
  });
}

void HttpConnection::OnResponsePiece(BodyPiece piece) {
  if (phase_ != Phase::kWriting) return;
  const bool overrun = piece.bytes.size() > body_source_remaining_;
  const bool short_end = piece.last && piece.bytes.size() != body_source_remaining_;
  if (!piece.status.ok() || overrun || short_end || (piece.bytes.empty() && !piece.last)) {
    // The head promised a length we cannot deliver: only closing tells the client.
    Log(LogLevel::kWarn, "response body source failed",
        {{"error", piece.status.ok() ? "length mismatch" : piece.status.ToString()}});
    return Close();
  }
  body_source_remaining_ -= piece.bytes.size();
  body_ = std::move(piece.bytes);
  SetDeadline(Clock::now() + state_.options.idle_timeout);
  asio::async_write(socket_, asio::buffer(body_), [self = shared_from_this()](error_code ec, size_t) {
    if (self->phase_ != Phase::kWriting) return;
    if (ec) return self->Close();
    self->PumpResponseBody();
  });
}

}  // namespace skybox::net
