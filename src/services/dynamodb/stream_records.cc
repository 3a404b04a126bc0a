#include "services/dynamodb/stream_records.h"

#include <cstdio>

#include "aws/protocol/timestamp.h"
#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"

namespace skybox::dynamodb {

bool HasStream(const TableInfo& table) {
  return table.description.contains("StreamSpecification") &&
         table.description["StreamSpecification"].value("StreamEnabled", false);
}

std::string NewStreamLabel(double epoch_seconds) {
  std::string iso = aws::FormatIso8601(epoch_seconds);  // "...T21:21:33.291Z"
  return iso.substr(0, iso.size() - 1);
}

double StreamLabelTime(const std::string& label) {
  if (!label.empty() && label.find_first_not_of("0123456789") == std::string::npos) return std::stod(label) / 1000.0;
  return aws::ParseTimestamp(label + "Z").value_or(0);
}

std::string SequenceNumberText(uint64_t sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%021llu", static_cast<unsigned long long>(sequence));
  return buf;
}

aws::Document MakeStreamRecord(const TableInfo& table, uint64_t sequence, const aws::Document* old_item,
                               const aws::Document* new_item, bool by_ttl) {
  std::string view = table.description["StreamSpecification"].value("StreamViewType", std::string("KEYS_ONLY"));
  const aws::Document& any = new_item ? *new_item : *old_item;
  aws::Document record = {{"seq", sequence},
                          {"eventName", !old_item ? "INSERT" : !new_item ? "REMOVE" : "MODIFY"},
                          {"Keys", KeyOf(table.key, any)},
                          {"StreamViewType", view}};
  auto now = std::chrono::system_clock::now().time_since_epoch();
  record["at"] = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  size_t size = ItemSize(record["Keys"]);
  if (new_item && (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES")) {
    record["NewImage"] = *new_item;
    size += ItemSize(*new_item);
  }
  if (old_item && (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES")) {
    record["OldImage"] = *old_item;
    size += ItemSize(*old_item);
  }
  record["SizeBytes"] = size;
  if (by_ttl) record["ttl"] = true;
  return record;
}

aws::Document StreamRecordOutput(const aws::Document& stored, const std::string& region) {
  uint64_t seq = stored["seq"].get<uint64_t>();
  aws::Document dynamodb = {{"ApproximateCreationDateTime", stored["at"]},
                            {"Keys", stored["Keys"]},
                            {"SequenceNumber", SequenceNumberText(seq)},
                            {"SizeBytes", stored["SizeBytes"]},
                            {"StreamViewType", stored["StreamViewType"]}};
  if (stored.contains("NewImage")) dynamodb["NewImage"] = stored["NewImage"];
  if (stored.contains("OldImage")) dynamodb["OldImage"] = stored["OldImage"];
  aws::Document record = {{"eventID", SequenceNumberText(seq)},
                          {"eventName", stored["eventName"]},
                          {"eventVersion", "1.1"},
                          {"eventSource", "aws:dynamodb"},
                          {"awsRegion", region},
                          {"dynamodb", std::move(dynamodb)}};
  if (stored.value("ttl", false)) {
    record["userIdentity"] = {{"Type", "Service"}, {"PrincipalId", "dynamodb.amazonaws.com"}};
  }
  return record;
}

}  // namespace skybox::dynamodb
