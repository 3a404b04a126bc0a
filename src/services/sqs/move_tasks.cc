#include "services/sqs/move_tasks.h"

#include "base/crypto.h"
#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

namespace {

Status NoSuchResource(std::string message) {
  return Status::Aws(StatusCode::kNotFound, 400, "ResourceNotFoundException", std::move(message));
}

constexpr size_t kChunk = 100;

}  // namespace

void MoveTasks::Start(aws::Call call, aws::CallDone done) {
  std::string source_arn = call.input.value("SourceArn", std::string());
  auto source = sqs_->FindByArn(source_arn);
  if (source == nullptr) return done(NoSuchResource("The resource that you specified for the SourceArn parameter doesn't exist."));
  if (DeadLetterSources(*sqs_, source->meta.account_id, source_arn).empty()) {
    return done(InvalidParameterValue("Source queue must be configured as a Dead Letter Queue."));
  }
  auto task = std::make_shared<Task>();
  task->source_arn = source_arn;
  task->destination_arn = call.input.value("DestinationArn", std::string());
  if (!task->destination_arn.empty() && sqs_->FindByArn(task->destination_arn) == nullptr) {
    return done(NoSuchResource("The resource that you specified for the DestinationArn parameter doesn't exist."));
  }
  task->max_per_second = call.input.value("MaxNumberOfMessagesPerSecond", 0);
  task->started_ms = sqs_->Now();
  QueueCounts counts = sqs_->Count(source);
  task->to_move = counts.visible;
  {
    std::lock_guard lock(mu_);
    aws::Document handle = {{"taskId", std::to_string(task->started_ms) + "-" + std::to_string(tasks_.size())},
                            {"sourceArn", source_arn}};
    task->handle = Base64Encode(handle.dump());
    for (const auto& t : tasks_) {
      if (t->source_arn == source_arn && t->status == "RUNNING") {
        return done(SqsError("UnsupportedOperation",
                             "There is already a task running. Only one active task is allowed for a source queue arn at a given time."));
      }
    }
    tasks_.push_back(task);
  }
  done(aws::Document{{"TaskHandle", task->handle}});
  auto self = shared_from_this();
  sqs_->timers().Post([self, task] { self->Step(task); });
}

void MoveTasks::Step(std::shared_ptr<Task> task) {
  auto source = sqs_->FindByArn(task->source_arn);
  {
    std::lock_guard lock(mu_);
    if (task->status != "RUNNING") return;
    if (source == nullptr) {
      task->status = "FAILED";
      task->failure_reason = "AWS.SimpleQueueService.NonExistentQueue";
      return;
    }
  }
  std::string destination = task->destination_arn;
  SqsBackend* sqs = sqs_;
  auto target_of = [sqs, destination](const StoredMessage& m) {
    return sqs->FindByArn(destination.empty() ? m.dead_letter_source_arn : destination);
  };
  auto self = shared_from_this();
  sqs_->MoveMessages(source, target_of, kChunk, [self, task](Status s, size_t moved) {
    std::lock_guard lock(self->mu_);
    if (task->status != "RUNNING") return;
    task->moved += moved;
    if (!s.ok()) {
      task->status = "FAILED";
      task->failure_reason = s.message();
    } else if (moved == 0) {
      task->status = "COMPLETED";
    } else {
      self->sqs_->timers().Post([self, task] { self->Step(task); });
    }
  });
}

void MoveTasks::List(aws::Call call, aws::CallDone done) {
  std::string source_arn = call.input.value("SourceArn", std::string());
  if (sqs_->FindByArn(source_arn) == nullptr) {
    return done(NoSuchResource("The resource that you specified for the SourceArn parameter doesn't exist."));
  }
  int max = call.input.value("MaxResults", 1);
  aws::Document results = aws::Document::array();
  std::lock_guard lock(mu_);
  for (auto it = tasks_.rbegin(); it != tasks_.rend() && static_cast<int>(results.size()) < max; ++it) {
    const Task& t = **it;
    if (t.source_arn != source_arn) continue;
    aws::Document r = {{"Status", t.status},
                       {"SourceArn", t.source_arn},
                       {"ApproximateNumberOfMessagesMoved", t.moved},
                       {"ApproximateNumberOfMessagesToMove", t.to_move},
                       {"StartedTimestamp", t.started_ms}};
    if (t.status == "RUNNING") r["TaskHandle"] = t.handle;
    if (!t.destination_arn.empty()) r["DestinationArn"] = t.destination_arn;
    if (t.max_per_second > 0) r["MaxNumberOfMessagesPerSecond"] = t.max_per_second;
    if (!t.failure_reason.empty()) r["FailureReason"] = t.failure_reason;
    results.push_back(std::move(r));
  }
  done(aws::Document{{"Results", std::move(results)}});
}

void MoveTasks::Cancel(aws::Call call, aws::CallDone done) {
  std::string handle = call.input.value("TaskHandle", std::string());
  std::lock_guard lock(mu_);
  for (const auto& t : tasks_) {
    if (t->handle != handle) continue;
    if (t->status != "RUNNING") {
      return done(SqsError("UnsupportedOperation", "Only active tasks can be cancelled."));
    }
    t->status = "CANCELLED";
    return done(aws::Document{{"ApproximateNumberOfMessagesMoved", t->moved}});
  }
  done(NoSuchResource("Task does not exist."));
}

}  // namespace skybox::services::sqs
