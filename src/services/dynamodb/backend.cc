#include "services/dynamodb/backend.h"

#include <chrono>

#include "base/periodic_worker.h"
#include "services/dynamodb/key_encoding.h"
#include "services/dynamodb/operations.h"
#include "storage/iterator.h"

namespace skybox::dynamodb {

Status ResourceNotFound(std::string message) {
  return Status::Aws(StatusCode::kNotFound, 400, "ResourceNotFoundException", std::move(message));
}

Status ValidationError(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}

Status InvalidParameterValues(const std::string& message) {
  return ValidationError("One or more parameter values were invalid: " + message);
}

Result<std::shared_ptr<Backend>> Backend::Open(storage::Store* store, BackendOptions options) {
  std::shared_ptr<Backend> backend(new Backend(store, std::move(options)));
  SKYBOX_ASSIGN_OR_RETURN(backend->tables_ns_, store->OpenNamespace("dynamodb.tables"));
  SKYBOX_ASSIGN_OR_RETURN(backend->items_ns_, store->OpenNamespace("dynamodb.items"));
  SKYBOX_ASSIGN_OR_RETURN(backend->streams_ns_, store->OpenNamespace("dynamodb.streams"));
  SKYBOX_ASSIGN_OR_RETURN(backend->tokens_ns_, store->OpenNamespace("dynamodb.tokens"));
  SKYBOX_RETURN_IF_ERROR(backend->LoadClientRequestTokens());
  backend->locks_ = std::make_unique<ItemLocks>(store, backend->items_ns_);
  auto it = store->NewIterator(backend->tables_ns_);
  uint64_t max_id = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string name(it->key());
    auto stored = aws::Document::parse(it->value(), nullptr, false);
    SKYBOX_ASSIGN_OR_RETURN(TableInfo table, TableInfo::FromStored(name, stored));
    max_id = std::max(max_id, table.id);
    backend->tables_[name] = std::make_shared<const TableInfo>(std::move(table));
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  // Ids are never reused: a dropped table's range deletion may still be in flight.
  backend->next_table_id_ = max_id + 1;
  return backend;
}

std::shared_ptr<const TableInfo> Backend::FindTable(std::string_view name) const {
  std::lock_guard lock(mu_);
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const TableInfo>> Backend::RequireTable(std::string_view name_or_arn,
                                                               std::string_view message) const {
  std::string name = TableNameFromArnOrName(name_or_arn);
  // A plain name must be one CreateTable could have accepted: AWS rejects it before looking it up.
  // (The model's TableName member also admits ARNs, so the generic validator cannot check it.)
  if (name == name_or_arn) SKYBOX_RETURN_IF_ERROR(CheckTableName(name));
  auto table = FindTable(name);
  if (!table) return ResourceNotFound(std::string(message));
  return table;
}

std::vector<std::string> Backend::TableNames() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> names;
  for (const auto& [name, table] : tables_) names.push_back(name);
  return names;
}

void Backend::SaveTable(std::shared_ptr<const TableInfo> table, std::function<void(Status)> done,
                        storage::WriteBatch batch) {
  batch.Put(tables_ns_, table->name, table->ToStored().dump());
  {
    std::lock_guard lock(mu_);
    tables_[table->name] = table;
  }
  store_->Commit(std::move(batch), std::move(done));
}

void Backend::DropTable(const TableInfo& table, std::function<void(Status)> done) {
  storage::WriteBatch batch;
  batch.Delete(tables_ns_, table.name);
  batch.DeleteRange(items_ns_, IndexPrefix(table.id, 0), IndexPrefix(table.id + 1, 0));
  batch.DeleteRange(streams_ns_, StreamRecordKey(table.id, 0), StreamRecordKey(table.id + 1, 0));
  {
    std::lock_guard lock(mu_);
    tables_.erase(table.name);
  }
  store_->Commit(std::move(batch), std::move(done));
}

std::string Backend::TableArn(std::string_view table_name) const {
  return "arn:aws:dynamodb:" + options_.region + ":" + options_.account_id + ":table/" + std::string(table_name);
}

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

namespace {

constexpr double kTokenWindowSeconds = 600;

double Now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

}  // namespace

Status Backend::LoadClientRequestTokens() {
  double now = Now();
  storage::WriteBatch expired;
  auto it = store_->NewIterator(tokens_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto stored = aws::Document::parse(it->value(), nullptr, false);
    double at = stored.is_object() ? stored.value("at", 0.0) : 0.0;
    if (now - at > kTokenWindowSeconds) {
      expired.Delete(tokens_ns_, it->key());
    } else {
      tokens_[std::string(it->key())] = TokenClaim{stored.value("hash", std::string()), at};
    }
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  it.reset();
  // Expired records are deleted here, at start-up, and not by later transactions: a deletion
  // queued behind a new claim of the same token would erase that claim's record.
  return expired.empty() ? Status::Ok() : store_->CommitAndWait(std::move(expired));
}

Status Backend::ClaimClientRequestToken(const std::string& token, const std::string& request_hash) {
  double now = Now();
  std::lock_guard lock(mu_);
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    if (now - it->second.at <= kTokenWindowSeconds) {
      ++it;
      continue;
    }
    it = tokens_.erase(it);
  }
  auto [it, inserted] = tokens_.try_emplace(token, TokenClaim{request_hash, now});
  if (inserted) return Status::Ok();
  if (it->second.request_hash != request_hash) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "IdempotentParameterMismatchException",
                       "The request uses the same client token as a previous, but non-identical request.");
  }
  return Status(StatusCode::kAlreadyExists, "transaction already applied");
}

storage::WriteBatch Backend::ClientRequestTokenRecord(const std::string& token) {
  storage::WriteBatch batch;
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token);
  if (it != tokens_.end()) {
    aws::Document record = {{"hash", it->second.request_hash}, {"at", it->second.at}};
    batch.Put(tokens_ns_, token, record.dump());
  }
  return batch;
}

std::optional<Backend::TableCounts> Backend::CachedCounts(uint64_t table_id) {
  std::lock_guard lock(mu_);
  auto it = counts_.find(table_id);
  if (it == counts_.end() || std::chrono::steady_clock::now() >= it->second.valid_until) return std::nullopt;
  return it->second.counts;
}

void Backend::CacheCounts(uint64_t table_id, TableCounts counts, std::chrono::steady_clock::duration took) {
  if (took < std::chrono::milliseconds(10)) return;
  std::lock_guard lock(mu_);
  counts_[table_id] = {std::move(counts), std::chrono::steady_clock::now() + took * PeriodicWorker::kIdleFactor};
}

void Backend::ReleaseClientRequestToken(const std::string& token) {
  std::lock_guard lock(mu_);
  tokens_.erase(token);
}

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

Result<uint64_t> Backend::NextStreamSequence(uint64_t table_id) {
  auto it = next_stream_sequence_.find(table_id);
  if (it == next_stream_sequence_.end()) {
    // First use since start: continue after the last stored record (queued batches of this
    // table cannot exist yet, as they would have gone through here).
    uint64_t next = 1;
    std::string lower = StreamRecordKey(table_id, 0), upper = StreamRecordKey(table_id + 1, 0);
    auto last = store_->NewIterator(streams_ns_, {lower, upper});
    last->SeekToLast();
    if (last->Valid()) {
      uint64_t seq = 0;
      for (size_t i = 8; i < 16; ++i) seq = (seq << 8) | static_cast<unsigned char>(last->key()[i]);
      next = seq + 1;
    }
    SKYBOX_RETURN_IF_ERROR(last->status());
    it = next_stream_sequence_.emplace(table_id, next).first;
  }
  return it->second++;
}

}  // namespace skybox::dynamodb
