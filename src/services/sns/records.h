// The SNS resources as Skybox stores them: topics and subscriptions, and their encoding in the
// Store (one JSON document per resource, keyed by ARN).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "services/sns/topic_rules.h"

namespace skybox::services::sns {

struct Topic {
  std::string arn;
  bool fifo = false;
  // The attributes set by CreateTopic / SetTopicAttributes (DisplayName, Policy, ...); the
  // computed ones (TopicArn, Owner, counts, EffectiveDeliveryPolicy) are not stored.
  AttributeMap attributes;
  std::map<std::string, std::string> tags;
  std::string data_protection_policy;
  uint64_t subscriptions_deleted = 0;

  std::string Attribute(std::string_view name) const {
    auto it = attributes.find(std::string(name));
    return it == attributes.end() ? std::string() : it->second;
  }
  bool content_based_deduplication() const { return Attribute("ContentBasedDeduplication") == "true"; }
  std::string signature_version() const {
    std::string v = Attribute("SignatureVersion");
    return v.empty() ? "1" : v;
  }
};

struct Subscription {
  std::string arn;
  std::string topic_arn;
  std::string protocol;
  std::string endpoint;
  std::string owner;  // account id
  // RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, DeliveryPolicy, ...
  AttributeMap attributes;
  bool pending_confirmation = false;
  bool confirmation_authenticated = false;
  std::string token;  // the confirmation token while pending

  std::string Attribute(std::string_view name) const {
    auto it = attributes.find(std::string(name));
    return it == attributes.end() ? std::string() : it->second;
  }
  bool raw() const { return Attribute("RawMessageDelivery") == "true"; }
};

std::string EncodeTopic(const Topic& topic);
std::optional<Topic> DecodeTopic(std::string_view bytes);
std::string EncodeSubscription(const Subscription& subscription);
std::optional<Subscription> DecodeSubscription(std::string_view bytes);

}  // namespace skybox::services::sns
