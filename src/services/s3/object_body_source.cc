#include "services/s3/object_body_source.h"

#include <algorithm>

#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

constexpr uint64_t kPieceBytes = 1 << 20;

// Appends up to `n` bytes of `version` starting at `offset` to `out`.
Status AppendBytes(S3Backend& b, const ObjectVersion& version, uint64_t offset, uint64_t n, std::string& out) {
  if (version.parts.empty()) {
    if (offset + n > version.inline_data.size()) return Status(StatusCode::kDataLoss, "object shorter than recorded");
    out.append(version.inline_data, offset, n);
    return Status();
  }
  uint64_t part_start = 0;
  for (const ObjectPart& part : version.parts) {
    uint64_t part_end = part_start + part.size;
    if (n > 0 && offset < part_end) {
      uint64_t in_part = offset - part_start;
      uint64_t take = std::min(n, part.size - in_part);
      size_t old = out.size();
      out.resize(old + take);
      auto read = b.blobs().Read(part.blob, in_part, out.data() + old, take);
      if (!read.ok()) return read.status();
      if (*read != take) return Status(StatusCode::kDataLoss, "blob shorter than recorded");
      offset += take;
      n -= take;
    }
    part_start = part_end;
  }
  return n == 0 ? Status() : Status(StatusCode::kDataLoss, "object shorter than recorded");
}

class ObjectBodySource final : public net::ResponseBodySource {
 public:
  ObjectBodySource(S3Backend& backend, ObjectVersion version, uint64_t first, uint64_t length,
                   BlobReclaimer::ReadGuard guard)
      : backend_(backend), version_(std::move(version)), next_(first), end_(first + length), guard_(std::move(guard)) {}

  void Next(net::OnBodyPiece on_piece) override {
    net::BodyPiece piece;
    uint64_t n = std::min(kPieceBytes, end_ - next_);
    piece.bytes.reserve(n);
    piece.status = AppendBytes(backend_, version_, next_, n, piece.bytes);
    next_ += n;
    piece.last = next_ == end_;
    on_piece(std::move(piece));
  }

 private:
  S3Backend& backend_;
  ObjectVersion version_;
  uint64_t next_;
  uint64_t end_;
  BlobReclaimer::ReadGuard guard_;
};

}  // namespace

std::shared_ptr<net::ResponseBodySource> NewObjectBodySource(S3Backend& backend, ObjectVersion version,
                                                             uint64_t first, uint64_t length,
                                                             BlobReclaimer::ReadGuard guard) {
  return std::make_shared<ObjectBodySource>(backend, std::move(version), first, length, std::move(guard));
}

Result<std::string> ReadObjectBytes(S3Backend& backend, const ObjectVersion& version, uint64_t first,
                                    uint64_t length) {
  std::string out;
  out.reserve(length);
  Status st = AppendBytes(backend, version, first, length, out);
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<std::string>> DigestObjectBytes(S3Backend& backend, const ObjectVersion& version,
                                                   const std::vector<ChecksumAlgorithm>& algorithms) {
  std::vector<std::unique_ptr<StreamingHash>> hashes;
  for (ChecksumAlgorithm algorithm : algorithms) hashes.push_back(StreamingHash::New(algorithm));
  std::string piece;
  for (uint64_t offset = 0; offset < version.size; offset += piece.size()) {
    piece.clear();
    SKYBOX_RETURN_IF_ERROR(AppendBytes(backend, version, offset, std::min(kPieceBytes, version.size - offset), piece));
    for (auto& hash : hashes) hash->Update(piece);
  }
  std::vector<std::string> digests;
  for (auto& hash : hashes) digests.push_back(hash->Finish());
  return digests;
}

}  // namespace skybox::s3
