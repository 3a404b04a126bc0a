#include "services/s3/key_serializer.h"


namespace skybox::s3 {

void KeySerializer::Run(std::string key, std::function<void(Release)> work) {
  {
    std::lock_guard lock(mu_);
    auto [it, inserted] = busy_.try_emplace(key);
    if (!inserted) {
      it->second.push_back(std::move(work));
      return;
    }
  }
  Start(key, std::move(work));
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

void KeySerializer::Start(const std::string& key, std::function<void(Release)> work) {
  work([this, key] { Done(key); });
}

void KeySerializer::Done(const std::string& key) {
  std::function<void(Release)> next;
  {
    std::lock_guard lock(mu_);
    auto it = busy_.find(key);
    if (it == busy_.end()) return;
    if (it->second.empty()) {
      busy_.erase(it);
      return;
    }
    next = std::move(it->second.front());
    it->second.pop_front();
  }
  handoff_([this, key, next = std::move(next)]() mutable { Start(key, std::move(next)); });
}

}  // namespace skybox::s3
