#include "services/event_pattern/event_pattern.h"
#include "services/events/events_errors.h"
#include "services/events/operations.h"
#include "services/events/schedule.h"

namespace skybox::services::events {
namespace {

aws::Document RuleDocument(const EventsBackend& events, const RuleRecord& rule) {
  aws::Document out = {{"Name", rule.name},
                       {"Arn", RuleArn(events.options().region, rule)},
                       {"State", rule.state},
                       {"EventBusName", rule.bus}};
  if (!rule.event_pattern.empty()) out["EventPattern"] = rule.event_pattern;
  if (!rule.schedule_expression.empty()) out["ScheduleExpression"] = rule.schedule_expression;
  if (!rule.description.empty()) out["Description"] = rule.description;
  if (!rule.role_arn.empty()) out["RoleArn"] = rule.role_arn;
  return out;
}

// Sets a rule's State (EnableRule / DisableRule).
void SetState(EventsBackend& events, aws::Call call, aws::CallDone done, const char* state) {
  std::string name = call.input.value("Name", std::string());
  std::string bus = BusOf(call);
  events.MutateRule(
      AccountOf(call), bus, name,
      [&](std::optional<RuleRecord>& rule) {
        if (!rule) return RuleNotFound(name, bus);
        bool enabling = rule->state == "DISABLED" && std::string(state) != "DISABLED";
        rule->state = state;
        // A re-enabled schedule fires from now on, not for the time it was off.
        if (enabling && !rule->schedule_expression.empty()) rule->next_fire_ms = events.FirstFire(rule->schedule_expression);
        return Status::Ok();
      },
      Acknowledge(std::move(done)));
}

}  // namespace

void PutRule(EventsBackend& events, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string name = in.value("Name", std::string());
  std::string bus = BusOf(call);
  std::string pattern = in.value("EventPattern", std::string());
  std::string schedule = in.value("ScheduleExpression", std::string());
  if (pattern.empty() && schedule.empty()) {
    return done(ValidationError("Parameter(s) EventPattern or ScheduleExpression must be specified."));
  }
  if (!pattern.empty()) {
    auto parsed = event_pattern::Pattern::Parse(pattern, event_pattern::Dialect::kEventBridge);
    if (!parsed.ok()) return done(InvalidEventPattern(parsed.status().message()));
  }
  if (!schedule.empty()) {
    if (!Schedule::Parse(schedule).ok()) return done(ValidationError("Parameter ScheduleExpression is not valid."));
    if (bus != kDefaultBus) {
      return done(ValidationError("ScheduleExpression is supported only on the default event bus."));
    }
  }
  auto arn = std::make_shared<std::string>();
  events.MutateRule(
      AccountOf(call), bus, name,
      [&](std::optional<RuleRecord>& rule) {
        bool schedule_changed = !rule || rule->schedule_expression != schedule;
        if (!rule) rule = RuleRecord{.account = AccountOf(call), .bus = bus, .name = name};
        rule->event_pattern = pattern;
        rule->schedule_expression = schedule;
        rule->description = in.value("Description", std::string());
        rule->role_arn = in.value("RoleArn", std::string());
        bool enabling = in.contains("State") && rule->state == "DISABLED" && in.value("State", "") != "DISABLED";
        if (in.contains("State")) rule->state = in.value("State", std::string("ENABLED"));
        for (auto& [k, v] : TagsFromList(in.value("Tags", aws::Document::array()))) rule->tags[k] = v;
        if (schedule.empty()) rule->next_fire_ms = 0;
        else if (schedule_changed || enabling) rule->next_fire_ms = events.FirstFire(schedule);
        *arn = RuleArn(events.options().region, *rule);
        return Status::Ok();
      },
      [arn, done](Status s) {
        if (!s.ok()) return done(s);
        done(aws::Document{{"RuleArn", *arn}});
      });
}

void DescribeRule(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("Name", std::string());
  std::string bus = BusOf(call);
  std::optional<RuleRecord> rule = events.FindRule(AccountOf(call), bus, name);
  if (!rule) return done(RuleNotFound(name, bus));
  aws::Document out = RuleDocument(events, *rule);
  out["CreatedBy"] = rule->account;
  done(std::move(out));
}

void ListRules(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string bus = BusOf(call);
  if (!events.FindBus(AccountOf(call), bus)) return done(BusNotFound(bus));
  std::string prefix = call.input.value("NamePrefix", std::string());
  std::vector<RuleRecord> rules;
  std::vector<std::string> names;
  for (RuleRecord& rule : events.ListRules(AccountOf(call), bus)) {
    if (rule.name.rfind(prefix, 0) != 0) continue;
    names.push_back(rule.name);
    rules.push_back(std::move(rule));
  }
  auto page = PageOf(call, names);
  if (!page.ok()) return done(page.status());
  aws::Document list = aws::Document::array();
  for (size_t i = page->first; i < page->end; ++i) list.push_back(RuleDocument(events, rules[i]));
  aws::Document out = {{"Rules", std::move(list)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  done(std::move(out));
}

void DeleteRule(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("Name", std::string());
  events.MutateRule(
      AccountOf(call), BusOf(call), name,
      [&](std::optional<RuleRecord>& rule) {
        if (rule && !rule->targets.empty()) return ValidationError("Rule can't be deleted since it has targets.");
        rule.reset();  // deleting a rule that does not exist succeeds, as in AWS
        return Status::Ok();
      },
      Acknowledge(std::move(done)));
}

void EnableRule(EventsBackend& events, aws::Call call, aws::CallDone done) {
  SetState(events, std::move(call), std::move(done), "ENABLED");
}

void DisableRule(EventsBackend& events, aws::Call call, aws::CallDone done) {
  SetState(events, std::move(call), std::move(done), "DISABLED");
}

}  // namespace skybox::services::events
