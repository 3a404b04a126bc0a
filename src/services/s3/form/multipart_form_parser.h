// An incremental multipart/form-data parser (RFC 7578) for S3's browser-based POST uploads.
//
// The body is fed in arbitrary pieces as it arrives; the parser hands back ordinary fields
// whole (their total size is capped, as S3 caps the fields before the file) and the part named
// `file` as a run of byte pieces, so an upload of any size needs only a few KiB of parser
// memory. Field names are lower-cased (S3 matches form field names case-insensitively).
//
// Errors are S3's: 400 MalformedPOSTRequest for a body that is not well-formed
// multipart/form-data, 400 MaxPostPreDataLengthExceededError when the ordinary fields exceed
// the cap.
//
// Thread-safety: none; one parser belongs to one upload, used by one thread at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/status.h"

namespace skybox::s3 {

// 400 MalformedPOSTRequest, worded as S3 words it.
Status MalformedPostRequest();

// The `boundary` parameter of a multipart/form-data Content-Type; MalformedPOSTRequest when
// the type is another one or the boundary is missing or invalid (RFC 2046: 1-70 characters).
Result<std::string> FormBoundaryOf(std::string_view content_type);

struct FormEvent {
  enum class Kind {
    kNeedInput,  // feed more bytes (or call FinishInput) before asking again
    kField,      // an ordinary field: `name`, `value`
    kFileStart,  // the `file` part begins: `name`, `filename`, `content_type` of the part
    kFileData,   // bytes of the file: `value` (never empty)
    kFileEnd,    // the file part is complete
    kEnd,        // the closing delimiter was read; what follows it is ignored
  };
  Kind kind = Kind::kNeedInput;
  std::string name;
  std::string value;
  std::string filename;
  std::string content_type;
};

class MultipartFormParser {
 public:
  static constexpr size_t kDefaultMaxFieldBytes = 20 * 1024;

  // `max_field_bytes` caps the bytes of ordinary parts (headers and values) together.
  explicit MultipartFormParser(std::string boundary, size_t max_field_bytes = kDefaultMaxFieldBytes);

  // Appends the next bytes of the body. Not after FinishInput.
  void Feed(std::string_view bytes);
  // Says the body has ended: a later kNeedInput becomes MalformedPOSTRequest.
  void FinishInput();

  // The next event from the bytes fed so far. After kEnd, always kEnd; after an error, the
  // same error again.
  Result<FormEvent> Next();

 private:
  enum class State { kPreamble, kAfterDelimiter, kPartHeaders, kFieldValue, kFileData, kDone };

  Result<FormEvent> Step();
  Result<FormEvent> OnAfterDelimiter();
  Result<FormEvent> OnPartHeaders();
  Result<FormEvent> OnFieldValue();
  Result<FormEvent> OnFileData();
  // kNeedInput, or MalformedPOSTRequest when the body has ended.
  Result<FormEvent> NeedInput();
  // Drops the first `n` bytes of the buffer.
  void Consume(size_t n);
  Status CheckFieldBytes(size_t more);

  std::string delimiter_;  // "\r\n--" + boundary
  size_t max_field_bytes_;
  size_t field_bytes_ = 0;
  std::string buffer_;
  bool input_finished_ = false;
  State state_ = State::kPreamble;
  std::string part_name_;
  Status error_;
};

}  // namespace skybox::s3
