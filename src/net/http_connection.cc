#include "net/http_connection.h"

#include <algorithm>
#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <exception>

#include "base/log.h"
#include "net/event_loop.h"
#include "net/response_writer.h"

namespace skybox::net {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

constexpr size_t kReadChunk = 16 * 1024;
// After an error response, unread request bytes are drained for a moment before closing, so
// the kernel does not answer them with a reset that destroys the response in flight.
constexpr size_t kMaxLingerBytes = 1 << 20;
constexpr std::chrono::milliseconds kLingerTime(500);
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

HttpConnection::HttpConnection(asio::ip::tcp::socket socket, EventLoop& loop,
                               ServerState& state)
    : socket_(std::move(socket)), loop_(loop), state_(state), timer_(loop.context()) {}

void HttpConnection::Start() {
  loop_.Attach(this);
  state_.metrics.connections_open.Add(1);
  if (loop_.draining()) {
    Close();
    return;
  }
  error_code ec;
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  auto endpoint = socket_.remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string(ec);
  BeginRequest();
}

void HttpConnection::Drain() {
  drain_requested_ = true;
  bool idle = phase_ == Phase::kReading && !parser_->started() && buffer_.size() == 0;
  if (idle || phase_ == Phase::kLingering) Close();
}

void HttpConnection::Close() {
  if (phase_ == Phase::kClosed) return;
  phase_ = Phase::kClosed;
  if (stream_reader_) FailStream(Unavailable("the client closed the connection"));
  error_code ignored;
  socket_.close(ignored);
  timer_.cancel();
  state_.metrics.connections_open.Add(-1);
  loop_.Detach(this);
  state_.connection_closed();
}

void HttpConnection::BeginRequest() {
  phase_ = Phase::kReading;
  HttpHandler* handler = state_.handler;
  parser_.emplace(state_.limits,
                  [handler](const HttpRequest& head) { return handler->WantsBodyStream(head); });
  body_streaming_ = false;
  stream_failed_ = false;
  continue_sent_ = false;
  // The first request's head is due header_timeout after the accept: a connection that
  // sends nothing is not an idle keep-alive connection and must not hold a slot as long.
  const bool first_request = reply_sequence_ == 0;
  head_deadline_set_ = first_request;
  if (first_request) SetDeadline(Clock::now() + state_.options.header_timeout);
  if (buffer_.size() > 0) {
    ParseBuffered();  // a pipelined request is already here
    return;
  }
  if (!first_request) SetDeadline(Clock::now() + state_.options.idle_timeout);
  Read();
}

void HttpConnection::Read() {
  socket_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](error_code ec, size_t n) {
                            self->OnRead(ec, n);
                          });
}

void HttpConnection::OnRead(error_code ec, size_t n) {
  if (phase_ != Phase::kReading) return;
  buffer_.commit(n);
  if (ec) {
    Close();  // the peer went away (or reset); nobody is left to answer
    return;
  }
  ParseBuffered();
}

void HttpConnection::ParseBuffered() {
  for (;;) {
    auto data = buffer_.data();
    auto [event, used] =
        parser_->Feed(std::string_view(static_cast<const char*>(data.data()), data.size()));
    buffer_.consume(used);
    switch (event) {
      case RequestParser::Event::kRejected:
        Reject(parser_->rejection());
        return;
      case RequestParser::Event::kComplete:
        Dispatch();
        return;
      case RequestParser::Event::kHeaderDone:
        if (parser_->streaming()) {
          // The handler reads the body itself (StreamRead), 100 Continue included.
          body_streaming_ = true;
          Dispatch();
          return;
        }
        // 100 Continue only when the client is still waiting for it; the body limit has
        // already been checked against Content-Length (413 comes from Feed instead).
        if (parser_->expects_continue() && buffer_.size() == 0) {
          SendContinue();
          return;
        }
        StartBodyClock();
        continue;
      case RequestParser::Event::kNeedMore:
        if (!parser_->started()) {
          // Nothing yet: the deadline set in BeginRequest stands.
        } else if (!parser_->header_done()) {
          if (!head_deadline_set_) {
            head_deadline_set_ = true;
            SetDeadline(Clock::now() + state_.options.header_timeout);
          }
        } else {
          SetBodyDeadline();
        }
        Read();
        return;
    }
  }
}

void HttpConnection::SendContinue() {
  phase_ = Phase::kContinuing;
  SetDeadline(Clock::now() + state_.options.idle_timeout);
  asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                    [self = shared_from_this()](error_code ec, size_t) {
                      if (self->phase_ != Phase::kContinuing) return;
                      if (ec) {
                        self->Close();
                        return;
                      }
                      self->phase_ = Phase::kReading;
                      self->StartBodyClock();
                      self->SetBodyDeadline();
                      self->Read();
                    });
}

void HttpConnection::StartBodyClock() {
  body_started_ = Clock::now();
  body_bytes_at_start_ = parser_->body_wire_bytes();
}

// Each read must come within body_timeout, and once body_timeout has passed since the body
// started, the bytes so far must average min_body_bytes_per_second: the body is due by
// start + bytes / rate, which a steady sender keeps pushing ahead of itself.
void HttpConnection::SetBodyDeadline() {
  body_piece_due_ = Clock::now() + state_.options.body_timeout;
  uint64_t rate = state_.options.min_body_bytes_per_second;
  if (rate == 0) {
    SetDeadline(body_piece_due_);
    return;
  }
  uint64_t bytes = parser_->body_wire_bytes() - body_bytes_at_start_;
  auto earned = std::chrono::milliseconds(bytes / rate * 1000 + bytes % rate * 1000 / rate);
  Clock::time_point by_rate =
      body_started_ + std::max<Clock::duration>(state_.options.body_timeout, earned);
  SetDeadline(std::min(body_piece_due_, by_rate));
}

void HttpConnection::Dispatch() {
  phase_ = Phase::kAwaitingReply;
  SetDeadline(Clock::time_point::max());
  HttpRequest request = parser_->TakeRequest();
  request.remote_address = remote_address_;
  if (body_streaming_) request.body_stream = NewBodyStream();
  head_request_ = request.method == "HEAD";
  keep_alive_ = request.keep_alive;
  http10_ = request.version == 10;
  uint64_t sequence = ++reply_sequence_;
  state_.metrics.requests_in_flight.Add(1);
  HttpReply reply = [self = shared_from_this(), sequence](HttpResponse response) {
    self->PostReply(sequence, std::move(response));
  };
  try {
    state_.handler->Handle(std::move(request), std::move(reply));
  } catch (const std::exception& e) {
    // A throwing handler is a bug; answer 500 rather than lose the loop thread.
    Log(LogLevel::kError, "http handler threw", {{"error", e.what()}});
    if (phase_ == Phase::kAwaitingReply && reply_sequence_ == sequence) {
      HttpResponse failure;
      failure.status = 500;
      failure.body = "internal error\n";
      // Posted like every reply: one the handler made before throwing is queued ahead of it
      // and wins; this one is then dropped as a second reply.
      PostReply(sequence, std::move(failure));
    }
  }
}

// Always posted, also from the loop's own thread (a handler that answered at once): the
// replies to one batch of ready connections then go out together after the batch, so a client
// thread with several connections here is woken once per batch rather than once per reply. On
// a VM a cross-CPU wake-up is dearer than a small GET's own work (docs/benchmarks.md, "Replies
// written after the batch").
void HttpConnection::PostReply(uint64_t sequence, HttpResponse response) {
  auto executor = loop_.context().get_executor();
  asio::post(executor, [self = shared_from_this(), sequence,
                        response = std::move(response)]() mutable {
    self->OnReply(sequence, std::move(response));
  });
}

void HttpConnection::OnReply(uint64_t sequence, HttpResponse response) {
  if (phase_ != Phase::kAwaitingReply || sequence != reply_sequence_) {
    return;  // the connection closed meanwhile, or a second call of the same reply
  }
  state_.metrics.requests_in_flight.Add(-1);
  if (stream_reader_) FailStream(Unavailable("the response was sent before the body was read"));
  // A body the handler did not read to its end is still on the wire: the connection cannot
  // carry another request.
  WriteResponse(std::move(response), !keep_alive_ || drain_requested_ || body_streaming_);
}

void HttpConnection::Reject(Rejection rejection) {
  state_.metrics.Rejected(rejection).Inc();
  error_code ignored;
  socket_.cancel(ignored);  // a timeout can strike while a read is pending
  WriteResponse(RejectionResponse(rejection), /*close=*/true);
}

HttpResponse HttpConnection::RejectionResponse(Rejection rejection) {
  const RejectionInfo& info = DescribeRejection(rejection);
  std::optional<HttpRequest> head;
  if (parser_->head_parsed()) {
    head = parser_->TakeRequest();
    head->body = std::string();
    head->remote_address = remote_address_;
  }
  head_request_ = head && head->method == "HEAD";
  HttpResponse response;
  try {
    response = state_.handler->OnRejected(info.http_status, info.message,
                                          head ? &*head : nullptr);
  } catch (const std::exception& e) {
    Log(LogLevel::kError, "http rejection hook threw", {{"error", e.what()}});
    response = state_.handler->HttpHandler::OnRejected(info.http_status, info.message, nullptr);
  }
  response.status = info.http_status;
  return response;
}

void HttpConnection::WriteResponse(HttpResponse response, bool close) {
  phase_ = Phase::kWriting;
  close_after_write_ = close;
  head_.clear();
  ResponseFraming framing{state_.options.server_header, close, http10_ && !close};
  AppendResponseHead(response, framing, &head_);
  body_ = std::move(response.body);
  body_source_ = std::move(response.body_source);
  if (body_source_ && ResponseCarriesBody(response.status, head_request_)) {
    body_source_remaining_ = response.content_length_override.value_or(0);
    SetDeadline(Clock::now() + state_.options.idle_timeout);
    asio::async_write(socket_, asio::buffer(head_), [self = shared_from_this()](error_code ec, size_t) {
      if (self->phase_ != Phase::kWriting) return;
      if (ec) return self->Close();
      self->PumpResponseBody();
    });
    return;
  }
  body_source_.reset();
  SetDeadline(Clock::now() + state_.options.idle_timeout);
  std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_), asio::const_buffer()};
  if (ResponseCarriesBody(response.status, head_request_)) buffers[1] = asio::buffer(body_);
  asio::async_write(socket_, buffers, [self = shared_from_this()](error_code ec, size_t) {
    self->OnWritten(ec);
  });
}

void HttpConnection::OnWritten(error_code ec) {
  if (phase_ != Phase::kWriting) return;
  body_ = std::string();
  // The response is sent: its source (and what it holds, e.g. an S3 object's blobs) goes now,
  // not when the next request or the close of a kept-alive connection replaces it.
  body_source_.reset();
  if (ec) {
    Close();
    return;
  }
  if (close_after_write_ || drain_requested_) {
    LingerThenClose();
    return;
  }
  BeginRequest();
}

void HttpConnection::LingerThenClose() {
  phase_ = Phase::kLingering;
  error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  buffer_.clear();
  lingered_bytes_ = 0;
  SetDeadline(Clock::now() + kLingerTime);
  socket_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](error_code ec, size_t n) {
                            self->OnLingerRead(ec, n);
                          });
}

void HttpConnection::OnLingerRead(error_code ec, size_t n) {
  if (phase_ != Phase::kLingering) return;
  lingered_bytes_ += n;
  if (ec || lingered_bytes_ > kMaxLingerBytes) {
    Close();
    return;
  }
  socket_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](error_code ec, size_t n) {
                            self->OnLingerRead(ec, n);
                          });
}

void HttpConnection::SetDeadline(Clock::time_point deadline) {
  deadline_ = deadline;
  if (deadline == Clock::time_point::max()) return;
  if (!timer_armed_ || deadline < timer_expiry_) ArmTimer(deadline);
}

void HttpConnection::ArmTimer(Clock::time_point at) {
  timer_armed_ = true;
  timer_expiry_ = at;
  timer_.expires_at(at);
  timer_.async_wait([self = shared_from_this()](error_code ec) { self->OnTimer(ec); });
}

void HttpConnection::OnTimer(error_code ec) {
  if (phase_ == Phase::kClosed || ec == asio::error::operation_aborted) return;
  timer_armed_ = false;
  if (deadline_ == Clock::time_point::max()) return;
  if (deadline_ > Clock::now()) {
    ArmTimer(deadline_);
    return;
  }
  OnDeadline();
}

void HttpConnection::OnDeadline() {
  if (stream_reader_) {
    // A streamed body stalled or trickled: the handler answers (as S3 does, RequestTimeout).
    error_code ignored;
    socket_.cancel(ignored);
    const bool stalled = Clock::now() >= body_piece_due_;
    Rejection r = stalled ? Rejection::kBodyTimeout : Rejection::kBodyTooSlow;
    state_.metrics.Rejected(r).Inc();
    const RejectionInfo& info = DescribeRejection(r);
    FailStream(Status::Aws(StatusCode::kDeadlineExceeded, info.http_status, "",
                           std::string(info.message)));
    return;
  }
  if (phase_ != Phase::kReading || !parser_->started()) {
    Close();  // idle keep-alive, a client that does not read, or the end of lingering
    return;
  }
  if (!parser_->header_done()) {
    Reject(Rejection::kHeaderTimeout);
  } else {
    // A stall is reported as such even when the rate deadline struck at the same moment.
    Reject(Clock::now() >= body_piece_due_ ? Rejection::kBodyTimeout : Rejection::kBodyTooSlow);
  }
}

}  // namespace skybox::net
