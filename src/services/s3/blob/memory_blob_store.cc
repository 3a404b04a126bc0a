// BlobStore in memory for --ephemeral: a map from id to shared, immutable byte strings.
#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>

#include "services/s3/blob/blob_store.h"

namespace skybox::s3 {
namespace {

using Bytes = std::shared_ptr<const std::string>;

class MemoryBlobStore;

class MemoryBlobWriter final : public BlobWriter {
 public:
  MemoryBlobWriter(MemoryBlobStore* store, BlobId id) : store_(store), id_(id) {}
  Status Append(std::string_view bytes) override;
  Status Commit() override;
  uint64_t size() const override { return size_; }

 private:
  MemoryBlobStore* const store_;
  const BlobId id_;
  std::string data_;
  uint64_t size_ = 0;  // data_ is moved out on Commit
  bool committed_ = false;
};

class MemoryBlobStore final : public BlobStore {
 public:
  Result<std::unique_ptr<BlobWriter>> Create(BlobId id) override {
    if (Find(id)) return AlreadyExists(id);
    return std::unique_ptr<BlobWriter>(std::make_unique<MemoryBlobWriter>(this, id));
  }

  Result<size_t> Read(BlobId id, uint64_t offset, char* buf, size_t n) override {
    Bytes bytes = Find(id);
    if (!bytes) return Missing(id);
    if (offset >= bytes->size()) return size_t{0};
    const size_t count = std::min<uint64_t>(n, bytes->size() - offset);
    std::memcpy(buf, bytes->data() + offset, count);
    return count;
  }

  Result<uint64_t> Size(BlobId id) override {
    Bytes bytes = Find(id);
    if (!bytes) return Missing(id);
    return static_cast<uint64_t>(bytes->size());
  }

  Status Link(BlobId existing, BlobId new_id) override {
    Bytes bytes = Find(existing);
    if (!bytes) return Missing(existing);
    return Add(new_id, std::move(bytes));
  }

  Status Copy(BlobId src, uint64_t offset, uint64_t length, BlobId new_id) override {
    Bytes bytes = Find(src);
    if (!bytes) return Missing(src);
    if (offset > bytes->size() || length > bytes->size() - offset) {
      return InvalidArgument("blob copy range passes the end of the source blob");
    }
    return Add(new_id, std::make_shared<const std::string>(*bytes, offset, length));
  }

  Status Remove(BlobId id) override {
    Bytes dropped;  // freed outside the lock
    std::lock_guard<std::mutex> lock(mu_);
    auto it = blobs_.find(id);
    if (it == blobs_.end()) return Status::Ok();
    dropped = std::move(it->second);
    blobs_.erase(it);
    return Status::Ok();
  }

  Result<std::vector<BlobId>> List() override {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<BlobId> ids;
    ids.reserve(blobs_.size());
    for (const auto& [id, bytes] : blobs_) ids.push_back(id);
    return ids;
  }

  Status Add(BlobId id, Bytes bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!blobs_.emplace(id, std::move(bytes)).second) return AlreadyExists(id);
    return Status::Ok();
  }

 private:
  Bytes Find(BlobId id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = blobs_.find(id);
    return it == blobs_.end() ? nullptr : it->second;
  }
  static Status Missing(BlobId id) { return NotFound("no blob " + std::to_string(id)); }
  static Status AlreadyExists(BlobId id) {
    return Status(StatusCode::kAlreadyExists, "blob " + std::to_string(id) + " exists");
  }

  std::mutex mu_;
  std::map<BlobId, Bytes> blobs_;  // GUARDED_BY(mu_)
};

Status MemoryBlobWriter::Append(std::string_view bytes) {
  if (committed_) return Status(StatusCode::kFailedPrecondition, "blob already committed");
  data_.append(bytes);
  size_ += bytes.size();
  return Status::Ok();
}

Status MemoryBlobWriter::Commit() {
  if (committed_) return Status::Ok();
  SKYBOX_RETURN_IF_ERROR(store_->Add(id_, std::make_shared<const std::string>(std::move(data_))));
  committed_ = true;
  return Status::Ok();
}

}  // namespace

std::unique_ptr<BlobStore> NewMemoryBlobStore() { return std::make_unique<MemoryBlobStore>(); }

}  // namespace skybox::s3
