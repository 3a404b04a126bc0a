#include "services/s3/blob/blob_reclaimer.h"

namespace skybox::s3 {

BlobReclaimer::ReadGuard::ReadGuard(ReadGuard&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), epoch_(other.epoch_) {}

BlobReclaimer::ReadGuard& BlobReclaimer::ReadGuard::operator=(ReadGuard&& other) noexcept {
  if (this != &other) {
    if (owner_ != nullptr) owner_->Leave(epoch_);
    owner_ = std::exchange(other.owner_, nullptr);
    epoch_ = other.epoch_;
  }
  return *this;
}

BlobReclaimer::ReadGuard::~ReadGuard() {
  if (owner_ != nullptr) owner_->Leave(epoch_);
}

BlobReclaimer::ReadGuard BlobReclaimer::GuardReads() {
  std::lock_guard lock(mu_);
  ++readers_[epoch_];
  return ReadGuard(this, epoch_);
}

void BlobReclaimer::Free(std::vector<BlobId> blobs) {
  if (blobs.empty()) return;
  {
    std::lock_guard lock(mu_);
    const uint64_t freed_in = ++epoch_;
    // A reader that started in an earlier epoch may have read metadata naming these blobs.
    if (!readers_.empty() && readers_.begin()->first < freed_in) {
      waiting_.emplace_back(freed_in, std::move(blobs));
      return;
    }
  }
  remove_(std::move(blobs));
}

void BlobReclaimer::Leave(uint64_t epoch) {
  std::vector<BlobId> due;
  {
    std::lock_guard lock(mu_);
    auto it = readers_.find(epoch);
    if (--it->second == 0) readers_.erase(it);
    const uint64_t oldest = readers_.empty() ? UINT64_MAX : readers_.begin()->first;
    while (!waiting_.empty() && waiting_.front().first <= oldest) {
      auto& blobs = waiting_.front().second;
      due.insert(due.end(), blobs.begin(), blobs.end());
      waiting_.pop_front();
    }
  }
  if (!due.empty()) remove_(std::move(due));
}

size_t BlobReclaimer::pending() const {
  std::lock_guard lock(mu_);
  return waiting_.size();
}

}  // namespace skybox::s3
