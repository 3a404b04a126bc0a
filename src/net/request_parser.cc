#include "net/request_parser.h"

#include <algorithm>
#include <functional>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <limits>

#include "base/ascii.h"

namespace skybox::net {
namespace {

namespace http = boost::beast::http;

// A body whose Content-Length is declared is reserved up to this much at once; beyond it the
// string grows as bytes actually arrive, so a client cannot make us allocate by promising.
constexpr uint64_t kMaxBodyReserve = 1 << 20;
constexpr size_t kLastChunkBytes = 5;
// Chunk framing (size lines, extensions, CRLFs) may exceed the payload it frames by at most
// this much. Without a cap, a client could stream tiny chunks with long extensions forever
// without ever reaching max_body_bytes, holding a connection and burning the loop's CPU.
constexpr uint64_t kMaxChunkFramingOverhead = 64 * 1024;

std::string_view View(boost::beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

RequestParser::RequestParser(const RequestLimits& limits, StreamDecider stream_decider)
    : limits_(limits), stream_decider_(std::move(stream_decider)) {
  header_limit(static_cast<uint32_t>(
      std::min<size_t>(limits.max_header_bytes, std::numeric_limits<uint32_t>::max())));
  // Beast checks Content-Length against this before on_header_impl, where the real limit
  // (streamed or not) is known and applied.
  body_limit(stream_decider_ ? std::max(limits.max_body_bytes, limits.max_streamed_body_bytes)
                             : limits.max_body_bytes);
}

RequestParser::FeedResult RequestParser::Feed(std::string_view data) {
  size_t total = 0;
  while (total < data.size()) {
    const bool head_was_done = is_header_done();
    // Beast 1.74 asserts when a stalled last-chunk is offered again with fewer than five
    // bytes; a valid chunked body always ends with at least that many ("0\r\n\r\n").
    if (head_was_done && chunked() && body_stalled_ && data.size() - total < kLastChunkBytes) {
      break;
    }
    error_code ec;
    input_ = data.substr(total);
    size_t n = put(boost::asio::const_buffer(input_.data(), input_.size()), ec);
    input_ = {};
    total += n;
    body_stalled_ = head_was_done && n == 0 && ec == http::error::need_more;
    if (head_was_done) {
      body_wire_bytes_ += n;
      if (chunked() &&
          body_wire_bytes_ > 2 * body_bytes_ + kMaxChunkFramingOverhead) {
        return {Reject(Rejection::kBadRequest), total};
      }
    } else {
      head_bytes_ += n;
    }
    if (ec == http::error::need_more) {
      if (is_header_done()) {
        // Body bytes are consumed as they come; only a chunk-size line can be pending, and
        // one longer than a whole head is an attack on the read buffer.
        if (data.size() - total > limits_.max_header_bytes) {
          return {Reject(Rejection::kBadRequest), total};
        }
        return {Event::kNeedMore, total};
      }
      std::string_view pending = data.substr(total);
      if (head_bytes_ + pending.size() > limits_.max_header_bytes) {
        return {Reject(ClassifyOversizedHead(pending)), total};
      }
      // Classified once: the answer cannot change as bytes are appended, and scanning again
      // on every read of a trickled head would make it quadratic.
      if (request_.method.empty() && !target_checked_ &&
          pending.size() > limits_.max_url_bytes) {
        if (ClassifyOversizedHead(pending) == Rejection::kUrlTooLong) {
          return {Reject(Rejection::kUrlTooLong), total};
        }
        target_checked_ = true;
      }
      return {Event::kNeedMore, total};
    }
    if (ec) {
      if (rejection_ != Rejection::kNone) return {Reject(rejection_), total};
      if (ec == http::error::body_limit) {
        // Either the Content-Length (checked once every field was delivered) or the
        // de-chunked body is over the limit; the head is whole in both cases.
        head_parsed_ = true;
        return {Reject(Rejection::kBodyTooLarge), total};
      }
      if (ec == http::error::header_limit) {
        return {Reject(ClassifyOversizedHead(data.substr(total))), total};
      }
      return {Reject(Rejection::kBadRequest), total};
    }
    if (!head_was_done && is_header_done() && head_bytes_ > limits_.max_header_bytes) {
      return {Reject(Rejection::kHeaderTooLarge), total};
    }
    if (is_done()) return {Event::kComplete, total};
    if (!head_was_done && is_header_done()) return {Event::kHeaderDone, total};
    if (n == 0) break;
  }
  return {Event::kNeedMore, total};
}

RequestParser::Event RequestParser::Reject(Rejection r) {
  rejection_ = r;
  return Event::kRejected;
}

// Beast keeps an unfinished request line in the buffer; when the head overflows before the
// line is complete, the culprit is the target if it alone is over the URL limit.
Rejection RequestParser::ClassifyOversizedHead(std::string_view pending) const {
  if (!request_.method.empty()) return Rejection::kHeaderTooLarge;
  size_t start = pending.find(' ');
  if (start == std::string_view::npos) return Rejection::kHeaderTooLarge;
  std::string_view target = pending.substr(start + 1);
  target = target.substr(0, target.find_first_of(" \r\n"));
  return target.size() > limits_.max_url_bytes ? Rejection::kUrlTooLong
                                               : Rejection::kHeaderTooLarge;
}

void RequestParser::on_request_impl(verb, string_view method_str, string_view target,
                                    int version, error_code& ec) {
  if (target.size() > limits_.max_url_bytes) {
    rejection_ = Rejection::kUrlTooLong;
    ec = http::error::bad_target;
    return;
  }
  if (version != 10 && version != 11) {
    ec = http::error::bad_version;
    return;
  }
  request_.method.assign(method_str.data(), method_str.size());
  request_.target.assign(target.data(), target.size());
  request_.version = version;
}

void RequestParser::on_response_impl(int, string_view, int, error_code& ec) {
  ec = http::error::bad_method;  // a request parser never sees a status line
}

void RequestParser::on_field_impl(field name, string_view name_str, string_view value,
                                  error_code& ec) {
  // RFC 9112 §5.2: a server must reject obs-fold in a request, or replace it; we reject.
  if (IsFolded(name_str, value)) {
    rejection_ = Rejection::kBadRequest;
    ec = http::error::bad_value;
    return;
  }
  std::string_view trimmed = TrimBlanks(View(value));
  string_view trimmed_beast(trimmed.data(), trimmed.size());
  // Refused in on_header_impl, so that OnRejected sees the whole head.
  if (name == field::transfer_encoding && !boost::beast::iequals(trimmed_beast, "chunked")) {
    unsupported_transfer_encoding_ = true;
  }
  if (name == field::host) ++host_fields_;
  if (name == field::expect && boost::beast::iequals(trimmed_beast, "100-continue")) {
    expects_continue_ = true;
  }
  HttpHeader& header = request_.headers.emplace_back();
  header.name.resize(name_str.size());
  std::transform(name_str.begin(), name_str.end(), header.name.begin(), AsciiToLower);
  header.value.assign(trimmed.data(), trimmed.size());
}

void RequestParser::on_header_impl(error_code& ec) {
  head_parsed_ = true;
  request_.keep_alive = keep_alive();
  expects_continue_ = expects_continue_ && request_.version == 11;
  // RFC 9112 §3.2: exactly one Host in an HTTP/1.1 request.
  if (request_.version == 11 && host_fields_ != 1) {
    rejection_ = Rejection::kMissingHost;
    ec = http::error::bad_value;
    return;
  }
  if (unsupported_transfer_encoding_) {
    rejection_ = Rejection::kUnsupportedTransferEncoding;
    ec = http::error::bad_transfer_encoding;
    return;
  }
  auto length = content_length();
  const bool has_body = chunked() || (length && *length > 0);
  if (!has_body || !stream_decider_) return;
  streaming_ = stream_decider_(request_);
  uint64_t limit = streaming_ ? limits_.max_streamed_body_bytes : limits_.max_body_bytes;
  if (length && *length > limit) {
    ec = http::error::body_limit;  // reported as 413 by Feed
    return;
  }
  body_limit(limit);
}

// Beast accepts obs-fold: it joins the lines into a buffer of its own, or, when the first line
// is empty, starts the value on the continuation line. Either way the value is not where it
// would be in a one-line field: right after the name, in the bytes being parsed.
bool RequestParser::IsFolded(string_view name, string_view value) const {
  std::less<const char*> before;
  const char* input_end = input_.data() + input_.size();
  if (before(value.data(), input_.data()) || before(input_end, value.data())) return true;
  const char* name_end = name.data() + name.size();
  return std::string_view(name_end, static_cast<size_t>(value.data() - name_end)).find('\n') !=
         std::string_view::npos;
}

void RequestParser::on_body_init_impl(const boost::optional<uint64_t>& content_length,
                                      error_code&) {
  if (content_length && !streaming_) {
    request_.body.reserve(std::min(*content_length, kMaxBodyReserve));
  }
}

void RequestParser::AppendBody(string_view bytes) {
  body_bytes_ += bytes.size();
  (streaming_ ? streamed_ : request_.body).append(bytes.data(), bytes.size());
}

size_t RequestParser::on_body_impl(string_view body, error_code&) {
  AppendBody(body);
  return body.size();
}

void RequestParser::on_chunk_header_impl(uint64_t, string_view, error_code&) {}

size_t RequestParser::on_chunk_body_impl(uint64_t, string_view body, error_code&) {
  AppendBody(body);
  return body.size();
}

void RequestParser::on_finish_impl(error_code&) {}

}  // namespace skybox::net
