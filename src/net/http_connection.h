// HttpConnection: one client TCP connection on one EventLoop. Reads requests one at a time
// (pipelined requests wait in the read buffer, so responses go out in order), calls the
// handler, writes the reply, and enforces the head/body/idle timeouts.
//
// Internal to net/. Thread-safety: every member function runs on the owning loop's thread,
// except that the HttpReply handed to the handler may be called from any thread (it posts).
// Lifetime: shared_ptr; pending operations and outstanding replies keep it alive, so a reply
// that arrives after the connection closed is dropped safely.
#pragma once

#include <utility>  // before Boost headers (std::exchange with g++ 12)

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "net/request_parser.h"
#include "net/server_state.h"

namespace skybox::net {

class EventLoop;

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, EventLoop& loop, ServerState& state);

  void Start();
  // Shutdown: close now when idle, otherwise after the response being produced.
  void Drain();
  // Closes the socket now; pending operations complete with errors and are ignored.
  void Close();

  size_t loop_slot = 0;  // index in the loop's connection list, maintained by EventLoop

 private:
  using Clock = std::chrono::steady_clock;
  enum class Phase { kReading, kContinuing, kAwaitingReply, kWriting, kLingering, kClosed };

  void BeginRequest();
  void Read();
  void OnRead(boost::system::error_code ec, size_t n);
  void ParseBuffered();
  void SendContinue();
  void StartBodyClock();
  void SetBodyDeadline();
  void Dispatch();

  // Streamed request bodies (http_body_stream.cc).
  friend class ConnectionBodyStream;
  std::shared_ptr<RequestBodyStream> NewBodyStream();
  void StreamRead(OnBodyPiece on_piece);
  void StreamFill();
  void OnStreamRead(boost::system::error_code ec, size_t n);
  void DeliverPiece(BodyPiece piece);
  void FailStream(Status status);
  // Streamed response bodies (http_body_stream.cc).
  void PumpResponseBody();
  void OnResponsePiece(BodyPiece piece);
  void PostReply(uint64_t sequence, HttpResponse response);
  void OnReply(uint64_t sequence, HttpResponse response);
  void Reject(Rejection rejection);
  HttpResponse RejectionResponse(Rejection rejection);
  void WriteResponse(HttpResponse response, bool close);
  void OnWritten(boost::system::error_code ec);
  void LingerThenClose();
  void OnLingerRead(boost::system::error_code ec, size_t n);

  // One lazily re-armed timer: moving the deadline later costs a store, not a syscall.
  void SetDeadline(Clock::time_point deadline);
  void ArmTimer(Clock::time_point at);
  void OnTimer(boost::system::error_code ec);
  void OnDeadline();

  boost::asio::ip::tcp::socket socket_;
  EventLoop& loop_;
  ServerState& state_;
  boost::asio::steady_timer timer_;
  Clock::time_point deadline_ = Clock::time_point::max();
  Clock::time_point timer_expiry_ = Clock::time_point::max();
  bool timer_armed_ = false;

  boost::beast::flat_buffer buffer_;  // received, not yet parsed; reused across requests
  std::optional<RequestParser> parser_;
  std::string head_;  // serialised response head; capacity reused across responses
  std::string body_;  // body being written
  std::shared_ptr<ResponseBodySource> body_source_;  // streamed response body, if any
  uint64_t body_source_remaining_ = 0;               // bytes the source still owes
  OnBodyPiece stream_reader_;  // the handler's pending RequestBodyStream::Read, if any
  bool body_streaming_ = false;  // a streamed request body is not yet complete
  bool stream_failed_ = false;
  bool continue_sent_ = false;
  std::string remote_address_;

  Phase phase_ = Phase::kReading;
  uint64_t reply_sequence_ = 0;  // identifies the request a reply answers
  size_t lingered_bytes_ = 0;
  // The body clock: when the body started to flow (after 100 Continue, if one was sent) and
  // how much of it had arrived then; for the minimum body rate.
  Clock::time_point body_started_;
  uint64_t body_bytes_at_start_ = 0;
  Clock::time_point body_piece_due_;  // the next piece's body_timeout deadline
  bool head_request_ = false;
  bool keep_alive_ = true;
  bool http10_ = false;
  bool head_deadline_set_ = false;
  bool close_after_write_ = false;
  bool drain_requested_ = false;
};

}  // namespace skybox::net
