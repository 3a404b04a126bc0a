#include "services/events/events_errors.h"
#include "services/events/operations.h"
#include "services/events/target_input.h"

namespace skybox::services::events {
namespace {

constexpr size_t kMaxTargetsPerRule = 5;

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && std::string_view(s).substr(s.size() - suffix.size()) == suffix;
}

// Whole-call checks of one Target.
Status CheckTarget(const aws::Document& target) {
  SKYBOX_RETURN_IF_ERROR(ValidateTargetInput(target));
  std::string arn = target.value("Arn", std::string());
  std::string id = target.value("Id", std::string());
  if (arn.rfind("arn:aws:sqs:", 0) == 0 && EndsWith(arn, ".fifo") &&
      target.value("SqsParameters", aws::Document::object()).value("MessageGroupId", std::string()).empty()) {
    return ValidationError("Parameter(s) SqsParameters must be specified for target: " + id + ".");
  }
  return Status::Ok();
}

}  // namespace

void PutTargets(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("Rule", std::string());
  std::string bus = BusOf(call);
  const aws::Document targets = call.input.value("Targets", aws::Document::array());
  for (const aws::Document& target : targets) {
    Status s = CheckTarget(target);
    if (!s.ok()) return done(s);
  }
  auto failed = std::make_shared<aws::Document>(aws::Document::array());
  events.MutateRule(
      AccountOf(call), bus, name,
      [&](std::optional<RuleRecord>& rule) {
        if (!rule) return RuleNotFound(name, bus);
        std::map<std::string, aws::Document> by_id;
        for (const aws::Document& t : rule->targets) by_id[t.value("Id", std::string())] = t;
        for (const aws::Document& t : targets) {
          if (t.value("Arn", std::string()).rfind("arn:", 0) != 0) {
            failed->push_back({{"TargetId", t.value("Id", std::string())},
                               {"ErrorCode", "ValidationException"},
                               {"ErrorMessage", "Parameter " + t.value("Arn", std::string()) + " is not valid."}});
            continue;
          }
          by_id[t.value("Id", std::string())] = t;
        }
        if (by_id.size() > kMaxTargetsPerRule) {
          return LimitExceeded("The requested resource exceeds the maximum number allowed.");
        }
        rule->targets = aws::Document::array();
        for (auto& [id, t] : by_id) rule->targets.push_back(std::move(t));
        return Status::Ok();
      },
      [failed, done](Status s) {
        if (!s.ok()) return done(s);
        done(aws::Document{{"FailedEntryCount", failed->size()}, {"FailedEntries", *failed}});
      });
}

void RemoveTargets(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("Rule", std::string());
  std::string bus = BusOf(call);
  const aws::Document ids = call.input.value("Ids", aws::Document::array());
  events.MutateRule(
      AccountOf(call), bus, name,
      [&](std::optional<RuleRecord>& rule) {
        if (!rule) return RuleNotFound(name, bus);
        aws::Document kept = aws::Document::array();
        for (const aws::Document& t : rule->targets) {
          if (std::find(ids.begin(), ids.end(), t.value("Id", aws::Document())) == ids.end()) kept.push_back(t);
        }
        rule->targets = std::move(kept);
        return Status::Ok();
      },
      Acknowledge(std::move(done), {{"FailedEntryCount", 0}, {"FailedEntries", aws::Document::array()}}));
}

void ListTargetsByRule(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("Rule", std::string());
  std::string bus = BusOf(call);
  std::optional<RuleRecord> rule = events.FindRule(AccountOf(call), bus, name);
  if (!rule) return done(RuleNotFound(name, bus));
  std::vector<std::string> ids;
  for (const aws::Document& t : rule->targets) ids.push_back(t.value("Id", std::string()));
  auto page = PageOf(call, ids);
  if (!page.ok()) return done(page.status());
  aws::Document list = aws::Document::array();
  for (size_t i = page->first; i < page->end; ++i) list.push_back(rule->targets[i]);
  aws::Document out = {{"Targets", std::move(list)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  done(std::move(out));
}

void ListRuleNamesByTarget(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string arn = call.input.value("TargetArn", std::string());
  std::string bus = BusOf(call);
  if (!events.FindBus(AccountOf(call), bus)) return done(BusNotFound(bus));
  std::vector<std::string> names;
  for (const RuleRecord& rule : events.ListRules(AccountOf(call), bus)) {
    for (const aws::Document& t : rule.targets) {
      if (t.value("Arn", std::string()) == arn) {
        names.push_back(rule.name);
        break;
      }
    }
  }
  auto page = PageOf(call, names);
  if (!page.ok()) return done(page.status());
  aws::Document out = {{"RuleNames", std::vector<std::string>(names.begin() + page->first, names.begin() + page->end)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  done(std::move(out));
}

}  // namespace skybox::services::events
