// libFuzzer target: S3's multipart/form-data parser for browser POST uploads. Input: a
// Content-Type line (its boundary is used when it parses, else "XyZ123"), '\n', then the body.
// The body is parsed twice, whole and in small pieces whose sizes come from the body's own
// bytes; both parses must agree on every field, the file's bytes and the outcome.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "services/s3/form/multipart_form_parser.h"

using namespace skybox::s3;

namespace {

struct Outcome {
  std::string transcript;  // fields and file boundaries, in order
  std::string file;
  std::string error;
};

Outcome Parse(const std::string& boundary, std::string_view body, bool in_pieces) {
  MultipartFormParser parser{boundary, 4096};
  Outcome out;
  size_t fed = 0;
  for (int steps = 0; steps < 1 << 20; ++steps) {
    auto event = parser.Next();
    if (!event.ok()) {
      out.error = event.status().aws_code();
      return out;
    }
    switch (event->kind) {
      case FormEvent::Kind::kNeedInput: {
        if (fed == body.size()) {
          parser.FinishInput();
          break;
        }
        size_t n = in_pieces ? 1 + static_cast<uint8_t>(body[fed]) % 13 : body.size();
        n = std::min(n, body.size() - fed);
        parser.Feed(body.substr(fed, n));
        fed += n;
        break;
      }
      case FormEvent::Kind::kField: out.transcript += "F" + event->name + "=" + event->value + ";"; break;
      case FormEvent::Kind::kFileStart: out.transcript += "S" + event->filename + ";"; break;
      case FormEvent::Kind::kFileData:
        if (event->value.empty()) abort();
        out.file += event->value;
        break;
      case FormEvent::Kind::kFileEnd: out.transcript += "E;"; break;
      case FormEvent::Kind::kEnd: return out;
    }
  }
  abort();  // the parser must make progress
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return 0;
  auto parsed = FormBoundaryOf(input.substr(0, nl));
  std::string boundary = parsed.ok() ? *parsed : "XyZ123";
  std::string_view body = input.substr(nl + 1);
  Outcome whole = Parse(boundary, body, false);
  Outcome pieces = Parse(boundary, body, true);
  // The cap may trip at a different point, but never for one parse only.
  if (whole.error != pieces.error) abort();
  if (whole.error.empty() && (whole.transcript != pieces.transcript || whole.file != pieces.file)) abort();
  return 0;
}
