// Feeds arbitrary bytes to EventBridge's own parsers of network input: the first line as a
// rule's ScheduleExpression (parsed, then its next fire times computed), the rest as a target's
// InputTransformer template and InputPath over a fixed event. Nothing may crash, hang, or throw.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "services/events/schedule.h"
#include "services/events/target_input.h"

namespace {

using skybox::services::events::RenderTargetInput;
using skybox::services::events::RuleContext;
using skybox::services::events::Schedule;
using skybox::services::events::ValidateTargetInput;

constexpr char kEvent[] =
    R"({"version":"0","id":"1","detail-type":"t","source":"s","account":"0","time":"2026-11-29T08:00:00Z",)"
    R"("region":"us-east-1","resources":["r"],"detail":{"a":{"b":[1,"x\"y",{"c":null}]},"s":"<v>"}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view expression = input.substr(0, newline);
  std::string_view rest = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  auto schedule = Schedule::Parse(expression);
  if (schedule.ok()) {
    int64_t now = 1795939650000;
    for (int i = 0; i < 3; ++i) {
      auto next = schedule->NextFire(now, now);
      if (!next || *next <= now) break;
      now = *next;
    }
  }

  RuleContext rule{"r", "arn:aws:events:us-east-1:0:rule/r", "2026-11-29T08:00:00Z"};
  nlohmann::json transformer = {
      {"Id", "t"},
      {"InputTransformer",
       {{"InputPathsMap", {{"a", "$.detail.a"}, {"b", "$.detail.a.b[1]"}, {"s", "$.detail.s"}}},
        {"InputTemplate", std::string(rest)}}}};
  (void)RenderTargetInput(transformer, kEvent, rule);
  nlohmann::json path = {{"Id", "t"}, {"InputPath", std::string(rest)}};
  if (ValidateTargetInput(path).ok()) (void)RenderTargetInput(path, kEvent, rule);
  return 0;
}
