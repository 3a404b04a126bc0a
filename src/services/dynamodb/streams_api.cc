// The dynamodbstreams API over the records write_pipeline.cc stores: each table stream has one
// shard holding every record since the stream was enabled (records are not trimmed after 24 h).
// Shard iterators are opaque: base64 of "<stream arn>|<next sequence number>".
#include "base/crypto.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/stream_records.h"

namespace skybox::dynamodb {
namespace {

constexpr int64_t kMaxRecords = 1000;

Status StreamNotFound(const std::string& arn) {
  return ResourceNotFound("Requested resource not found: Stream: " + arn + " not found");
}

Result<std::shared_ptr<const TableInfo>> TableOfStream(Backend& db, const std::string& arn) {
  auto table = db.FindTable(TableNameFromArnOrName(arn));
  if (!table || !HasStream(*table) || table->description.value("LatestStreamArn", std::string()) != arn) {
    return StreamNotFound(arn);
  }
  return table;
}

std::string ShardIdOf(const TableInfo& table) {
  return "shardId-" + SequenceNumberText(table.id).substr(1) + "-" + table.description.value("TableId", std::string("00000000")).substr(0, 8);
}

uint64_t LastSequence(Backend& db, uint64_t table_id) {
  auto it = db.store()->NewIterator(db.streams_ns(), {StreamRecordKey(table_id, 0), StreamRecordKey(table_id + 1, 0)});
  it->SeekToLast();
  if (!it->Valid()) return 0;
  uint64_t seq = 0;
  for (size_t i = 8; i < 16; ++i) seq = (seq << 8) | static_cast<unsigned char>(it->key()[i]);
  return seq;
}

std::string MakeIterator(const std::string& arn, uint64_t next) { return Base64Encode(arn + "|" + std::to_string(next)); }

aws::Document StreamSummary(const TableInfo& table) {
  return {{"StreamArn", table.description["LatestStreamArn"]},
          {"TableName", table.name},
          {"StreamLabel", table.description["LatestStreamLabel"]}};
}

}  // namespace

void ListStreams(Backend& db, aws::Call call, aws::CallDone done) {
  std::string only = call.input.value("TableName", std::string());
  int64_t limit = call.input.value("Limit", int64_t{100});
  std::string start = call.input.value("ExclusiveStartStreamArn", std::string());
  aws::Document streams = aws::Document::array();
  bool more = false;
  for (const std::string& name : db.TableNames()) {
    auto table = db.FindTable(name);
    if (!table || !HasStream(*table) || (!only.empty() && name != only)) continue;
    std::string arn = table->description["LatestStreamArn"].get<std::string>();
    if (!start.empty() && arn <= start) continue;
    if (static_cast<int64_t>(streams.size()) == limit) {
      more = true;
      break;
    }
    streams.push_back(StreamSummary(*table));
  }
  aws::Document out = {{"Streams", streams}};
  if (more) out["LastEvaluatedStreamArn"] = streams.back()["StreamArn"];
  done(std::move(out));
}

void DescribeStream(Backend& db, aws::Call call, aws::CallDone done) {
  std::string arn = call.input.value("StreamArn", std::string());
  auto table = TableOfStream(db, arn);
  if (!table.ok()) return done(table.status());
  const aws::Document& d = (*table)->description;
  aws::Document shard = {{"ShardId", ShardIdOf(**table)},
                         {"SequenceNumberRange", {{"StartingSequenceNumber", SequenceNumberText(1)}}}};
  aws::Document description = StreamSummary(**table);
  description["StreamStatus"] = "ENABLED";
  description["StreamViewType"] = d["StreamSpecification"].value("StreamViewType", std::string("KEYS_ONLY"));
  description["CreationRequestDateTime"] = std::stod(d["LatestStreamLabel"].get<std::string>()) / 1000.0;
  description["KeySchema"] = d["KeySchema"];
  description["Shards"] = {shard};
  done(aws::Document{{"StreamDescription", std::move(description)}});
}

void GetShardIterator(Backend& db, aws::Call call, aws::CallDone done) {
  std::string arn = call.input.value("StreamArn", std::string());
  auto table = TableOfStream(db, arn);
  if (!table.ok()) return done(table.status());
  std::string shard = call.input.value("ShardId", std::string());
  if (shard != ShardIdOf(**table)) {
    return done(ResourceNotFound("Requested resource not found: Shard does not exist"));
  }
  std::string type = call.input.value("ShardIteratorType", std::string());
  uint64_t next = 1;
  if (type == "LATEST") {
    next = LastSequence(db, (*table)->id) + 1;
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    std::string text = call.input.value("SequenceNumber", std::string());
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 21) {
      return done(ValidationError("Invalid SequenceNumber: " + text));
    }
    next = std::stoull(text) + (type == "AFTER_SEQUENCE_NUMBER" ? 1 : 0);
  }
  done(aws::Document{{"ShardIterator", MakeIterator(arn, next)}});
}

void GetRecords(Backend& db, aws::Call call, aws::CallDone done) {
  auto decoded = Base64Decode(call.input.value("ShardIterator", std::string()));
  size_t bar = decoded ? decoded->rfind('|') : std::string::npos;
  if (bar == std::string::npos || decoded->find_first_not_of("0123456789", bar + 1) != std::string::npos || bar + 1 == decoded->size()) {
    return done(ValidationError("Invalid ShardIterator"));
  }
  std::string arn = decoded->substr(0, bar);
  uint64_t next = std::stoull(decoded->substr(bar + 1));
  auto table = TableOfStream(db, arn);
  if (!table.ok()) return done(table.status());
  int64_t limit = std::min(call.input.value("Limit", kMaxRecords), kMaxRecords);
  uint64_t id = (*table)->id;
  auto it = db.store()->NewIterator(db.streams_ns(), {StreamRecordKey(id, next), StreamRecordKey(id + 1, 0)});
  aws::Document records = aws::Document::array();
  for (it->SeekToFirst(); it->Valid() && static_cast<int64_t>(records.size()) < limit; it->Next()) {
    aws::Document stored = aws::Document::parse(it->value(), nullptr, false);
    if (stored.is_discarded()) return done(Status(StatusCode::kDataLoss, "undecodable stream record"));
    next = stored["seq"].get<uint64_t>() + 1;
    records.push_back(StreamRecordOutput(stored, db.options().region));
  }
  if (!it->status().ok()) return done(it->status());
  done(aws::Document{{"Records", std::move(records)}, {"NextShardIterator", MakeIterator(arn, next)}});
}

}  // namespace skybox::dynamodb
