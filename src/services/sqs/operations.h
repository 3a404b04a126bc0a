// The SQS operation handlers, one file per operation (or per single/batch pair), all of the
// shape `void Op(SqsBackend&, aws::Call, aws::CallDone)`. Inputs are validated against the
// model by the codec; handlers add SQS's own rules and answer with AWS's errors.
//
// Thread-safety: handlers are stateless; all state is in SqsBackend.
#pragma once

#include <string>
#include <vector>

#include "aws/service.h"
#include "services/sqs/sqs_backend.h"

namespace skybox::services::sqs {

void CreateQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void GetQueueUrl(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void ListQueues(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void DeleteQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void GetQueueAttributes(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void SetQueueAttributes(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void TagQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void UntagQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void ListQueueTags(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void AddPermission(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void RemovePermission(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void SendMessage(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void SendMessageBatch(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void ReceiveMessage(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void DeleteMessage(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void DeleteMessageBatch(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void ChangeMessageVisibility(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void ChangeMessageVisibilityBatch(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void PurgeQueue(SqsBackend& sqs, aws::Call call, aws::CallDone done);
void ListDeadLetterSourceQueues(SqsBackend& sqs, aws::Call call, aws::CallDone done);
// (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask: move_tasks.h)

// --- shared by the handlers ---

// Validates one SendMessage / SendMessageBatch entry for `q` (AWS's rules and wording) and
// builds the message, whose SenderId is `sender_id`. Also used for messages other services
// deliver (queue_sink.h).
Result<OutgoingMessage> PrepareSend(Queue& q, const aws::Document& entry, std::string sender_id);

// Host[:port] for queue URLs: the request's Host header when the dispatcher passes it on,
// else the configured default.
std::string RequestHost(const aws::Call& call, const SqsBackend& sqs);
std::string UrlOf(const aws::Call& call, const SqsBackend& sqs, const Queue& q);

// One page of queue URLs as ListQueues and ListDeadLetterSourceQueues return them: MaxResults
// (1 to 1000) and NextToken (the base64 of the last name returned) as AWS pages them. `queues`
// must be in name order; the URLs go in `member`, which is left out when empty unless
// `always_present`.
Result<aws::Document> QueueUrlPage(const aws::Call& call, const SqsBackend& sqs,
                                   const std::vector<std::shared_ptr<Queue>>& queues,
                                   const std::string& member, bool always_present);

// Checks a batch request's entries (EmptyBatchRequest, TooManyEntriesInBatchRequest,
// InvalidBatchEntryId, BatchEntryIdsNotDistinct). `entry_shape` names the entry in messages
// ("SendMessageBatchRequestEntry").
Status ValidateBatchEntries(const aws::Document& entries, std::string_view entry_shape);
// A BatchResultErrorEntry for entry `id` failing with `status`.
aws::Document BatchError(const std::string& id, const Status& status);

// The queues of `account_id` whose RedrivePolicy names `dlq_arn`, in name order.
std::vector<std::shared_ptr<Queue>> DeadLetterSources(SqsBackend& sqs, std::string_view account_id,
                                                      const std::string& dlq_arn);

// Answers `done` with an empty output when `s` is OK, else with `s`.
void Acknowledge(aws::CallDone& done, const Status& s);

}  // namespace skybox::services::sqs
