#include "aws/protocol/cbor.h"

#include <cstdint>

namespace skybox::aws {
namespace {

// A CBOR head: major type in the top 3 bits, then the length in the shortest form.
void AppendHead(std::string& out, uint8_t major, uint64_t length) {
  uint8_t type = static_cast<uint8_t>(major << 5);
  if (length < 24) {
    out.push_back(static_cast<char>(type | length));
    return;
  }
  int bytes = length <= 0xff ? 1 : length <= 0xffff ? 2 : length <= 0xffffffff ? 4 : 8;
  out.push_back(static_cast<char>(type | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27)));
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((length >> (8 * i)) & 0xff));
}

void AppendText(std::string& out, std::string_view text) {
  AppendHead(out, 3, text.size());
  out.append(text);
}

}  // namespace

std::string CborErrorBody(std::string_view code, std::string_view message) {
  std::string out;
  AppendHead(out, 5, 2);  // map of two pairs
  AppendText(out, "__type");
  AppendText(out, code);
  AppendText(out, "message");
  AppendText(out, message);
  return out;
}

std::string_view CborOperationName(std::string_view path) {
  constexpr std::string_view kService = "/service/";
  constexpr std::string_view kOperation = "/operation/";
  if (!path.starts_with(kService)) return {};
  size_t op = path.find(kOperation, kService.size());
  if (op == std::string_view::npos) return {};
  std::string_view name = path.substr(op + kOperation.size());
  return name.find('/') == std::string_view::npos ? name : std::string_view();
}

}  // namespace skybox::aws
