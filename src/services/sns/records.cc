#include "services/sns/records.h"

#include <nlohmann/json.hpp>

namespace skybox::services::sns {

using nlohmann::json;

std::string EncodeTopic(const Topic& t) {
  json doc{{"arn", t.arn},
           {"fifo", t.fifo},
           {"attributes", t.attributes},
           {"tags", t.tags},
           {"data_protection_policy", t.data_protection_policy},
           {"subscriptions_deleted", t.subscriptions_deleted}};
  return doc.dump();
}

std::optional<Topic> DecodeTopic(std::string_view bytes) {
  json doc = json::parse(bytes, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  try {
    Topic t;
    t.arn = doc.at("arn").get<std::string>();
    t.fifo = doc.value("fifo", false);
    t.attributes = doc.value("attributes", AttributeMap{});
    t.tags = doc.value("tags", std::map<std::string, std::string>{});
    t.data_protection_policy = doc.value("data_protection_policy", std::string());
    t.subscriptions_deleted = doc.value("subscriptions_deleted", uint64_t{0});
    return t;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string EncodeSubscription(const Subscription& s) {
  json doc{{"arn", s.arn},
           {"topic_arn", s.topic_arn},
           {"protocol", s.protocol},
           {"endpoint", s.endpoint},
           {"owner", s.owner},
           {"attributes", s.attributes},
           {"pending_confirmation", s.pending_confirmation},
           {"confirmation_authenticated", s.confirmation_authenticated},
           {"token", s.token}};
  return doc.dump();
}

std::optional<Subscription> DecodeSubscription(std::string_view bytes) {
  json doc = json::parse(bytes, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  try {
    Subscription s;
    s.arn = doc.at("arn").get<std::string>();
    s.topic_arn = doc.at("topic_arn").get<std::string>();
    s.protocol = doc.at("protocol").get<std::string>();
    s.endpoint = doc.value("endpoint", std::string());
    s.owner = doc.value("owner", std::string());
    s.attributes = doc.value("attributes", AttributeMap{});
    s.pending_confirmation = doc.value("pending_confirmation", false);
    s.confirmation_authenticated = doc.value("confirmation_authenticated", false);
    s.token = doc.value("token", std::string());
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace skybox::services::sns
