#include "services/events/events_errors.h"
#include "services/events/operations.h"

namespace skybox::services::events {
namespace {

// What a taggable ARN names: a bus, or a rule (`rule` set) of a bus.
struct Taggable {
  std::string account;
  std::string bus;
  std::string rule;
};

// arn:aws:events:<region>:<account>:event-bus/<bus> | rule/<rule> | rule/<bus>/<rule>
std::optional<Taggable> ParseTaggable(const std::string& arn) {
  if (auto bus = ParseBusArn(arn)) return Taggable{bus->account, bus->name, ""};
  constexpr std::string_view kPrefix = "arn:aws:events:";
  if (arn.rfind(kPrefix, 0) != 0) return std::nullopt;
  size_t region_end = arn.find(':', kPrefix.size());
  size_t account_end = region_end == std::string::npos ? std::string::npos : arn.find(':', region_end + 1);
  if (account_end == std::string::npos) return std::nullopt;
  std::string account = arn.substr(region_end + 1, account_end - region_end - 1);
  std::string resource = arn.substr(account_end + 1);
  if (resource.rfind("rule/", 0) != 0 || resource.size() == 5) return std::nullopt;
  std::string path = resource.substr(5);
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return Taggable{account, kDefaultBus, path};
  return Taggable{account, path.substr(0, slash), path.substr(slash + 1)};
}

using TagEdit = std::function<void(std::map<std::string, std::string>&)>;

// Applies `edit` to the tags of the resource `arn` names.
void EditTags(EventsBackend& events, const std::string& arn, TagEdit edit, aws::CallDone done) {
  std::optional<Taggable> target = ParseTaggable(arn);
  if (!target) return done(ResourceNotFound("Resource " + arn + " does not exist."));
  if (target->rule.empty()) {
    events.MutateBus(
        target->account, target->bus,
        [&](std::optional<BusRecord>& bus) {
          if (!bus) return BusNotFound(target->bus);
          edit(bus->tags);
          return Status::Ok();
        },
        Acknowledge(std::move(done)));
    return;
  }
  events.MutateRule(
      target->account, target->bus, target->rule,
      [&](std::optional<RuleRecord>& rule) {
        if (!rule) return RuleNotFound(target->rule, target->bus);
        edit(rule->tags);
        return Status::Ok();
      },
      Acknowledge(std::move(done)));
}

}  // namespace

void TagResource(EventsBackend& events, aws::Call call, aws::CallDone done) {
  auto tags = TagsFromList(call.input.value("Tags", aws::Document::array()));
  EditTags(
      events, call.input.value("ResourceARN", std::string()),
      [&tags](std::map<std::string, std::string>& current) {
        for (auto& [k, v] : tags) current[k] = v;
      },
      std::move(done));
}

void UntagResource(EventsBackend& events, aws::Call call, aws::CallDone done) {
  const aws::Document keys = call.input.value("TagKeys", aws::Document::array());
  EditTags(
      events, call.input.value("ResourceARN", std::string()),
      [&keys](std::map<std::string, std::string>& current) {
        for (const auto& k : keys) current.erase(k.get<std::string>());
      },
      std::move(done));
}

void ListTagsForResource(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string arn = call.input.value("ResourceARN", std::string());
  std::optional<Taggable> target = ParseTaggable(arn);
  if (!target) return done(ResourceNotFound("Resource " + arn + " does not exist."));
  std::map<std::string, std::string> tags;
  if (target->rule.empty()) {
    auto bus = events.FindBus(target->account, target->bus);
    if (!bus) return done(BusNotFound(target->bus));
    tags = bus->tags;
  } else {
    auto rule = events.FindRule(target->account, target->bus, target->rule);
    if (!rule) return done(RuleNotFound(target->rule, target->bus));
    tags = rule->tags;
  }
  done(aws::Document{{"Tags", TagsToList(tags)}});
}

}  // namespace skybox::services::events
