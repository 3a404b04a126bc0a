// SqsBackend: the queues' side records (keys.h, QueueRecordKind) — loading them into the
// in-memory mirrors at open, writing them with the changes they belong to, and sweeping the
// expired ones.
#include <set>

#include "services/sqs/keys.h"
#include "services/sqs/queue_attributes.h"
#include "services/sqs/sqs_backend.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

// Loads one expiring record into `records`/`expiry` unless it is unreadable or expired.
template <typename Record>
bool LoadExpiring(std::string_view name, std::string_view json, int64_t now, std::map<std::string, Record>& records,
                  std::multimap<int64_t, std::string>& expiry) {
  auto r = Record::FromJson(json);
  if (!r || r->expires_ms <= now) return false;
  expiry.emplace(r->expires_ms, std::string(name));
  records.emplace(std::string(name), std::move(*r));
  return true;
}

}  // namespace

Status SqsBackend::LoadRecords(const std::map<uint64_t, std::shared_ptr<Queue>>& by_id) {
  const int64_t now = Now();
  storage::WriteBatch sweep;
  std::set<uint64_t> counted;
  auto it = store_->NewIterator(state_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto ref = ParseQueueRecordKey(it->key());
    auto q = ref ? by_id.find(ref->queue_id) : by_id.end();
    if (q == by_id.end()) {  // a queue deleted by an older version
      sweep.Delete(state_ns_, it->key());
      continue;
    }
    Queue& queue = *q->second;
    bool keep = true;
    switch (ref->kind) {
      case QueueRecordKind::kMessageCount:
        if (auto n = ParseLong(it->value())) {
          queue.message_count = *n;
          counted.insert(ref->queue_id);
        }
        break;
      case QueueRecordKind::kDeduplication:
        keep = LoadExpiring(ref->name, it->value(), now, queue.dedup, queue.dedup_expiry);
        break;
      case QueueRecordKind::kReceiveAttempt:
        keep = LoadExpiring(ref->name, it->value(), now, queue.receive_attempts, queue.attempt_expiry);
        break;
      case QueueRecordKind::kLastPurge:
        queue.last_purge_ms = ParseLong(it->value()).value_or(-1);
        break;
      case QueueRecordKind::kMoveTask:
        loaded_move_tasks_.emplace_back(it->value());
        break;
      default:
        keep = false;
    }
    if (!keep) sweep.Delete(state_ns_, it->key());
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  // Queues written before message counts were kept: count once; the next change records it.
  for (const auto& [id, q] : by_id) {
    if (counted.count(id)) continue;
    int64_t n = 0;
    auto messages = store_->NewIterator(messages_ns_, {MessagePrefix(id), MessagePrefix(id + 1)});
    for (messages->SeekToFirst(); messages->Valid(); messages->Next()) ++n;
    SKYBOX_RETURN_IF_ERROR(messages->status());
    q->message_count = n;
  }
  auto deleted = store_->NewIterator(deleted_ns_);
  for (deleted->SeekToFirst(); deleted->Valid(); deleted->Next()) {
    auto ms = ParseLong(deleted->value());
    if (ms && now - *ms < kQueueDeletedRecentlyMs) deleted_ms_.emplace(std::string(deleted->key()), *ms);
    else sweep.Delete(deleted_ns_, deleted->key());
  }
  SKYBOX_RETURN_IF_ERROR(deleted->status());
  it.reset();
  deleted.reset();
  return sweep.empty() ? Status::Ok() : store_->CommitAndWait(std::move(sweep));
}

void SqsBackend::PutRecord(storage::WriteBatch& batch, const Queue& q, const QueueRecord& record) {
  std::string key = QueueRecordKey(q.meta.id, record.kind, record.name);
  if (record.value) batch.Put(state_ns_, key, *record.value);
  else batch.Delete(state_ns_, key);
}

void SqsBackend::CommitRecords(const std::shared_ptr<Queue>& q, std::vector<QueueRecord> records,
                               std::function<void(Status)> done) {
  storage::WriteBatch batch;
  std::lock_guard lock(q->mu);
  if (q->deleted) return done(Status::Ok());  // its records went with it
  for (const QueueRecord& r : records) PutRecord(batch, *q, r);
  store_->Commit(std::move(batch), [done = std::move(done)](Status s) { done(s.ok() ? s : InternalError(s)); });
}

std::vector<std::string> SqsBackend::TakeLoadedMoveTasks() {
  std::lock_guard lock(registry_mu_);
  return std::exchange(loaded_move_tasks_, {});
}

void SqsBackend::SweepExpiredLocked(Queue& q, int64_t now, storage::WriteBatch& batch) {
  auto sweep = [&](auto& records, std::multimap<int64_t, std::string>& expiry, QueueRecordKind kind) {
    while (!expiry.empty() && expiry.begin()->first <= now) {
      auto it = records.find(expiry.begin()->second);
      if (it != records.end() && it->second.expires_ms <= now) {
        batch.Delete(state_ns_, QueueRecordKey(q.meta.id, kind, it->first));
        records.erase(it);
      }
      expiry.erase(expiry.begin());
    }
  };
  sweep(q.dedup, q.dedup_expiry, QueueRecordKind::kDeduplication);
  sweep(q.receive_attempts, q.attempt_expiry, QueueRecordKind::kReceiveAttempt);
}

}  // namespace skybox::services::sqs
