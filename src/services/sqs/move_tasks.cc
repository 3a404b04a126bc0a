#include "services/sqs/move_tasks.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/log.h"
#include "services/sqs/operations.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

namespace {

Status NoSuchResource(std::string message) {
  return Status::Aws(StatusCode::kNotFound, 400, "ResourceNotFoundException", std::move(message));
}

constexpr size_t kChunk = 100;
constexpr size_t kTasksKept = 10;  // per source queue: ListMessageMoveTasks' MaxResults limit

}  // namespace

std::string MoveTasks::Task::ToJson() const {
  return aws::Document{{"handle", handle},   {"source", source_arn},   {"destination", destination_arn},
                       {"rate", max_per_second}, {"status", status}, {"moved", moved},
                       {"to_move", to_move}, {"started", started_ms}, {"failure", failure_reason}}
      .dump();
}

std::optional<MoveTasks::Task> MoveTasks::Task::FromJson(std::string_view json) {
  aws::Document d = aws::Document::parse(json, nullptr, false);
  if (!d.is_object()) return std::nullopt;
  Task t;
  t.handle = d.value("handle", std::string());
  t.source_arn = d.value("source", std::string());
  t.destination_arn = d.value("destination", std::string());
  t.max_per_second = d.value("rate", 0);
  t.status = d.value("status", std::string("FAILED"));
  t.moved = d.value("moved", uint64_t{0});
  t.to_move = d.value("to_move", uint64_t{0});
  t.started_ms = d.value("started", int64_t{0});
  t.failure_reason = d.value("failure", std::string());
  return t;
}

QueueRecord MoveTasks::RecordOf(const Task& task, uint64_t more_moved) {
  Task t = task;
  t.moved += more_moved;
  return {QueueRecordKind::kMoveTask, t.handle, t.ToJson()};
}

void MoveTasks::Resume() {
  std::vector<std::shared_ptr<Task>> running;
  {
    std::lock_guard lock(mu_);
    for (const std::string& json : sqs_->TakeLoadedMoveTasks()) {
      auto t = Task::FromJson(json);
      if (!t) continue;
      tasks_.push_back(std::make_shared<Task>(std::move(*t)));
      if (tasks_.back()->status == "RUNNING") running.push_back(tasks_.back());
    }
    std::stable_sort(tasks_.begin(), tasks_.end(),
                     [](const auto& a, const auto& b) { return a->started_ms < b->started_ms; });
  }
  auto self = shared_from_this();
  for (auto& task : running) sqs_->timers().Post([self, task] { self->Step(task); });
}

void MoveTasks::RecordEnd(const std::shared_ptr<Queue>& source, QueueRecord record) {
  sqs_->CommitRecords(source, {std::move(record)}, [](Status s) {
    if (!s.ok()) Log(LogLevel::kWarn, "sqs: move task record not written", {{"error", s.ToString()}});
  });
}

void MoveTasks::Start(aws::Call call, aws::CallDone done) {
  std::string source_arn = call.input.value("SourceArn", std::string());
  auto source = sqs_->FindByArn(source_arn);
  if (source == nullptr) return done(NoSuchResource("The resource that you specified for the SourceArn parameter doesn't exist."));
  if (DeadLetterSources(*sqs_, source->meta.account_id, source_arn).empty()) {
    return done(InvalidParameterValue("Source queue must be configured as a Dead Letter Queue."));
  }
  auto task = std::make_shared<Task>();
  std::vector<QueueRecord> records;
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
    size_t kept = 0;
    for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it) {
      const Task& t = **it;
      if (t.source_arn != source_arn) continue;
      if (t.status == "RUNNING") {
        return done(SqsError("UnsupportedOperation",
                             "There is already a task running. Only one active task is allowed for a source queue arn at a given time."));
      }
      if (++kept >= kTasksKept) records.push_back({QueueRecordKind::kMoveTask, t.handle, std::nullopt});
    }
    std::erase_if(tasks_, [&](const auto& t) {
      return std::any_of(records.begin(), records.end(), [&](const QueueRecord& r) { return r.name == t->handle; });
    });
    tasks_.push_back(task);
    records.push_back(RecordOf(*task));
  }
  auto self = shared_from_this();
  sqs_->CommitRecords(source, std::move(records), [self, task, done](Status s) mutable {
    if (!s.ok()) return done(s);
    done(aws::Document{{"TaskHandle", task->handle}});
    self->sqs_->timers().Post([self, task] { self->Step(task); });
  });
}

void MoveTasks::Step(std::shared_ptr<Task> task) {
  auto source = sqs_->FindByArn(task->source_arn);
  {
    std::lock_guard lock(mu_);
    if (task->status != "RUNNING") return;
    if (source == nullptr) {  // its records went with it
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
  auto progress = [self, task](size_t moved) {
    std::lock_guard lock(self->mu_);
    return RecordOf(*task, moved);
  };
  sqs_->MoveMessages(source, target_of, kChunk, progress, [self, task, source](Status s, size_t moved) {
    std::optional<QueueRecord> end;
    {
      std::lock_guard lock(self->mu_);
      task->moved += moved;  // also when cancelled meanwhile: the chunk did move
      if (task->status != "RUNNING") return;
      if (!s.ok()) {
        task->status = "FAILED";
        task->failure_reason = s.message();
      } else if (moved == 0) {
        task->status = "COMPLETED";
      } else {
        self->sqs_->timers().Post([self, task] { self->Step(task); });
        return;
      }
      end = RecordOf(*task);
    }
    self->RecordEnd(source, std::move(*end));
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
  std::shared_ptr<Task> task;
  QueueRecord record;
  uint64_t moved = 0;
  {
    std::lock_guard lock(mu_);
    for (const auto& t : tasks_) {
      if (t->handle == handle) task = t;
    }
    if (task == nullptr) return done(NoSuchResource("Task does not exist."));
    if (task->status != "RUNNING") return done(SqsError("UnsupportedOperation", "Only active tasks can be cancelled."));
    task->status = "CANCELLED";
    record = RecordOf(*task);
    moved = task->moved;
  }
  auto source = sqs_->FindByArn(task->source_arn);
  if (source == nullptr) return done(aws::Document{{"ApproximateNumberOfMessagesMoved", moved}});
  sqs_->CommitRecords(source, {std::move(record)}, [done, moved](Status s) mutable {
    if (!s.ok()) return done(s);
    done(aws::Document{{"ApproximateNumberOfMessagesMoved", moved}});
  });
}

}  // namespace skybox::services::sqs
