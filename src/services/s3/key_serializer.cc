#include "services/s3/key_serializer.h"

#include <atomic>
#include <cstdlib>
#include <memory>

namespace skybox::s3 {

void KeySerializer::Run(std::string key, std::function<void(Release)> work) {
  Enter(std::move(key), false, std::move(work));
}

void KeySerializer::RunShared(std::string key, std::function<void(Release)> work) {
  Enter(std::move(key), true, std::move(work));
}

void KeySerializer::Enter(std::string key, bool shared, std::function<void(Release)> work) {
  {
    std::lock_guard lock(mu_);
    Holders& holders = busy_[key];
    const bool free = holders.waiting.empty() && !holders.exclusive && (shared || holders.shared == 0);
    if (!free) {
      holders.waiting.push_back({shared, std::move(work)});
      return;
    }
    if (shared) {
      ++holders.shared;
    } else {
      holders.exclusive = true;
    }
  }
  Start(key, shared, std::move(work));
}

void KeySerializer::RunAll(std::vector<std::string> keys, std::function<void(Release)> work) {
  Acquire(std::make_shared<std::vector<std::string>>(std::move(keys)), 0, {}, std::move(work));
}

void KeySerializer::Acquire(std::shared_ptr<std::vector<std::string>> keys, size_t next, std::vector<Release> held,
                            std::function<void(Release)> work) {
  if (next == keys->size()) {
    return work([held = std::move(held)] {
      for (auto it = held.rbegin(); it != held.rend(); ++it) (*it)();
    });
  }
  std::string key = (*keys)[next];
  Run(std::move(key), [this, keys, next, held = std::move(held), work = std::move(work)](Release release) mutable {
    held.push_back(std::move(release));
    Acquire(keys, next + 1, std::move(held), std::move(work));
  });
}

void KeySerializer::Start(const std::string& key, bool shared, std::function<void(Release)> work) {
  // Each Release lets go once: a second call (a bug) would take another holder's share and let
  // an exclusive work in beside it, so it stops the process instead.
  auto released = std::make_shared<std::atomic<bool>>(false);
  work([this, key, shared, released] {
    if (released->exchange(true)) std::abort();
    Leave(key, shared);
  });
}

void KeySerializer::Leave(const std::string& key, bool shared) {
  std::vector<Waiting> admitted;
  {
    std::lock_guard lock(mu_);
    auto it = busy_.find(key);
    // A release of a hold nobody has: a bug (as a second call of one Release, above).
    if (it == busy_.end() || (shared ? it->second.shared == 0 : !it->second.exclusive)) std::abort();
    Holders& holders = it->second;
    if (shared) {
      --holders.shared;
    } else {
      holders.exclusive = false;
    }
    // Admit from the front: shared works while no exclusive one holds the key, or one exclusive
    // work once nobody does.
    while (!holders.waiting.empty() && !holders.exclusive) {
      Waiting& front = holders.waiting.front();
      if (front.shared) {
        ++holders.shared;
      } else if (holders.shared == 0) {
        holders.exclusive = true;
      } else {
        break;
      }
      admitted.push_back(std::move(front));
      holders.waiting.pop_front();
    }
    if (holders.shared == 0 && !holders.exclusive) busy_.erase(it);
  }
  for (Waiting& next : admitted) {
    handoff_([this, key, next = std::move(next)]() mutable { Start(key, next.shared, std::move(next.work)); });
  }
}

}  // namespace skybox::s3
