// SnsBackend: the state of Skybox's SNS — topics, subscriptions, FIFO deduplication records,
// the signing key, and the log of deliveries to protocols Skybox records instead of sending
// (email, sms, mobile push, lambda, firehose).
//
// Everything lives in the Store (namespaces sns_topics, sns_subscriptions, sns_dedup,
// sns_meta, sns_deliveries, sns_records) and is mirrored in memory, loaded at Open. A change is applied to
// the mirror under the lock, then its batch is committed; callers answer the client only once
// the commit is durable.
//
// Thread-safety: every method may be called from any thread. State() requires the lock that
// Lock() returns to be held for as long as the reference is used.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "services/delivery/outbox.h"
#include "services/sns/message_signer.h"
#include "services/sns/records.h"
#include "storage/store.h"

namespace skybox::services::sns {

struct SnsOptions {
  std::string region = "us-east-1";
  // "127.0.0.1:4566": where subscribers reach Skybox (SubscribeURL, SigningCertURL).
  std::function<std::string()> endpoint;
  // Wall-clock milliseconds; a seam for tests.
  std::function<int64_t()> clock_ms;
  // How many recorded deliveries (GET /_skybox/sns/deliveries) are kept; older ones are pruned
  // as new ones are recorded.
  size_t max_recorded_deliveries = 10000;
};

// A FIFO publish remembered for the deduplication interval.
struct DedupRecord {
  int64_t expires_ms = 0;
  std::string message_id;
  std::string sequence_number;
};

struct SnsState {
  std::map<std::string, Topic> topics;                // by ARN
  std::map<std::string, Subscription> subscriptions;  // by ARN
  std::map<std::string, DedupRecord> dedup;           // by DedupKey
  // The record-only resources (mobile push, SMS), as JSON documents by key:
  // "app/<arn>", "endpoint/<arn>", "sms-attributes", "opted-out/<phone>", "sandbox/<phone>".
  std::map<std::string, nlohmann::json> records;
};

class SnsBackend {
 public:
  static constexpr int64_t kDedupIntervalMs = 5 * 60 * 1000;

  // Loads the state of `store` (or creates the signing key on first use). `outbox` takes the
  // messages SNS publishes; both must outlive the backend.
  static Result<std::shared_ptr<SnsBackend>> Open(storage::Store* store, delivery::Outbox* outbox,
                                                  SnsOptions options);

  std::unique_lock<std::mutex> Lock() { return std::unique_lock<std::mutex>(mu_); }
  SnsState& State() { return state_; }

  // Stage the stored form of a change into `batch` (the mirror is the caller's to update).
  void PutTopic(storage::WriteBatch& batch, const Topic& topic);
  void DeleteTopic(storage::WriteBatch& batch, const std::string& arn);
  void PutSubscription(storage::WriteBatch& batch, const Subscription& subscription);
  void DeleteSubscription(storage::WriteBatch& batch, const std::string& arn);
  void PutDedup(storage::WriteBatch& batch, const std::string& key, const DedupRecord& record);
  // Forgets the deduplication records that expired, from the mirror and (through `batch`) the
  // store — a whole pass only when the table has doubled since the last one, so publishing
  // stays amortised O(log n). Requires the lock.
  void PruneDedup(storage::WriteBatch& batch);
  void PutRecord(storage::WriteBatch& batch, const std::string& key, const nlohmann::json& record);
  void DeleteRecord(storage::WriteBatch& batch, const std::string& key);
  // A delivery recorded instead of sent (see RecordedDeliveries).
  void RecordDelivery(storage::WriteBatch& batch, nlohmann::json record);

  static std::string DedupKey(std::string_view topic_arn, std::string_view deduplication_id) {
    return std::string(topic_arn) + "\n" + std::string(deduplication_id);
  }

  // Commits `batch`, then tells the outbox about `staged` envelopes; `done` runs on the
  // committer thread.
  void Commit(storage::WriteBatch batch, std::vector<uint64_t> staged, std::function<void(Status)> done);

  // The newest `limit` recorded deliveries, oldest first.
  nlohmann::json RecordedDeliveries(size_t limit);

  delivery::Outbox& outbox() { return *outbox_; }
  storage::Store& store() { return *store_; }
  // The key messages are signed with. A background thread started by Open loads it from the
  // store, or generates and stores one on the first start (RSA-2048 takes tens to hundreds of
  // milliseconds), so neither start-up nor an event loop waits for that; a call in that window
  // waits for the thread.
  Result<const MessageSigner*> signer() const;
  const SnsOptions& options() const { return options_; }
  int64_t NowMs() const;
  // "http://127.0.0.1:4566"
  std::string BaseUrl() const;
  // Where subscribers fetch `signer`'s certificate.
  std::string SigningCertUrl(const MessageSigner& signer) const;
  // A FIFO sequence number: 20 digits, increasing.
  std::string NextSequenceNumber();

 private:
  SnsBackend(storage::Store* store, delivery::Outbox* outbox, SnsOptions options);
  Status Load();
  // The stored signing key, or a new one, stored.
  Result<std::shared_ptr<const MessageSigner>> LoadOrGenerateSigner() const;

  storage::Store* store_;
  delivery::Outbox* outbox_;
  SnsOptions options_;
  storage::Namespace topics_ns_, subscriptions_ns_, dedup_ns_, meta_ns_, deliveries_ns_, records_ns_;
  // The last copy of an std::async future waits for its task, so the backend outlives it.
  std::shared_future<Result<std::shared_ptr<const MessageSigner>>> signer_;
  std::mutex mu_;
  SnsState state_;  // guarded by mu_
  std::mutex sequence_mu_;
  uint64_t last_sequence_ = 0;    // guarded by sequence_mu_
  uint64_t delivery_counter_ = 0;  // guarded by sequence_mu_
  size_t dedup_prune_at_ = 1024;   // guarded by mu_
};


}  // namespace skybox::services::sns
