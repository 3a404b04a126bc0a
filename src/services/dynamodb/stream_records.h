// DynamoDB Streams records: what a write adds to its table's stream, in the same WriteBatch as
// the item change (so a record exists exactly when its change does), and their wire form.
//
// A stored record is JSON: {"seq", "eventName", "at", "Keys", "NewImage"?, "OldImage"?,
// "SizeBytes", "StreamViewType", "ttl"?}; images are included as the table's StreamViewType asks.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>

#include "aws/protocol/document.h"
#include "services/dynamodb/table.h"

namespace skybox::dynamodb {

// True when `table` has an enabled stream.
bool HasStream(const TableInfo& table);

// The stored record of a change (old/new item, either may be absent but not both).
// `by_ttl` marks deletions done by the TTL worker (they carry the service's userIdentity).
aws::Document MakeStreamRecord(const TableInfo& table, uint64_t sequence, const aws::Document* old_item,
                               const aws::Document* new_item, bool by_ttl);

// The Record shape of GetRecords for a stored record.
aws::Document StreamRecordOutput(const aws::Document& stored, const std::string& region);

// A new stream's label, as DynamoDB writes it: the creation time "2015-05-11T21:21:33.291" (UTC).
std::string NewStreamLabel(double epoch_seconds);
// The creation time (epoch seconds) a label names; also reads the epoch-millisecond labels of
// tables created by earlier builds.
double StreamLabelTime(const std::string& label);

// The sequence number's wire form (a fixed-width decimal string, ordered like the numbers).
std::string SequenceNumberText(uint64_t sequence);

}  // namespace skybox::dynamodb
