#include "services/dynamodb/item_locks.h"

#include <algorithm>

namespace skybox::dynamodb {

ItemLocks::ItemLocks(storage::Store* store, storage::Namespace items) : store_(store), items_(items) {}

size_t ItemLocks::StripeOf(std::string_view key) { return std::hash<std::string_view>{}(key) % kStripes; }

ItemLocks::Guard ItemLocks::Lock(const std::vector<std::string>& keys) {
  std::vector<size_t> stripes;
  for (const auto& key : keys) stripes.push_back(StripeOf(key));
  std::sort(stripes.begin(), stripes.end());
  stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
  for (size_t s : stripes) stripes_[s].item_mu.lock();
  return Guard(this, std::move(stripes));
}

ItemLocks::Guard ItemLocks::LockAll() {
  std::vector<size_t> stripes(kStripes);
  for (size_t s = 0; s < kStripes; ++s) {
    stripes[s] = s;
    stripes_[s].item_mu.lock();
  }
  return Guard(this, std::move(stripes));
}

ItemLocks::Guard::Guard(ItemLocks* owner, std::vector<size_t> stripes)
    : owner_(owner), stripes_(std::move(stripes)) {}

ItemLocks::Guard::~Guard() {
  if (owner_ == nullptr) return;  // moved from
  for (auto it = stripes_.rbegin(); it != stripes_.rend(); ++it) owner_->stripes_[*it].item_mu.unlock();
}

Result<std::optional<std::string>> ItemLocks::Guard::Read(std::string_view key) const {
  Stripe& stripe = owner_->stripes_[StripeOf(key)];
  {
    std::lock_guard lock(stripe.pending_mu);
    auto it = stripe.pending.find(std::string(key));
    if (it != stripe.pending.end()) return it->second.value;
  }
  return owner_->store_->Get(owner_->items_, key);
}

void ItemLocks::Guard::Commit(storage::WriteBatch batch, std::vector<ItemWrite> writes,
                              std::function<void(Status)> done) {
  std::vector<std::string> keys;
  keys.reserve(writes.size());
  for (auto& write : writes) {
    Stripe& stripe = owner_->stripes_[StripeOf(write.key)];
    std::lock_guard lock(stripe.pending_mu);
    Pending& p = stripe.pending[write.key];
    p.value = std::move(write.value);
    ++p.commits;
    keys.push_back(std::move(write.key));
  }
  ItemLocks* owner = owner_;
  owner_->store_->Commit(std::move(batch), [owner, keys = std::move(keys), done = std::move(done)](Status s) {
    for (const auto& key : keys) {
      Stripe& stripe = owner->stripes_[StripeOf(key)];
      std::lock_guard lock(stripe.pending_mu);
      auto it = stripe.pending.find(key);
      if (it != stripe.pending.end() && --it->second.commits == 0) stripe.pending.erase(it);
    }
    done(std::move(s));
  });
}

}  // namespace skybox::dynamodb
