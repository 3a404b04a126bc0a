#include "services/sns/sns_backend.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/crypto.h"
#include "base/log.h"

namespace skybox::services::sns {
namespace {

constexpr std::string_view kKeyPem = "signing_key_pem";
constexpr std::string_view kCertPem = "signing_cert_pem";

}  // namespace

SnsBackend::SnsBackend(storage::Store* store, delivery::Outbox* outbox, SnsOptions options)
    : store_(store), outbox_(outbox), options_(std::move(options)) {}

Result<std::shared_ptr<SnsBackend>> SnsBackend::Open(storage::Store* store, delivery::Outbox* outbox,
                                                     SnsOptions options) {
  std::shared_ptr<SnsBackend> backend(new SnsBackend(store, outbox, std::move(options)));
  SKYBOX_RETURN_IF_ERROR(backend->Load());
  return backend;
}

Status SnsBackend::Load() {
  SKYBOX_ASSIGN_OR_RETURN(topics_ns_, store_->OpenNamespace("sns_topics"));
  SKYBOX_ASSIGN_OR_RETURN(subscriptions_ns_, store_->OpenNamespace("sns_subscriptions"));
  SKYBOX_ASSIGN_OR_RETURN(dedup_ns_, store_->OpenNamespace("sns_dedup"));
  SKYBOX_ASSIGN_OR_RETURN(meta_ns_, store_->OpenNamespace("sns_meta"));
  SKYBOX_ASSIGN_OR_RETURN(deliveries_ns_, store_->OpenNamespace("sns_deliveries"));
  SKYBOX_ASSIGN_OR_RETURN(records_ns_, store_->OpenNamespace("sns_records"));
  signer_ = std::async(std::launch::async, [this] { return LoadOrGenerateSigner(); }).share();

  auto it = store_->NewIterator(topics_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (auto topic = DecodeTopic(it->value())) state_.topics[topic->arn] = std::move(*topic);
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  it = store_->NewIterator(subscriptions_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (auto s = DecodeSubscription(it->value())) state_.subscriptions[s->arn] = std::move(*s);
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  it = store_->NewIterator(records_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto doc = nlohmann::json::parse(it->value(), nullptr, false);
    if (doc.is_object()) state_.records[std::string(it->key())] = std::move(doc);
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  int64_t now = NowMs();
  it = store_->NewIterator(dedup_ns_);
  storage::WriteBatch expired;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto doc = nlohmann::json::parse(it->value(), nullptr, false);
    if (!doc.is_object() || doc.value("expires_ms", int64_t{0}) <= now) {
      expired.Delete(dedup_ns_, it->key());
      continue;
    }
    state_.dedup[std::string(it->key())] = DedupRecord{doc.value("expires_ms", int64_t{0}),
                                                       doc.value("message_id", std::string()),
                                                       doc.value("sequence_number", std::string())};
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  it.reset();
  if (!expired.empty()) SKYBOX_RETURN_IF_ERROR(store_->CommitAndWait(std::move(expired)));
  return Status::Ok();
}

void SnsBackend::PutTopic(storage::WriteBatch& batch, const Topic& topic) {
  batch.Put(topics_ns_, topic.arn, EncodeTopic(topic));
}

void SnsBackend::DeleteTopic(storage::WriteBatch& batch, const std::string& arn) { batch.Delete(topics_ns_, arn); }

void SnsBackend::PutSubscription(storage::WriteBatch& batch, const Subscription& subscription) {
  batch.Put(subscriptions_ns_, subscription.arn, EncodeSubscription(subscription));
}

void SnsBackend::DeleteSubscription(storage::WriteBatch& batch, const std::string& arn) {
  batch.Delete(subscriptions_ns_, arn);
}

void SnsBackend::PutDedup(storage::WriteBatch& batch, const std::string& key, const DedupRecord& record) {
  nlohmann::json doc{{"expires_ms", record.expires_ms},
                     {"message_id", record.message_id},
                     {"sequence_number", record.sequence_number}};
  batch.Put(dedup_ns_, key, doc.dump());
}

void SnsBackend::PruneDedup(storage::WriteBatch& batch) {
  if (state_.dedup.size() < dedup_prune_at_) return;
  int64_t now = NowMs();
  for (auto it = state_.dedup.begin(); it != state_.dedup.end();) {
    if (it->second.expires_ms <= now) {
      batch.Delete(dedup_ns_, it->first);
      it = state_.dedup.erase(it);
    } else {
      ++it;
    }
  }
  dedup_prune_at_ = std::max<size_t>(1024, 2 * state_.dedup.size());
}

void SnsBackend::PutRecord(storage::WriteBatch& batch, const std::string& key, const nlohmann::json& record) {
  batch.Put(records_ns_, key, record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SnsBackend::DeleteRecord(storage::WriteBatch& batch, const std::string& key) { batch.Delete(records_ns_, key); }

void SnsBackend::RecordDelivery(storage::WriteBatch& batch, nlohmann::json record) {
  uint64_t counter;
  {
    std::lock_guard<std::mutex> lock(sequence_mu_);
    counter = ++delivery_counter_;
  }
  int64_t now = NowMs();
  record["Timestamp"] = now;
  char key[48];
  std::snprintf(key, sizeof(key), "%020lld-%010llu", static_cast<long long>(now),
                static_cast<unsigned long long>(counter));
  batch.Put(deliveries_ns_, key, record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  // Every so often, drop what is older than the newest max_recorded_deliveries (stored ones; the
  // records in batches not yet committed come on top, until the next prune).
  const size_t keep = options_.max_recorded_deliveries;
  if (counter % std::max<size_t>(1, keep / 10) != 0) return;
  auto it = store_->NewIterator(deliveries_ns_);
  it->SeekToLast();
  for (size_t kept = 1; it->Valid() && kept < keep; ++kept) it->Prev();
  if (it->Valid()) batch.DeleteRange(deliveries_ns_, "", it->key());
}

nlohmann::json SnsBackend::RecordedDeliveries(size_t limit) {
  nlohmann::json out = nlohmann::json::array();
  auto it = store_->NewIterator(deliveries_ns_);
  for (it->SeekToLast(); it->Valid() && out.size() < limit; it->Prev()) {
    auto doc = nlohmann::json::parse(it->value(), nullptr, false);
    if (doc.is_object()) out.push_back(std::move(doc));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

void SnsBackend::Commit(storage::WriteBatch batch, std::vector<uint64_t> staged, std::function<void(Status)> done) {
  store_->Commit(std::move(batch), [this, staged = std::move(staged), done = std::move(done)](Status s) {
    if (s.ok() && !staged.empty()) outbox_->Committed(staged);
    if (!s.ok()) Log(LogLevel::kError, "sns commit failed", {{"error", s.ToString()}});
    done(s);
  });
}

int64_t SnsBackend::NowMs() const {
  if (options_.clock_ms) return options_.clock_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string SnsBackend::BaseUrl() const {
  return "http://" + (options_.endpoint ? options_.endpoint() : std::string("127.0.0.1:4566"));
}

std::string SnsBackend::SigningCertUrl(const MessageSigner& signer) const {
  return BaseUrl() + "/_skybox/sns/SimpleNotificationService-" + signer.cert_id() + ".pem";
}

Result<const MessageSigner*> SnsBackend::signer() const {
  const auto& signer = signer_.get();
  if (!signer.ok()) return signer.status();
  return signer->get();
}

Result<std::shared_ptr<const MessageSigner>> SnsBackend::LoadOrGenerateSigner() const {
  SKYBOX_ASSIGN_OR_RETURN(auto key, store_->Get(meta_ns_, kKeyPem));
  SKYBOX_ASSIGN_OR_RETURN(auto cert, store_->Get(meta_ns_, kCertPem));
  if (key && cert) {
    SKYBOX_ASSIGN_OR_RETURN(std::unique_ptr<MessageSigner> loaded, MessageSigner::FromPem(*key, *cert));
    return std::shared_ptr<const MessageSigner>(std::move(loaded));
  }
  auto generated = MessageSigner::Generate();
  if (!generated.ok()) {
    Log(LogLevel::kError, "SNS signing key generation failed", {{"error", generated.status().ToString()}});
    return generated.status();
  }
  storage::WriteBatch batch;
  batch.Put(meta_ns_, kKeyPem, (*generated)->key_pem());
  batch.Put(meta_ns_, kCertPem, (*generated)->cert_pem());
  // Not stored (the store is closing): this run still signs; the next start makes a new key.
  if (Status st = store_->CommitAndWait(std::move(batch)); !st.ok()) {
    Log(LogLevel::kWarn, "SNS signing key not stored", {{"error", st.ToString()}});
  }
  return std::shared_ptr<const MessageSigner>(std::move(generated).value());
}

std::string SnsBackend::NextSequenceNumber() {
  std::lock_guard<std::mutex> lock(sequence_mu_);
  uint64_t now_us = static_cast<uint64_t>(NowMs()) * 1000;
  last_sequence_ = std::max(last_sequence_ + 1, now_us);
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%020llu", static_cast<unsigned long long>(last_sequence_));
  return buf;
}

}  // namespace skybox::services::sns
