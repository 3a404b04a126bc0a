// The dynamodbstreams API over the records write_pipeline.cc stores: each table stream has one
// shard holding every record since the stream was enabled (records are not trimmed after 24 h).
// A disabled stream stays readable (StreamStatus DISABLED, its shard closed) for 24 hours, until
// a new stream is enabled on the table.
// Shard iterators are opaque: base64 of "<stream arn>|<next sequence number>".
#include "base/crypto.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/stream_records.h"

namespace skybox::dynamodb {
namespace {

constexpr int64_t kMaxRecords = 1000;

constexpr double kDisabledStreamSeconds = 24 * 3600;

Status StreamNotFound(const std::string& arn) {
  return ResourceNotFound("Requested resource not found: Stream: " + arn + " not found");
}

// One stream of a table: the enabled one, or the one disabled in the last 24 hours.
struct Stream {
  std::shared_ptr<const TableInfo> table;
  std::string arn;
  std::string label;
  std::string view_type;
  bool enabled = true;
};

// The table's readable streams (at most the enabled one and the last disabled one).
std::vector<Stream> StreamsOf(const std::shared_ptr<const TableInfo>& table) {
  std::vector<Stream> streams;
  const aws::Document& d = table->description;
  const aws::Document& off = table->disabled_stream;
  if (off.is_object() && NowSeconds() - off.value("disabled_at", 0.0) < kDisabledStreamSeconds) {
    streams.push_back({table, off.value("arn", std::string()), off.value("label", std::string()),
                       off.value("view_type", std::string("KEYS_ONLY")), false});
  }
  if (HasStream(*table)) {
    streams.push_back({table, d.value("LatestStreamArn", std::string()), d.value("LatestStreamLabel", std::string()),
                       d["StreamSpecification"].value("StreamViewType", std::string("KEYS_ONLY")), true});
  }
  return streams;
}

// A StreamArn that is not an ARN at all is a bad request; a well-formed one of no stream is
// ResourceNotFound.
Status CheckStreamArn(const std::string& arn) {
  return arn.starts_with("arn:") ? Status::Ok() : ValidationError("Invalid StreamArn");
}

Result<Stream> FindStream(Backend& db, const std::string& arn) {
  SKYBOX_RETURN_IF_ERROR(CheckStreamArn(arn));
  auto table = db.FindTable(TableNameFromArnOrName(arn));
  if (table) {
    for (Stream& stream : StreamsOf(table)) {
      if (stream.arn == arn) return stream;
    }
  }
  return StreamNotFound(arn);
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

aws::Document StreamSummary(const Stream& stream) {
  return {{"StreamArn", stream.arn}, {"TableName", stream.table->name}, {"StreamLabel", stream.label}};
}

}  // namespace

void ListStreams(Backend& db, aws::Call call, aws::CallDone done) {
  std::string only = call.input.value("TableName", std::string());
  int64_t limit = call.input.value("Limit", int64_t{100});
  std::string start = call.input.value("ExclusiveStartStreamArn", std::string());
  if (!start.empty()) {
    if (Status s = CheckStreamArn(start); !s.ok()) return done(s);
  }
  aws::Document streams = aws::Document::array();
  bool more = false;
  for (const std::string& name : db.TableNames()) {
    auto table = db.FindTable(name);
    if (!table || (!only.empty() && name != only)) continue;
    for (const Stream& stream : StreamsOf(table)) {
      if (!start.empty() && stream.arn <= start) continue;
      if (static_cast<int64_t>(streams.size()) == limit) {
        more = true;
        break;
      }
      streams.push_back(StreamSummary(stream));
    }
    if (more) break;
  }
  aws::Document out = {{"Streams", streams}};
  if (more) out["LastEvaluatedStreamArn"] = streams.back()["StreamArn"];
  done(std::move(out));
}

void DescribeStream(Backend& db, aws::Call call, aws::CallDone done) {
  std::string arn = call.input.value("StreamArn", std::string());
  auto stream = FindStream(db, arn);
  if (!stream.ok()) return done(stream.status());
  const TableInfo& table = *stream->table;
  aws::Document range = {{"StartingSequenceNumber", SequenceNumberText(1)}};
  // A disabled stream's shard is closed: no record follows its last one.
  if (!stream->enabled) range["EndingSequenceNumber"] = SequenceNumberText(LastSequence(db, table.id));
  aws::Document shard = {{"ShardId", ShardIdOf(table)}, {"SequenceNumberRange", std::move(range)}};
  aws::Document description = StreamSummary(*stream);
  description["StreamStatus"] = stream->enabled ? "ENABLED" : "DISABLED";
  description["StreamViewType"] = stream->view_type;
  description["CreationRequestDateTime"] = StreamLabelTime(stream->label);
  description["KeySchema"] = table.description["KeySchema"];
  // Shards after ExclusiveStartShardId (in ShardId order): none once the one shard was listed.
  std::string after = call.input.value("ExclusiveStartShardId", std::string());
  description["Shards"] = aws::Document::array();
  if (after.empty() || shard["ShardId"].get<std::string>() > after) description["Shards"].push_back(std::move(shard));
  done(aws::Document{{"StreamDescription", std::move(description)}});
}

void GetShardIterator(Backend& db, aws::Call call, aws::CallDone done) {
  std::string arn = call.input.value("StreamArn", std::string());
  auto stream = FindStream(db, arn);
  if (!stream.ok()) return done(stream.status());
  const TableInfo& table = *stream->table;
  std::string shard = call.input.value("ShardId", std::string());
  if (shard != ShardIdOf(table)) {
    return done(ResourceNotFound("Requested resource not found: Shard does not exist"));
  }
  std::string type = call.input.value("ShardIteratorType", std::string());
  uint64_t next = 1;
  bool positional = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
  if (!positional && call.input.contains("SequenceNumber")) {
    return done(ValidationError("SequenceNumber may only be given with ShardIteratorType AT_SEQUENCE_NUMBER or "
                                "AFTER_SEQUENCE_NUMBER, not " + type));
  }
  if (type == "LATEST") {
    next = LastSequence(db, table.id) + 1;
  } else if (positional) {
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
  auto stream = FindStream(db, arn);
  if (!stream.ok()) return done(stream.status());
  int64_t limit = call.input.value("Limit", kMaxRecords);
  if (limit > kMaxRecords) {
    return done(ValidationError("1 validation error detected: Value '" + std::to_string(limit) +
                                "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to " +
                                std::to_string(kMaxRecords)));
  }
  uint64_t id = stream->table->id;
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
