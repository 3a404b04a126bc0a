// Feeds arbitrary bytes to Pattern::Parse as an EventBridge event pattern and as an SNS filter
// policy in both scopes; every pattern that parses is matched against a fixed set of events.
// Nothing may crash, hang, or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/event_pattern/event_pattern.h"

namespace {

using skybox::services::event_pattern::Dialect;
using skybox::services::event_pattern::Pattern;

const std::vector<nlohmann::json>& Events() {
  static const std::vector<nlohmann::json> events = [] {
    std::vector<nlohmann::json> parsed;
    for (const char* text : {
             R"({"source":"aws.ec2","detail-type":"EC2 Instance State-change Notification",
                 "time":"2017-10-02T16:24:49Z","resources":["arn:aws:ec2:us-east-1:1:instance/i-1"],
                 "detail":{"c-count":5,"x-limit":301.8,"source-ip":"10.0.0.33","state":"running",
                           "ipv6":"2001:db8::1","nothing":null,"flag":true,"empty":"","list":[]}})",
             R"({"employees":[{"firstName":"John","lastName":"Doe"},[{"firstName":"Anna"}]],
                 "a":{"b":{"c":[1,"x",{"d":-2.5e3}]}}})",
             R"({"customer_interests":["rugby","tennis"],"store":"example_corp","price_usd":210.75,
                 "big":123456789012,"neg":-5000000000,"huge":1e300})",
             R"({})",
         }) {
      parsed.push_back(nlohmann::json::parse(text));
    }
    return parsed;
  }();
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (Dialect dialect :
       {Dialect::kEventBridge, Dialect::kSnsMessageAttributes, Dialect::kSnsMessageBody}) {
    skybox::Result<Pattern> pattern = Pattern::Parse(input, dialect);
    if (!pattern.ok()) continue;
    for (const nlohmann::json& event : Events()) pattern->Matches(event);
  }
  return 0;
}
