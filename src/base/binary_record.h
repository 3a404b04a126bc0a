// A compact binary form for small stored records (S3 object heads and version metadata):
// unsigned LEB128 varints and length-prefixed byte strings, written and read in a fixed field
// order the record's codec defines. Cheaper to decode than JSON on paths that read a record per
// request or per listed key; a record's first byte can tag the format, so records written
// earlier in another form stay readable.
//
// Thread-safety: plain values, no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace skybox {

class RecordWriter {
 public:
  // `capacity`: the bytes to reserve up front (records are small; this saves regrowing).
  explicit RecordWriter(size_t capacity = 128) { out_.reserve(capacity); }
  void PutByte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void PutVarint(uint64_t v);
  // Two's-complement int64 as a varint (timestamps are non-negative in practice).
  void PutSigned(int64_t v) { PutVarint(static_cast<uint64_t>(v)); }
  void PutString(std::string_view s);
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads fields in the order they were written. A read past the end or an overlong varint makes
// the reader fail: the value returned is then 0 / empty and ok() stays false from there on.
// Holds a view of its input, which must outlive it.
class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  uint8_t GetByte();
  uint64_t GetVarint();
  int64_t GetSigned() { return static_cast<int64_t>(GetVarint()); }
  std::string GetString();
  // True when every read so far succeeded.
  bool ok() const { return ok_; }
  // True when ok() and every byte was consumed.
  bool Done() const { return ok_ && in_.empty(); }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace skybox
