// Backend: the state every DynamoDB handler shares — the store and its namespaces, the catalog of
// tables (in memory, loaded at startup, persisted on every change) and the item locks.
//
// Storage namespaces:
//   "dynamodb.tables" : table name -> TableInfo::ToStored() JSON
//   "dynamodb.items"  : base items and index entries (layout in key_encoding.h), values are the
//                       items (or projected index items) as CBOR
//   "dynamodb.streams": stream records, StreamRecordKey(table id, sequence) -> record JSON
//   "dynamodb.tokens" : TransactWriteItems ClientRequestTokens, token -> {"hash", "at"} JSON
//
// Control-plane changes hold ddl_mutex() while they validate, publish the new TableInfo and
// queue its commit. Publishing before the commit is durable is safe: any later write that uses
// the table commits after it (commit order), and the client is answered only once durable.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/item_locks.h"
#include "services/dynamodb/table.h"
#include "storage/store.h"

namespace skybox::dynamodb {

struct BackendOptions {
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  // How often the TTL worker looks for expired items (ttl_worker.h).
  std::chrono::milliseconds ttl_interval{1000};
};

class Backend {
 public:
  // Opens the namespaces and loads every table's metadata.
  static Result<std::shared_ptr<Backend>> Open(storage::Store* store, BackendOptions options);

  storage::Store* store() const { return store_; }
  storage::Namespace tables_ns() const { return tables_ns_; }
  storage::Namespace items_ns() const { return items_ns_; }
  storage::Namespace streams_ns() const { return streams_ns_; }
  const BackendOptions& options() const { return options_; }
  ItemLocks& locks() { return *locks_; }

  // The table called `name`, or nullptr.
  std::shared_ptr<const TableInfo> FindTable(std::string_view name) const;
  // The table named by a request's table member (a name or a table ARN): ValidationException
  // for a name AWS could never have created (length 3-255, [a-zA-Z0-9_.-]), else
  // ResourceNotFoundException with `message` (AWS words it per operation) when there is none.
  // Every data-plane operation resolves its tables here.
  Result<std::shared_ptr<const TableInfo>> RequireTable(std::string_view name_or_arn,
                                                        std::string_view message = "Requested resource not found") const;
  // Table names in ascending order.
  std::vector<std::string> TableNames() const;

  // --- control plane (callers hold ddl_mutex()) ---
  std::mutex& ddl_mutex() { return ddl_mu_; }
  uint64_t AllocateTableId() { return next_table_id_++; }
  // Publishes `table` and queues its persistence together with `batch` (e.g. an index
  // backfill) as one atomic commit; `done` runs once durable.
  void SaveTable(std::shared_ptr<const TableInfo> table, std::function<void(Status)> done,
                 storage::WriteBatch batch = {});
  // Unpublishes the table and queues the removal of its metadata, items and index entries.
  void DropTable(const TableInfo& table, std::function<void(Status)> done);

  std::string TableArn(std::string_view table_name) const;

  // DescribeTable's ItemCount/size figures per index number (kBaseTable for the table), counted
  // by scanning. A count whose scan took long is reused for nine times that long (DynamoDB
  // itself refreshes these figures only every six hours), so a large table is not rescanned on
  // every DescribeTable; a scan under 10 ms is not kept, so small tables are always exact.
  struct EntryCounts {
    int64_t items = 0;
    int64_t bytes = 0;
  };
  using TableCounts = std::map<uint8_t, EntryCounts>;
  std::optional<TableCounts> CachedCounts(uint64_t table_id);
  void CacheCounts(uint64_t table_id, TableCounts counts, std::chrono::steady_clock::duration took);

  // Stream sequence numbers must follow commit order, so a writer to a table with a stream holds
  // stream_mutex() from NextStreamSequence until its batch is queued.
  std::mutex& stream_mutex() { return stream_mu_; }
  // The next sequence number of `table_id`'s stream (from 1; continues after a restart).
  Result<uint64_t> NextStreamSequence(uint64_t table_id);  // REQUIRES stream_mutex()

  // TransactWriteItems idempotency: claims `token` for a request whose canonical form hashes to
  // `request_hash`. Returns kAlreadyExists when the token was used for the same request in the
  // last 10 minutes (the caller answers success without writing again), and AWS's
  // IdempotentParameterMismatchException when it was used for a different one. A claim is in
  // memory until the transaction adds ClientRequestTokenRecord to its own batch: committed tokens
  // survive a restart (loaded by Open), for the rest of their 10 minutes.
  Status ClaimClientRequestToken(const std::string& token, const std::string& request_hash);
  // The storage of a claimed `token`, to commit in the batch of the transaction that claimed it.
  storage::WriteBatch ClientRequestTokenRecord(const std::string& token);
  // Forgets a claim whose transaction did not commit.
  void ReleaseClientRequestToken(const std::string& token);

 private:
  Backend(storage::Store* store, BackendOptions options) : store_(store), options_(std::move(options)) {}
  // Loads the stored ClientRequestTokens still in their window and deletes the expired ones.
  Status LoadClientRequestTokens();

  storage::Store* store_;
  BackendOptions options_;
  storage::Namespace tables_ns_, items_ns_, streams_ns_, tokens_ns_;
  std::unique_ptr<ItemLocks> locks_;
  std::mutex ddl_mu_;
  std::atomic<uint64_t> next_table_id_{1};
  std::mutex stream_mu_;
  std::map<uint64_t, uint64_t> next_stream_sequence_;  // GUARDED_BY(stream_mu_)
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_;  // GUARDED_BY(mu_)
  struct TokenClaim {
    std::string request_hash;
    double at = 0;
  };
  std::map<std::string, TokenClaim> tokens_;  // GUARDED_BY(mu_)
  struct CachedTableCounts {
    TableCounts counts;
    std::chrono::steady_clock::time_point valid_until;
  };
  std::map<uint64_t, CachedTableCounts> counts_;  // GUARDED_BY(mu_)
};

// AWS's ResourceNotFoundException.
Status ResourceNotFound(std::string message);
// ValidationException with `message`.
Status ValidationError(std::string message);
// ValidationException "One or more parameter values were invalid: <message>".
Status InvalidParameterValues(const std::string& message);

}  // namespace skybox::dynamodb
