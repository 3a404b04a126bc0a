// Message move tasks (StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask):
// moving a dead-letter queue's messages back to their source queues, or to a chosen queue.
//
// A task moves the receivable messages in chunks (one atomic batch each) on the backend's
// timer thread until none is left or it is cancelled. Each task is a side record of its
// source queue (QueueRecordKind::kMoveTask): started before StartMessageMoveTask answers,
// its moved count updated in the batch of each chunk, its end (COMPLETED, CANCELLED, FAILED)
// written when it happens. After a restart the tasks are listed again and a RUNNING one
// carries on. Only the 10 most recent tasks of a source are kept (all ListMessageMoveTasks
// can show).
//
// Thread-safety: every method may be called from any thread; state is guarded by `mu_`.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aws/service.h"
#include "services/sqs/sqs_backend.h"

namespace skybox::services::sqs {

class MoveTasks : public std::enable_shared_from_this<MoveTasks> {
 public:
  explicit MoveTasks(SqsBackend* sqs) : sqs_(sqs) {}

  // Takes the tasks the backend loaded and carries on the RUNNING ones. Call once, first.
  void Resume();

  void Start(aws::Call call, aws::CallDone done);
  void List(aws::Call call, aws::CallDone done);
  void Cancel(aws::Call call, aws::CallDone done);

 private:
  struct Task {
    std::string handle;
    std::string source_arn;
    std::string destination_arn;  // empty: each message's original source
    int max_per_second = 0;
    std::string status = "RUNNING";  // RUNNING | COMPLETED | CANCELLED | FAILED
    uint64_t moved = 0;
    uint64_t to_move = 0;
    int64_t started_ms = 0;
    std::string failure_reason;

    std::string ToJson() const;
    static std::optional<Task> FromJson(std::string_view json);
  };
  // The task's record as it stands (mu_ held), with `more_moved` added to its moved count.
  static QueueRecord RecordOf(const Task& task, uint64_t more_moved = 0);
  void Step(std::shared_ptr<Task> task);
  // Persists the task's end (mu_ not held).
  void RecordEnd(const std::shared_ptr<Queue>& source, QueueRecord record);

  SqsBackend* sqs_;
  std::mutex mu_;
  std::vector<std::shared_ptr<Task>> tasks_;  // guarded by mu_ (and each Task's fields)
};

}  // namespace skybox::services::sqs
