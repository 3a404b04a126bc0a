// Message move tasks (StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask):
// moving a dead-letter queue's messages back to their source queues, or to a chosen queue.
//
// A task moves the receivable messages in chunks (one atomic batch each) on the backend's
// timer thread until none is left or it is cancelled. Tasks are kept in memory only: after
// a restart the list is empty (the messages moved so far stay moved).
//
// Thread-safety: every method may be called from any thread; state is guarded by `mu_`.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aws/service.h"
#include "services/sqs/sqs_backend.h"

namespace skybox::services::sqs {

class MoveTasks : public std::enable_shared_from_this<MoveTasks> {
 public:
  explicit MoveTasks(SqsBackend* sqs) : sqs_(sqs) {}

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
  };
  void Step(std::shared_ptr<Task> task);

  SqsBackend* sqs_;
  std::mutex mu_;
  std::vector<std::shared_ptr<Task>> tasks_;  // guarded by mu_ (and each Task's fields)
};

}  // namespace skybox::services::sqs
