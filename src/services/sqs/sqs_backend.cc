// SqsBackend: opening, the queue registry and queue metadata persistence.
#include "services/sqs/sqs_backend.h"

#include <chrono>

#include "services/sqs/keys.h"
#include "services/sqs/queue_url.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::shared_ptr<SqsBackend>> SqsBackend::Open(storage::Store* store, SqsOptions options) {
  std::shared_ptr<SqsBackend> b(new SqsBackend(store, std::move(options)));
  SKYBOX_ASSIGN_OR_RETURN(b->queues_ns_, store->OpenNamespace("sqs_queues"));
  SKYBOX_ASSIGN_OR_RETURN(b->messages_ns_, store->OpenNamespace("sqs_messages"));
  SKYBOX_ASSIGN_OR_RETURN(b->visibility_ns_, store->OpenNamespace("sqs_visibility"));
  SKYBOX_ASSIGN_OR_RETURN(b->state_ns_, store->OpenNamespace("sqs_state"));
  SKYBOX_ASSIGN_OR_RETURN(b->deleted_ns_, store->OpenNamespace("sqs_deleted"));
  SKYBOX_RETURN_IF_ERROR(b->Load());
  return b;
}

SqsBackend::~SqsBackend() {
  shutting_down_ = true;
  timers_.reset();
  (void)store_->Flush();
}

Status SqsBackend::Load() {
  uint64_t max_sequence = 0;
  std::map<uint64_t, std::shared_ptr<Queue>> by_id;
  auto it = store_->NewIterator(queues_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto meta = QueueMeta::FromJson(it->value());
    if (!meta) return Status(StatusCode::kDataLoss, "unreadable SQS queue record " + std::string(it->key()));
    next_queue_id_ = std::max(next_queue_id_, meta->id + 1);
    auto last = store_->NewIterator(messages_ns_, {MessagePrefix(meta->id), MessagePrefix(meta->id + 1)});
    last->SeekToLast();
    if (last->Valid()) max_sequence = std::max(max_sequence, SequenceOfMessageKey(last->key()));
    SKYBOX_RETURN_IF_ERROR(last->status());
    auto q = std::make_shared<Queue>(std::move(*meta));
    by_id.emplace(q->meta.id, q);
    queues_.emplace(std::string(it->key()), std::move(q));
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  SKYBOX_RETURN_IF_ERROR(LoadRecords(by_id));
  // Sequences also order FIFO SequenceNumbers, so they keep growing across restarts even
  // when every message was deleted: start from the clock in microseconds.
  uint64_t from_clock = static_cast<uint64_t>(Now()) * 1000;
  next_sequence_ = std::max(max_sequence + 1, from_clock);
  return Status::Ok();
}

std::shared_ptr<Queue> SqsBackend::Find(std::string_view account_id, std::string_view name) {
  std::lock_guard lock(registry_mu_);
  auto it = queues_.find(QueueKey(account_id, name));
  return it == queues_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<Queue>> SqsBackend::Resolve(std::string_view account_id, const aws::Document& input) {
  std::string url = input.value("QueueUrl", std::string());
  auto ref = ParseQueueUrl(url);
  if (!ref) {
    if (IsValidQueueName(url)) ref = QueueRef{std::string(account_id), url};
    else return QueueDoesNotExist();
  }
  auto q = Find(ref->account_id, ref->name);
  if (q == nullptr) return QueueDoesNotExist();
  return q;
}

std::shared_ptr<Queue> SqsBackend::FindByArn(std::string_view arn) {
  auto ref = ParseQueueArn(arn);
  return ref ? Find(ref->account_id, ref->name) : nullptr;
}

std::vector<std::shared_ptr<Queue>> SqsBackend::List(std::string_view account_id) {
  std::string prefix = QueueKey(account_id, "");
  std::vector<std::shared_ptr<Queue>> out;
  std::lock_guard lock(registry_mu_);
  for (auto it = queues_.lower_bound(prefix); it != queues_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::string SqsBackend::ArnOf(const Queue& q) const {
  return QueueArn(options_.region, q.meta.account_id, q.meta.name);
}

void SqsBackend::Create(QueueMeta meta, std::function<void(Result<std::shared_ptr<Queue>>)> done,
                        std::shared_ptr<Queue>* existing) {
  std::shared_ptr<Queue> q;
  std::string key = QueueKey(meta.account_id, meta.name);
  storage::WriteBatch batch;
  {
    std::lock_guard lock(registry_mu_);
    auto it = queues_.find(key);
    if (it != queues_.end()) {
      *existing = it->second;
      return;
    }
    auto deleted = deleted_ms_.find(key);
    if (deleted == deleted_ms_.end() || Now() - deleted->second >= kQueueDeletedRecentlyMs) {
      if (deleted != deleted_ms_.end()) {
        deleted_ms_.erase(deleted);
        batch.Delete(deleted_ns_, key);
      }
      meta.id = next_queue_id_++;
      q = std::make_shared<Queue>(std::move(meta));
      queues_.emplace(key, q);
    }
  }
  if (q == nullptr) {
    return done(SqsError("QueueDeletedRecently",
                         "You must wait 60 seconds after deleting a queue before you can create another with the same name."));
  }
  batch.Put(queues_ns_, key, q->meta.ToJson());
  store_->Commit(std::move(batch), [this, q, key, done = std::move(done)](Status s) {
    if (!s.ok()) {
      std::lock_guard lock(registry_mu_);
      queues_.erase(key);
      return done(InternalError(s));
    }
    done(q);
  });
}

void SqsBackend::PersistMeta(const std::shared_ptr<Queue>& q, std::function<void(Status)> done) {
  storage::WriteBatch batch;
  {
    std::lock_guard lock(q->mu);
    batch.Put(queues_ns_, QueueKey(q->meta.account_id, q->meta.name), q->meta.ToJson());
    // Queued under the queue's lock so that two updates reach the store in the order made.
    store_->Commit(std::move(batch), [done = std::move(done)](Status s) { done(s.ok() ? s : InternalError(s)); });
  }
}

void SqsBackend::Delete(const std::shared_ptr<Queue>& q, std::function<void(Status)> done) {
  std::list<std::shared_ptr<Waiter>> waiters;
  const std::string key = QueueKey(q->meta.account_id, q->meta.name);
  const int64_t now = Now();
  {
    std::lock_guard lock(q->mu);
    {
      std::lock_guard registry(registry_mu_);
      queues_.erase(key);
      deleted_ms_[key] = now;
    }
    q->deleted = true;
    waiters.swap(q->waiters);
    q->waiter_count = 0;
    if (q->wake_timer != 0) timers_->Cancel(q->wake_timer);
    storage::WriteBatch batch;
    batch.Delete(queues_ns_, key);
    batch.Put(deleted_ns_, key, std::to_string(now));
    batch.DeleteRange(messages_ns_, MessagePrefix(q->meta.id), MessagePrefix(q->meta.id + 1));
    batch.DeleteRange(visibility_ns_, MessagePrefix(q->meta.id), MessagePrefix(q->meta.id + 1));
    batch.DeleteRange(state_ns_, MessagePrefix(q->meta.id), MessagePrefix(q->meta.id + 1));
    store_->Commit(std::move(batch), [done = std::move(done)](Status s) { done(s.ok() ? s : InternalError(s)); });
  }
  for (auto& w : waiters) {
    timers_->Cancel(w->deadline_timer);
    w->done(aws::Document::object());
  }
}

}  // namespace skybox::services::sqs
