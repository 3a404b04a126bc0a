#include "services/s3/form/multipart_form_parser.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "base/ascii.h"

namespace skybox::s3 {
namespace {

constexpr size_t kMaxBoundaryLength = 70;
constexpr size_t kMaxTransportPadding = 64;

using Params = std::vector<std::pair<std::string, std::string>>;

// `; name=value; name="quoted \" value"` after a header's leading token; nullopt when malformed.
std::optional<Params> ParseParams(std::string_view text) {
  Params params;
  size_t i = 0;
  while (true) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i == text.size()) return params;
    if (text[i] != ';') return std::nullopt;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i == text.size()) return params;  // a trailing ';' is tolerated, as browsers do
    size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string name = AsciiLowercase(TrimBlanks(text.substr(i, eq - i)));
    if (name.empty()) return std::nullopt;
    i = eq + 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::string value;
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char c = text[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < text.size()) c = text[i++];
        value.push_back(c);
      }
      if (!closed) return std::nullopt;
    } else {
      size_t end = text.find(';', i);
      if (end == std::string_view::npos) end = text.size();
      value = std::string(TrimBlanks(text.substr(i, end - i)));
      i = end;
    }
    params.emplace_back(std::move(name), std::move(value));
  }
}

const std::string* FindParam(const Params& params, std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return &v;
  }
  return nullptr;
}

Status MaxPreDataExceeded() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MaxPostPreDataLengthExceededError",
                     "Your POST request fields preceding the upload file were too large.");
}

}  // namespace

Status MalformedPostRequest() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedPOSTRequest",
                     "The body of your POST request is not well-formed multipart/form-data.");
}

Result<std::string> FormBoundaryOf(std::string_view content_type) {
  size_t semi = content_type.find(';');
  if (AsciiLowercase(TrimBlanks(content_type.substr(0, semi))) != "multipart/form-data" || semi == std::string_view::npos) {
    return MalformedPostRequest();
  }
  std::optional<Params> params = ParseParams(content_type.substr(semi));
  const std::string* boundary = params ? FindParam(*params, "boundary") : nullptr;
  if (boundary == nullptr || boundary->empty() || boundary->size() > kMaxBoundaryLength) {
    return MalformedPostRequest();
  }
  return *boundary;
}

MultipartFormParser::MultipartFormParser(std::string boundary, size_t max_field_bytes)
    : delimiter_("\r\n--" + boundary), max_field_bytes_(max_field_bytes), buffer_("\r\n") {}

void MultipartFormParser::Feed(std::string_view bytes) {
  if (state_ != State::kDone) buffer_.append(bytes);
}

void MultipartFormParser::FinishInput() { input_finished_ = true; }

Result<FormEvent> MultipartFormParser::Next() {
  if (!error_.ok()) return error_;
  Result<FormEvent> event = Step();
  if (!event.ok()) error_ = event.status();
  return event;
}

Result<FormEvent> MultipartFormParser::Step() {
  while (true) {
    switch (state_) {
      case State::kPreamble: {
        size_t at = buffer_.find(delimiter_);
        if (at == std::string::npos) {
          // Keep only what could be the start of a delimiter split across pieces.
          if (buffer_.size() >= delimiter_.size()) Consume(buffer_.size() - (delimiter_.size() - 1));
          return NeedInput();
        }
        Consume(at + delimiter_.size());
        state_ = State::kAfterDelimiter;
        continue;
      }
      case State::kAfterDelimiter:
        return OnAfterDelimiter();
      case State::kPartHeaders:
        return OnPartHeaders();
      case State::kFieldValue:
        return OnFieldValue();
      case State::kFileData:
        return OnFileData();
      case State::kDone:
        return FormEvent{FormEvent::Kind::kEnd};
    }
  }
}

Result<FormEvent> MultipartFormParser::OnAfterDelimiter() {
  if (buffer_.size() < 2) return NeedInput();
  if (buffer_.starts_with("--")) {
    state_ = State::kDone;
    buffer_.clear();
    return FormEvent{FormEvent::Kind::kEnd};
  }
  size_t i = 0;
  while (i < buffer_.size() && (buffer_[i] == ' ' || buffer_[i] == '\t')) ++i;
  if (i > kMaxTransportPadding) return MalformedPostRequest();
  if (buffer_.size() < i + 2) return NeedInput();
  if (buffer_.compare(i, 2, "\r\n") != 0) return MalformedPostRequest();
  Consume(i + 2);
  state_ = State::kPartHeaders;
  return OnPartHeaders();
}

Result<FormEvent> MultipartFormParser::OnPartHeaders() {
  size_t end = buffer_.find("\r\n\r\n");
  if (end == std::string::npos) {
    SKYBOX_RETURN_IF_ERROR(CheckFieldBytes(buffer_.size()));
    return NeedInput();
  }
  // Part headers count as field bytes, the file's included: they all precede the file.
  SKYBOX_RETURN_IF_ERROR(CheckFieldBytes(end + 4));
  field_bytes_ += end + 4;
  std::string_view block(buffer_.data(), end);
  std::optional<Params> disposition;
  std::string content_type;
  while (!block.empty()) {
    size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return MalformedPostRequest();
    std::string name = AsciiLowercase(TrimBlanks(line.substr(0, colon)));
    std::string_view value = TrimBlanks(line.substr(colon + 1));
    if (name == "content-disposition") {
      size_t semi = value.find(';');
      if (AsciiLowercase(TrimBlanks(value.substr(0, semi))) != "form-data") return MalformedPostRequest();
      disposition = ParseParams(semi == std::string_view::npos ? std::string_view() : value.substr(semi));
      if (!disposition) return MalformedPostRequest();
    } else if (name == "content-type") {
      content_type = std::string(value);
    }
  }
  const std::string* name = disposition ? FindParam(*disposition, "name") : nullptr;
  if (name == nullptr || name->empty()) return MalformedPostRequest();
  FormEvent event;
  event.name = AsciiLowercase(*name);
  if (event.name == "file") {
    event.kind = FormEvent::Kind::kFileStart;
    if (const std::string* filename = FindParam(*disposition, "filename")) event.filename = *filename;
    event.content_type = std::move(content_type);
    Consume(end + 4);
    state_ = State::kFileData;
    return event;
  }
  Consume(end + 4);
  part_name_ = std::move(event.name);
  state_ = State::kFieldValue;
  return OnFieldValue();
}

Result<FormEvent> MultipartFormParser::OnFieldValue() {
  size_t at = buffer_.find(delimiter_);
  if (at == std::string::npos) {
    // Only what cannot be the start of the delimiter is surely part of the value.
    SKYBOX_RETURN_IF_ERROR(CheckFieldBytes(buffer_.size() - std::min(buffer_.size(), delimiter_.size() - 1)));
    return NeedInput();
  }
  SKYBOX_RETURN_IF_ERROR(CheckFieldBytes(at));
  field_bytes_ += at;
  FormEvent event{FormEvent::Kind::kField, std::move(part_name_), buffer_.substr(0, at)};
  Consume(at + delimiter_.size());
  state_ = State::kAfterDelimiter;
  return event;
}

Result<FormEvent> MultipartFormParser::OnFileData() {
  size_t at = buffer_.find(delimiter_);
  if (at == 0) {
    Consume(delimiter_.size());
    state_ = State::kAfterDelimiter;
    return FormEvent{FormEvent::Kind::kFileEnd};
  }
  // Without a delimiter in view, hold back what could be its beginning.
  size_t ready = at != std::string::npos ? at
                 : buffer_.size() >= delimiter_.size() ? buffer_.size() - (delimiter_.size() - 1)
                                                       : 0;
  if (ready == 0) return NeedInput();
  FormEvent event{FormEvent::Kind::kFileData, "", buffer_.substr(0, ready)};
  Consume(ready);
  return event;
}

Result<FormEvent> MultipartFormParser::NeedInput() {
  if (input_finished_) return MalformedPostRequest();
  return FormEvent{FormEvent::Kind::kNeedInput};
}

void MultipartFormParser::Consume(size_t n) { buffer_.erase(0, n); }

Status MultipartFormParser::CheckFieldBytes(size_t more) {
  return field_bytes_ + more > max_field_bytes_ ? MaxPreDataExceeded() : Status();
}

}  // namespace skybox::s3
