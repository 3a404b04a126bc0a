// The SNS operation handlers, one file per operation group, all of one shape: validate the
// input, change the state under the backend's lock, commit, answer once durable.
//
// Thread-safety: handlers run on event-loop threads and never block on a commit.
#pragma once

#include <string>
#include <string_view>

#include "aws/service.h"
#include "services/sns/sns_backend.h"

namespace skybox::services::sns {

using Handler = void (*)(SnsBackend&, aws::Call, aws::CallDone);

// topic_ops.cc
void CreateTopic(SnsBackend& backend, aws::Call call, aws::CallDone done);
void DeleteTopic(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListTopics(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetTopicAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void SetTopicAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetDataProtectionPolicy(SnsBackend& backend, aws::Call call, aws::CallDone done);
void PutDataProtectionPolicy(SnsBackend& backend, aws::Call call, aws::CallDone done);
// tag_ops.cc
void TagResource(SnsBackend& backend, aws::Call call, aws::CallDone done);
void UntagResource(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListTagsForResource(SnsBackend& backend, aws::Call call, aws::CallDone done);
// subscribe_ops.cc
void Subscribe(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ConfirmSubscription(SnsBackend& backend, aws::Call call, aws::CallDone done);
void Unsubscribe(SnsBackend& backend, aws::Call call, aws::CallDone done);
// subscription_ops.cc
void ListSubscriptions(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListSubscriptionsByTopic(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetSubscriptionAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void SetSubscriptionAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
// publish_ops.cc
void Publish(SnsBackend& backend, aws::Call call, aws::CallDone done);
void PublishBatch(SnsBackend& backend, aws::Call call, aws::CallDone done);
// permission_ops.cc
void AddPermission(SnsBackend& backend, aws::Call call, aws::CallDone done);
void RemovePermission(SnsBackend& backend, aws::Call call, aws::CallDone done);
// mobile_ops.cc (record-only)
void CreatePlatformApplication(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetPlatformApplicationAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void SetPlatformApplicationAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void DeletePlatformApplication(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListPlatformApplications(SnsBackend& backend, aws::Call call, aws::CallDone done);
void CreatePlatformEndpoint(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetEndpointAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void SetEndpointAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void DeleteEndpoint(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListEndpointsByPlatformApplication(SnsBackend& backend, aws::Call call, aws::CallDone done);
// sms_ops.cc (record-only)
void SetSMSAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetSMSAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done);
void CheckIfPhoneNumberIsOptedOut(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListPhoneNumbersOptedOut(SnsBackend& backend, aws::Call call, aws::CallDone done);
void OptInPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done);
void GetSMSSandboxAccountStatus(SnsBackend& backend, aws::Call call, aws::CallDone done);
void CreateSMSSandboxPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done);
void VerifySMSSandboxPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done);
void DeleteSMSSandboxPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListSMSSandboxPhoneNumbers(SnsBackend& backend, aws::Call call, aws::CallDone done);
void ListOriginationNumbers(SnsBackend& backend, aws::Call call, aws::CallDone done);

// Shared by the handlers (operation_support.cc).
std::string InputString(const aws::Document& input, const char* name);
AttributeMap InputAttributes(const aws::Document& input, const char* name = "Attributes");
// The account of the caller, or Skybox's account for unsigned calls.
std::string CallerAccount(const aws::Call& call);
std::string TopicArn(const aws::Call& call, std::string_view name);
// Commits `batch` (and the outbox envelopes `staged` in it) and answers `output` once durable;
// an empty batch answers once every earlier commit is.
void CommitAndAnswer(SnsBackend& backend, storage::WriteBatch batch, std::vector<uint64_t> staged,
                     aws::Document output, aws::CallDone done);
// Checks a FilterPolicy for its scope (event_pattern dialects).
Status ValidateFilterPolicy(std::string_view policy, std::string_view scope);
// The key a list resumes after: the decoded NextToken, empty without one; InvalidParameter
// when the token is not one Skybox gave out.
Result<std::string> ResumeAfter(const aws::Call& call);
// Lists answer in pages of this many, with an opaque NextToken.
constexpr size_t kListPageSize = 100;

}  // namespace skybox::services::sns
