// SqsBackend: the message engine — staging changes through the overlay, send, receive,
// delete, change visibility, purge, counts and dead-letter moves.
#include <algorithm>
#include <random>
#include <set>

#include "services/sqs/keys.h"
#include "services/sqs/message_attributes.h"
#include "services/sqs/sqs_backend.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

uint64_t RandomNonce() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return rng() | 1;
}

std::string VisibilityValue(const StoredMessage& m) { return m.receive_count == 0 ? "n" : "r"; }

bool Expired(const Queue& q, const StoredMessage& m, int64_t now) {
  return m.sent_ms + int64_t{IntAttribute(q.meta.attributes, "MessageRetentionPeriod", 345600)} * 1000 <= now;
}

std::string SequenceNumberText(uint64_t sequence) {
  std::string s = std::to_string(sequence);
  return std::string(s.size() < 20 ? 20 - s.size() : 0, '0') + s;
}

constexpr int64_t kDedupWindowMs = 5 * 60 * 1000;

}  // namespace

Result<std::optional<StoredMessage>> SqsBackend::LoadLocked(Queue& q, uint64_t sequence) {
  if (sequence < q.purged_below) return std::optional<StoredMessage>();
  auto p = q.pending.find(sequence);
  if (p != q.pending.end()) return p->second.state;
  SKYBOX_ASSIGN_OR_RETURN(auto bytes, store_->Get(messages_ns_, MessageKey(q.meta.id, sequence)));
  if (!bytes) return std::optional<StoredMessage>();
  auto m = DecodeStoredMessage(*bytes);
  if (!m) return Status(StatusCode::kDataLoss, "unreadable SQS message");
  return m;
}

void SqsBackend::StageLocked(Queue& q, storage::WriteBatch& batch, const std::optional<StoredMessage>& before,
                             std::optional<StoredMessage> after, uint64_t sequence, Staged& staged) {
  if (before) batch.Delete(visibility_ns_, VisibilityKey(q.meta.id, before->visible_at_ms, sequence));
  if (after) {
    q.LowerScanStart(after->visible_at_ms);
    batch.Put(messages_ns_, MessageKey(q.meta.id, sequence), EncodeStoredMessage(*after));
    batch.Put(visibility_ns_, VisibilityKey(q.meta.id, after->visible_at_ms, sequence), VisibilityValue(*after));
  } else {
    batch.Delete(messages_ns_, MessageKey(q.meta.id, sequence));
  }
  staged.count_delta += (after ? 1 : 0) - (before ? 1 : 0);
  uint64_t version = q.next_version++;
  q.pending[sequence] = PendingChange{std::move(after), version};
  staged.overlay.emplace_back(sequence, version);
}

void SqsBackend::StageIncomingLocked(const std::shared_ptr<Queue>& target, storage::WriteBatch& batch,
                                     const StoredMessage& moved, Staged& staged) {
  // The target's lock is not held: the new sequence is invisible to its readers until durable,
  // and incoming_commits keeps its scan start from moving past the new key meanwhile.
  target->incoming_commits++;
  target->LowerScanStart(moved.visible_at_ms);
  batch.Put(messages_ns_, MessageKey(target->meta.id, moved.sequence), EncodeStoredMessage(moved));
  batch.Put(visibility_ns_, VisibilityKey(target->meta.id, moved.visible_at_ms, moved.sequence), VisibilityValue(moved));
  staged.incoming.push_back(target);
}

void SqsBackend::CommitLocked(const std::shared_ptr<Queue>& q, storage::WriteBatch batch, Staged staged,
                              std::function<void(Status)> done) {
  // Each queue whose message count changes gets its new count in this batch. The counts are
  // changed and the batch queued under their count_mu (taken in queue id order), so count
  // records reach the store in the order of the values they carry.
  std::vector<std::pair<std::shared_ptr<Queue>, int64_t>> deltas;
  if (staged.count_delta != 0) deltas.emplace_back(q, staged.count_delta);
  for (const auto& target : staged.incoming) {
    auto it = std::find_if(deltas.begin(), deltas.end(), [&](const auto& d) { return d.first == target; });
    if (it == deltas.end()) deltas.emplace_back(target, 1);
    else ++it->second;
  }
  std::sort(deltas.begin(), deltas.end(), [](const auto& a, const auto& b) { return a.first->meta.id < b.first->meta.id; });
  std::vector<std::unique_lock<std::mutex>> count_locks;
  for (auto& [queue, delta] : deltas) {
    count_locks.emplace_back(queue->count_mu);
    int64_t count = queue->message_count += delta;
    batch.Put(state_ns_, QueueRecordKey(queue->meta.id, QueueRecordKind::kMessageCount), std::to_string(count));
  }
  store_->Commit(std::move(batch), [this, q, staged = std::move(staged), deltas = std::move(deltas),
                                    done = std::move(done)](Status s) {
    {
      std::lock_guard lock(q->mu);
      for (const auto& [sequence, version] : staged.overlay) {
        auto it = q->pending.find(sequence);
        if (it != q->pending.end() && it->second.version == version) q->pending.erase(it);
      }
      if (!s.ok()) q->scan_from_ms = 0;  // the store kept the old keys
    }
    for (const auto& target : staged.incoming) {
      if (!s.ok()) target->scan_from_ms = 0;
      target->incoming_commits--;
    }
    if (!s.ok()) {
      for (const auto& [queue, delta] : deltas) queue->message_count -= delta;
    }
    for (const auto& [queue, delta] : deltas) {
      if (s.ok() && queue != q) NotifyReceivable(queue);
    }
    done(s.ok() ? s : InternalError(s));
  });
}

void SqsBackend::Send(const std::shared_ptr<Queue>& q, std::vector<OutgoingMessage> messages,
                      std::function<void(Status, std::vector<SentMessage>)> done) {
  std::vector<SentMessage> sent;
  storage::WriteBatch batch;
  Staged staged;
  int64_t now = Now();
  std::lock_guard lock(q->mu);
  if (q->deleted) return done(QueueDoesNotExist(), {});
  bool fifo = q->meta.fifo();
  bool group_scope = q->meta.attributes["DeduplicationScope"] == "messageGroup";
  for (auto& e : messages) {
    StoredMessage& m = e.message;
    std::string dedup_key;
    if (fifo) {
      dedup_key = (group_scope ? m.group_id + "\n" : std::string()) + m.deduplication_id;
      auto d = q->dedup.find(dedup_key);
      if (d != q->dedup.end() && d->second.expires_ms > now) {
        sent.push_back({d->second.message_id, d->second.sequence});
        continue;
      }
    }
    m.sequence = NextSequence();
    m.sent_ms = now;
    m.visible_at_ms = now + int64_t{e.delay_seconds} * 1000;
    if (fifo) {
      DedupEntry entry{now + kDedupWindowMs, m.message_id, m.sequence};
      PutRecord(batch, *q, {QueueRecordKind::kDeduplication, dedup_key, entry.ToJson()});
      q->dedup_expiry.emplace(entry.expires_ms, dedup_key);
      q->dedup[dedup_key] = std::move(entry);
    }
    sent.push_back({m.message_id, m.sequence});
    uint64_t sequence = m.sequence;
    StageLocked(*q, batch, std::nullopt, std::move(m), sequence, staged);
  }
  if (batch.empty()) return done(Status::Ok(), std::move(sent));
  SweepExpiredLocked(*q, now, batch);
  CommitLocked(q, std::move(batch), std::move(staged),
               [sent = std::move(sent), done = std::move(done)](Status s) mutable { done(s, std::move(sent)); });
  // Parked receivers may take the new messages from the overlay before the commit is durable
  // (as any receiver may): waking them now keeps the fsync off the long-poll wake-up path.
  NotifyReceivable(q);
}

std::vector<StoredMessage> SqsBackend::ReceivableLocked(Queue& q, int64_t now, size_t limit) {
  std::vector<StoredMessage> out;
  if (!q.meta.fifo()) {
    int64_t from = q.scan_from_ms.load();
    int64_t lowest = now;  // the next scan may start here unless something lower is live
    auto it = store_->NewIterator(visibility_ns_, {VisibilityKey(q.meta.id, from, 0), VisibilityKey(q.meta.id, now + 1, 0)});
    for (it->SeekToFirst(); it->Valid() && out.size() < limit; it->Next()) {
      auto entry = ParseVisibilityKey(it->key());
      if (!entry) continue;
      lowest = std::min(lowest, entry->visible_at_ms);
      if (q.pending.count(entry->sequence)) continue;
      auto m = LoadLocked(q, entry->sequence);
      if (m.ok() && *m && (*m)->visible_at_ms == entry->visible_at_ms) out.push_back(std::move(**m));
    }
    for (auto& [sequence, change] : q.pending) {
      if (change.state) lowest = std::min(lowest, change.state->visible_at_ms);
      if (out.size() < limit && change.state && change.state->visible_at_ms <= now) out.push_back(*change.state);
    }
    // Raise the scan start past the tombstones just skipped (never past a pending or
    // incoming write, whose key may not be readable yet).
    if (it->status().ok() && q.incoming_commits.load() == 0 && lowest > from) {
      q.scan_from_ms.compare_exchange_strong(from, lowest);
    }
    return out;
  }
  // FIFO: walk in send order; a group whose oldest message is invisible (in flight or
  // delayed) is blocked, and its later messages wait behind it.
  std::set<std::string> blocked;
  auto consider = [&](const StoredMessage& m) {
    if (blocked.count(m.group_id)) return;
    if (m.visible_at_ms > now) {
      blocked.insert(m.group_id);
      return;
    }
    out.push_back(m);
  };
  uint64_t last_stored = 0;
  auto it = store_->NewIterator(messages_ns_, {MessagePrefix(q.meta.id), MessagePrefix(q.meta.id + 1)});
  for (it->SeekToFirst(); it->Valid() && out.size() < limit; it->Next()) {
    uint64_t sequence = SequenceOfMessageKey(it->key());
    last_stored = sequence;
    auto p = q.pending.find(sequence);
    if (p != q.pending.end()) {
      if (p->second.state) consider(*p->second.state);
      continue;
    }
    auto m = DecodeStoredMessage(it->value());
    if (m) consider(*m);
  }
  for (auto p = q.pending.upper_bound(last_stored); p != q.pending.end() && out.size() < limit; ++p) {
    if (p->second.state && p->second.state->receive_count == 0) consider(*p->second.state);
  }
  return out;
}

bool SqsBackend::ReceiveLocked(const std::shared_ptr<Queue>& q, const ReceiveRequest& request, aws::CallDone& done,
                               bool answer_empty) {
  if (q->deleted || q->purging) return false;
  int64_t now = Now();
  auto redrive = ParseRedrivePolicy(q->meta.attributes["RedrivePolicy"]);
  std::shared_ptr<Queue> dlq = redrive ? FindByArn(redrive->dead_letter_target_arn) : nullptr;
  int visibility = request.visibility_timeout.value_or(IntAttribute(q->meta.attributes, "VisibilityTimeout", 30));
  size_t want = static_cast<size_t>(request.max_messages);

  storage::WriteBatch batch;
  Staged staged;
  aws::Document messages = aws::Document::array();
  // Expired and dead-lettered candidates do not count, so scan a little further.
  std::vector<StoredMessage> candidates = ReceivableLocked(*q, now, want * 4 + 16);
  for (StoredMessage& m : candidates) {
    if (messages.size() >= want) break;
    uint64_t sequence = m.sequence;
    if (Expired(*q, m, now)) {
      StageLocked(*q, batch, m, std::nullopt, sequence, staged);
      continue;
    }
    if (dlq != nullptr && static_cast<int>(m.receive_count) >= redrive->max_receive_count) {
      StoredMessage moved = m;
      moved.sequence = NextSequence();
      moved.visible_at_ms = now;
      moved.dead_letter_source_arn = ArnOf(*q);
      StageIncomingLocked(dlq, batch, moved, staged);
      StageLocked(*q, batch, m, std::nullopt, sequence, staged);
      continue;
    }
    StoredMessage after = m;
    after.receive_count++;
    if (after.first_receive_ms == 0) after.first_receive_ms = now;
    after.last_receive_ms = now;
    after.receipt_nonce = RandomNonce();
    after.visible_at_ms = now + int64_t{visibility} * 1000;
    std::string handle = EncodeReceiptHandle({q->meta.id, sequence, after.receive_count, after.receipt_nonce});
    messages.push_back(MessageOutput(*q, after, request, handle));
    StageLocked(*q, batch, m, std::move(after), sequence, staged);
  }
  if (batch.empty()) return false;
  // Claimed messages are answered at once: the overlay already hides them from every other
  // receiver, and if the claim is lost in a crash they simply become visible again (SQS
  // delivers at least once). Only an answer that reports a dead-letter move waits for it.
  bool answered = !messages.empty() || answer_empty;
  aws::CallDone reply;
  if (answered) reply = std::move(done);
  if (!messages.empty() && !request.attempt_id.empty()) {
    ReceiveAttempt attempt{now + int64_t{visibility} * 1000, messages};
    PutRecord(batch, *q, {QueueRecordKind::kReceiveAttempt, request.attempt_id, attempt.ToJson()});
    q->attempt_expiry.emplace(attempt.expires_ms, request.attempt_id);
    q->receive_attempts[request.attempt_id] = std::move(attempt);
  }
  SweepExpiredLocked(*q, now, batch);
  bool reply_now = !messages.empty();
  aws::Document out = aws::Document::object();
  if (reply_now) out["Messages"] = std::move(messages);
  CommitLocked(q, std::move(batch), std::move(staged),
               [reply_later = reply_now ? aws::CallDone() : reply](Status s) {
                 if (!reply_later) return;
                 if (!s.ok()) return reply_later(s);
                 reply_later(aws::Document::object());
               });
  if (reply_now) reply(std::move(out));
  return answered;
}

aws::Document SqsBackend::MessageOutput(const Queue& q, const StoredMessage& m, const ReceiveRequest& request,
                                        const std::string& handle) const {
  aws::Document out = {{"MessageId", m.message_id}, {"ReceiptHandle", handle}, {"MD5OfBody", m.md5_of_body},
                       {"Body", m.body}};
  aws::Document attrs = aws::Document::object();
  auto want = [&](std::string_view name) {
    for (const auto& n : request.system_attribute_names) {
      if (n == "All" || n == name) return true;
    }
    return false;
  };
  if (want("SenderId")) attrs["SenderId"] = m.sender_id;
  if (want("SentTimestamp")) attrs["SentTimestamp"] = std::to_string(m.sent_ms);
  if (want("ApproximateReceiveCount")) attrs["ApproximateReceiveCount"] = std::to_string(m.receive_count);
  if (want("ApproximateFirstReceiveTimestamp")) {
    attrs["ApproximateFirstReceiveTimestamp"] = std::to_string(m.first_receive_ms);
  }
  if (want("AWSTraceHeader") && m.system_attributes.contains("AWSTraceHeader")) {
    attrs["AWSTraceHeader"] = m.system_attributes["AWSTraceHeader"].value("StringValue", std::string());
  }
  if (want("DeadLetterQueueSourceArn") && !m.dead_letter_source_arn.empty()) {
    attrs["DeadLetterQueueSourceArn"] = m.dead_letter_source_arn;
  }
  if (q.meta.fifo()) {
    if (want("SequenceNumber")) attrs["SequenceNumber"] = SequenceNumberText(m.sequence);
    if (want("MessageDeduplicationId")) attrs["MessageDeduplicationId"] = m.deduplication_id;
  }
  // Standard queues accept MessageGroupId too (fair queues) and report it when sent.
  if (want("MessageGroupId") && !m.group_id.empty()) attrs["MessageGroupId"] = m.group_id;
  if (!attrs.empty()) out["Attributes"] = std::move(attrs);
  aws::Document selected = aws::Document::object();
  for (const auto& [name, value] : m.attributes.items()) {
    if (AttributeSelected(request.message_attribute_names, name)) selected[name] = value;
  }
  if (!selected.empty()) {
    out["MD5OfMessageAttributes"] = Md5OfAttributes(selected);
    out["MessageAttributes"] = std::move(selected);
  }
  return out;
}

void SqsBackend::DeleteMessages(const std::shared_ptr<Queue>& q, std::vector<std::string> handles,
                                std::function<void(Status, std::vector<Status>)> done) {
  std::vector<Status> results;
  storage::WriteBatch batch;
  Staged staged;
  std::lock_guard lock(q->mu);
  for (const std::string& text : handles) {
    auto h = DecodeReceiptHandle(text);
    if (!h || h->queue_id != q->meta.id) {
      results.push_back(ReceiptHandleIsInvalid(text));
      continue;
    }
    results.push_back(Status::Ok());
    auto m = LoadLocked(*q, h->sequence);
    if (!m.ok()) return done(InternalError(m.status()), {});
    // A stale handle (the message was received again since) succeeds without deleting.
    if (!*m || (*m)->receive_count != h->receive_count || (*m)->receipt_nonce != h->nonce) continue;
    StageLocked(*q, batch, *m, std::nullopt, h->sequence, staged);
  }
  if (batch.empty()) return done(Status::Ok(), std::move(results));
  CommitLocked(q, std::move(batch), std::move(staged),
               [results = std::move(results), done = std::move(done)](Status s) mutable { done(s, std::move(results)); });
  // Deleting a FIFO group's in-flight message unblocks the group's next one.
  if (q->meta.fifo()) NotifyReceivable(q);
}

void SqsBackend::ChangeVisibility(const std::shared_ptr<Queue>& q, std::vector<std::pair<std::string, int>> entries,
                                  std::function<void(Status, std::vector<Status>)> done) {
  std::vector<Status> results;
  storage::WriteBatch batch;
  Staged staged;
  bool sooner = false;
  int64_t now = Now();
  std::lock_guard lock(q->mu);
  for (const auto& [text, seconds] : entries) {
    auto h = DecodeReceiptHandle(text);
    if (!h || h->queue_id != q->meta.id) {
      results.push_back(ReceiptHandleIsInvalid(text));
      continue;
    }
    auto m = LoadLocked(*q, h->sequence);
    if (!m.ok()) return done(InternalError(m.status()), {});
    if (!*m || (*m)->receive_count != h->receive_count || (*m)->receipt_nonce != h->nonce ||
        (*m)->visible_at_ms <= now) {
      results.push_back(SqsError("MessageNotInflight",
                                 "Message does not exist or is not available for visibility timeout change."));
      continue;
    }
    if (now + int64_t{seconds} * 1000 - (*m)->last_receive_ms > int64_t{43200} * 1000) {
      results.push_back(InvalidParameter(std::to_string(seconds), "VisibilityTimeout",
                                         "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]"));
      continue;
    }
    results.push_back(Status::Ok());
    StoredMessage after = **m;
    after.visible_at_ms = now + int64_t{seconds} * 1000;
    sooner = sooner || after.visible_at_ms < (*m)->visible_at_ms;
    StageLocked(*q, batch, *m, std::move(after), h->sequence, staged);
  }
  if (batch.empty()) return done(Status::Ok(), std::move(results));
  CommitLocked(q, std::move(batch), std::move(staged),
               [this, q, sooner, results = std::move(results), done = std::move(done)](Status s) mutable {
                 if (s.ok() && sooner) NotifyReceivable(q);
                 done(s, std::move(results));
               });
}

void SqsBackend::Purge(const std::shared_ptr<Queue>& q, std::function<void(Status)> done) {
  int64_t now = Now();
  std::lock_guard lock(q->mu);
  if (q->last_purge_ms >= 0 && now - q->last_purge_ms < 60000) {
    return done(SqsError("PurgeQueueInProgress", "Only one PurgeQueue operation on " + q->meta.name +
                                                     " is allowed every 60 seconds."));
  }
  q->last_purge_ms = now;
  q->purging = true;
  q->purged_below = NextSequence();
  q->pending.clear();
  storage::WriteBatch batch;
  batch.DeleteRange(messages_ns_, MessagePrefix(q->meta.id), MessagePrefix(q->meta.id + 1));
  batch.DeleteRange(visibility_ns_, MessagePrefix(q->meta.id), MessagePrefix(q->meta.id + 1));
  PutRecord(batch, *q, {QueueRecordKind::kLastPurge, "", std::to_string(now)});
  std::lock_guard count_lock(q->count_mu);
  q->message_count = 0;
  PutRecord(batch, *q, {QueueRecordKind::kMessageCount, "", "0"});
  store_->Commit(std::move(batch), [q, done = std::move(done)](Status s) {
    {
      std::lock_guard lock(q->mu);
      q->purging = false;
    }
    done(s.ok() ? s : InternalError(s));
  });
}

QueueCounts SqsBackend::Count(const std::shared_ptr<Queue>& q) {
  QueueCounts c;
  int64_t now = Now();
  std::lock_guard lock(q->mu);
  // Only the invisible messages are read: in the index they sort after `now`.
  auto it = store_->NewIterator(visibility_ns_, {VisibilityKey(q->meta.id, now + 1, 0), MessagePrefix(q->meta.id + 1)});
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto e = ParseVisibilityKey(it->key());
    if (!e || q->pending.count(e->sequence)) continue;
    if (it->value() == "n") ++c.delayed;
    else ++c.not_visible;
  }
  for (const auto& [sequence, change] : q->pending) {
    if (!change.state || change.state->visible_at_ms <= now) continue;
    if (change.state->receive_count == 0) ++c.delayed;
    else ++c.not_visible;
  }
  // The count includes messages moved in by other queues' batches still in flight: those are
  // receivable (visible now) once durable.
  uint64_t total = static_cast<uint64_t>(std::max<int64_t>(0, q->message_count.load()));
  c.visible = total - std::min(total, c.delayed + c.not_visible);
  return c;
}

void SqsBackend::MoveMessages(const std::shared_ptr<Queue>& source, TargetOf target_of, size_t limit,
                              std::function<QueueRecord(size_t)> progress, std::function<void(Status, size_t)> done) {
  storage::WriteBatch batch;
  Staged staged;
  int64_t now = Now();
  std::unique_lock lock(source->mu);
  // A purge being written empties the queue: there is nothing left to move.
  if (source->purging) {
    lock.unlock();
    return done(Status::Ok(), 0);
  }
  for (StoredMessage& m : ReceivableLocked(*source, now, limit)) {
    std::shared_ptr<Queue> target = target_of(m);
    if (target == nullptr || target == source) continue;
    StoredMessage moved = m;
    moved.sequence = NextSequence();
    moved.visible_at_ms = now;
    moved.receive_count = 0;
    moved.first_receive_ms = 0;
    moved.dead_letter_source_arn.clear();
    StageIncomingLocked(target, batch, moved, staged);
    StageLocked(*source, batch, m, std::nullopt, m.sequence, staged);
  }
  size_t moved = staged.incoming.size();
  if (batch.empty()) {
    lock.unlock();  // `done` may write the task's end
    return done(Status::Ok(), 0);
  }
  PutRecord(batch, *source, progress(moved));
  CommitLocked(source, std::move(batch), std::move(staged),
               [moved, done = std::move(done)](Status s) { done(s, s.ok() ? moved : 0); });
}

}  // namespace skybox::services::sqs
