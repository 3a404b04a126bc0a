#include "services/delivery/sink.h"

namespace skybox::services::delivery {

void SinkRegistry::Register(std::string prefix, std::shared_ptr<Sink> sink) { sinks_[std::move(prefix)] = std::move(sink); }

Sink* SinkRegistry::Find(std::string_view target) const {
  Sink* best = nullptr;
  size_t best_length = 0;
  for (const auto& [prefix, sink] : sinks_) {
    if (target.substr(0, prefix.size()) == prefix && prefix.size() >= best_length) {
      best = sink.get();
      best_length = prefix.size();
    }
  }
  return best;
}

}  // namespace skybox::services::delivery
