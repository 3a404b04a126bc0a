// The EventBridge operation handlers, all of the shape `void Op(EventsBackend&, aws::Call,
// aws::CallDone)`. Inputs are validated against the model by the codec; handlers add
// EventBridge's own rules and answer with AWS's errors (events_errors.h).
//
// Thread-safety: handlers are stateless; all state is in EventsBackend.
#pragma once

#include <string>
#include <vector>

#include "aws/service.h"
#include "services/events/events_backend.h"

namespace skybox::services::events {

// Event buses (bus_ops.cc)
void CreateEventBus(EventsBackend& events, aws::Call call, aws::CallDone done);
void DeleteEventBus(EventsBackend& events, aws::Call call, aws::CallDone done);
void DescribeEventBus(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListEventBuses(EventsBackend& events, aws::Call call, aws::CallDone done);
void UpdateEventBus(EventsBackend& events, aws::Call call, aws::CallDone done);
// Rules (rule_ops.cc)
void PutRule(EventsBackend& events, aws::Call call, aws::CallDone done);
void DescribeRule(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListRules(EventsBackend& events, aws::Call call, aws::CallDone done);
void DeleteRule(EventsBackend& events, aws::Call call, aws::CallDone done);
void EnableRule(EventsBackend& events, aws::Call call, aws::CallDone done);
void DisableRule(EventsBackend& events, aws::Call call, aws::CallDone done);
// Targets (target_ops.cc)
void PutTargets(EventsBackend& events, aws::Call call, aws::CallDone done);
void RemoveTargets(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListTargetsByRule(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListRuleNamesByTarget(EventsBackend& events, aws::Call call, aws::CallDone done);
// Tags of buses and rules (tag_ops.cc)
void TagResource(EventsBackend& events, aws::Call call, aws::CallDone done);
void UntagResource(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListTagsForResource(EventsBackend& events, aws::Call call, aws::CallDone done);
// Events (put_events.cc, test_event_pattern.cc)
void PutEvents(EventsBackend& events, aws::Call call, aws::CallDone done);
void TestEventPattern(EventsBackend& events, aws::Call call, aws::CallDone done);
// Archives and replays (archive_ops.cc)
void CreateArchive(EventsBackend& events, aws::Call call, aws::CallDone done);
void DescribeArchive(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListArchives(EventsBackend& events, aws::Call call, aws::CallDone done);
void UpdateArchive(EventsBackend& events, aws::Call call, aws::CallDone done);
void DeleteArchive(EventsBackend& events, aws::Call call, aws::CallDone done);
void StartReplay(EventsBackend& events, aws::Call call, aws::CallDone done);
void DescribeReplay(EventsBackend& events, aws::Call call, aws::CallDone done);
void ListReplays(EventsBackend& events, aws::Call call, aws::CallDone done);
void CancelReplay(EventsBackend& events, aws::Call call, aws::CallDone done);

// --- shared by the handlers (operation_support.cc) ---

// The account a call acts in.
std::string AccountOf(const aws::Call& call);
// The bus the call's EventBusName (name or ARN) names; the default bus when absent.
std::string BusOf(const aws::Call& call);

// One page of `names` (in order) as the List* operations return them: Limit (1 to 100) and
// NextToken (the base64 of the last name returned). Returns the index range [first, end) to
// show and sets `next_token` when more follow.
struct Page {
  size_t first = 0;
  size_t end = 0;
  std::string next_token;
};
Result<Page> PageOf(const aws::Call& call, const std::vector<std::string>& names);

// AWS's TagList [{"Key":..,"Value":..}] from and to a tag map.
std::map<std::string, std::string> TagsFromList(const aws::Document& list);
aws::Document TagsToList(const std::map<std::string, std::string>& tags);

// Answers `done` with an empty output once `s` (a commit) is OK, else with the error.
std::function<void(Status)> Acknowledge(aws::CallDone done, aws::Document output = aws::Document::object());

}  // namespace skybox::services::events
