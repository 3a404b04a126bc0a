#include "base/binary_record.h"

namespace skybox {

void RecordWriter::PutVarint(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void RecordWriter::PutString(std::string_view s) {
  PutVarint(s.size());
  out_.append(s);
}

uint8_t RecordReader::GetByte() {
  if (!ok_ || in_.empty()) {
    ok_ = false;
    return 0;
  }
  auto b = static_cast<uint8_t>(in_.front());
  in_.remove_prefix(1);
  return b;
}

uint64_t RecordReader::GetVarint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = GetByte();
    if (!ok_) return 0;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return v;
  }
  ok_ = false;  // more than 10 bytes: not a varint this writer produced
  return 0;
}

std::string RecordReader::GetString() {
  uint64_t n = GetVarint();
  if (!ok_ || n > in_.size()) {
    ok_ = false;
    return {};
  }
  std::string s(in_.substr(0, n));
  in_.remove_prefix(n);
  return s;
}

}  // namespace skybox
