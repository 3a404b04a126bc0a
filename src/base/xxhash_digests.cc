#include "base/xxhash_digests.h"

#include <xxhash.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace skybox {
namespace {

class Xxhash64 final : public StreamingHash {
 public:
  Xxhash64() : state_(XXH64_createState()) {
    if (state_ == nullptr || XXH64_reset(state_, 0) != XXH_OK) std::abort();
  }
  ~Xxhash64() override { XXH64_freeState(state_); }
  Xxhash64(const Xxhash64&) = delete;
  Xxhash64& operator=(const Xxhash64&) = delete;

  void Update(std::string_view data) override {
    if (finished_ || XXH64_update(state_, data.data(), data.size()) != XXH_OK) std::abort();
  }
  std::string Finish() override {
    if (finished_) std::abort();
    finished_ = true;
    XXH64_canonical_t canonical;
    XXH64_canonicalFromHash(&canonical, XXH64_digest(state_));
    return std::string(reinterpret_cast<const char*>(canonical.digest), sizeof(canonical.digest));
  }

 private:
  XXH64_state_t* state_;
  bool finished_ = false;
};

// XXH3's 64- and 128-bit variants share one state type.
class Xxhash3 final : public StreamingHash {
 public:
  explicit Xxhash3(bool wide) : state_(XXH3_createState()), wide_(wide) {
    if (state_ == nullptr) std::abort();
    XXH_errorcode reset = wide_ ? XXH3_128bits_reset(state_) : XXH3_64bits_reset(state_);
    if (reset != XXH_OK) std::abort();
  }
  ~Xxhash3() override { XXH3_freeState(state_); }
  Xxhash3(const Xxhash3&) = delete;
  Xxhash3& operator=(const Xxhash3&) = delete;

  void Update(std::string_view data) override {
    if (finished_) std::abort();
    XXH_errorcode updated = wide_ ? XXH3_128bits_update(state_, data.data(), data.size())
                                  : XXH3_64bits_update(state_, data.data(), data.size());
    if (updated != XXH_OK) std::abort();
  }
  std::string Finish() override {
    if (finished_) std::abort();
    finished_ = true;
    if (wide_) {
      XXH128_canonical_t canonical;
      XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_));
      return std::string(reinterpret_cast<const char*>(canonical.digest), sizeof(canonical.digest));
    }
    XXH64_canonical_t canonical;
    XXH64_canonicalFromHash(&canonical, XXH3_64bits_digest(state_));
    return std::string(reinterpret_cast<const char*>(canonical.digest), sizeof(canonical.digest));
  }

 private:
  XXH3_state_t* state_;
  bool wide_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<StreamingHash> NewXxhash(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::kXxhash64: return std::make_unique<Xxhash64>();
    case ChecksumAlgorithm::kXxhash3: return std::make_unique<Xxhash3>(false);
    case ChecksumAlgorithm::kXxhash128: return std::make_unique<Xxhash3>(true);
    default: std::abort();
  }
}

}  // namespace skybox
