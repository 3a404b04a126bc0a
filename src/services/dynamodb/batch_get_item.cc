// BatchGetItem: up to 100 keys over any tables, read one by one; keys whose items would push the
// response past 16 MB come back in UnprocessedKeys for the client to ask again.
#include <set>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_pipeline.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

constexpr size_t kMaxKeys = 100;
// The response size limit. AWS's own example (100 items of 300 KB return 52) fixes the unit: a
// decimal 16 MB of item data, counted as DynamoDB sizes items.
constexpr size_t kMaxResponseBytes = 16'000'000;

// One table's entry of RequestItems as UnprocessedKeys repeats it: its read options, no keys yet.
aws::Document UnprocessedEntry(const aws::Document& request) {
  aws::Document entry = request;
  entry["Keys"] = aws::Document::array();
  return entry;
}

Result<aws::Document> RunBatchGet(Backend& db, const aws::Document& in) {
  const aws::Document& request_items = in["RequestItems"];
  size_t total = 0;
  for (const auto& [name, request] : request_items.items()) total += request["Keys"].size();
  if (total > kMaxKeys) return ValidationError("Too many items requested for the BatchGetItem call");
  std::string mode = in.value("ReturnConsumedCapacity", std::string());
  aws::Document out = {{"Responses", aws::Document::object()}, {"UnprocessedKeys", aws::Document::object()}};
  aws::Document consumed = aws::Document::array();
  size_t response_bytes = 0;
  bool full = false;  // once an item did not fit, every later key is unprocessed
  for (const auto& [name, request] : request_items.items()) {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, db.RequireTable(name));
    SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(request));
    SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(request));
    SKYBOX_ASSIGN_OR_RETURN(std::optional<Projection> projection, ReadProjection(request, attributes));
    SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
    bool consistent = request.value("ConsistentRead", false);
    std::set<std::string> seen;
    aws::Document items = aws::Document::array();
    aws::Document unprocessed = UnprocessedEntry(request);
    Capacity capacity;
    for (const auto& raw_key : request["Keys"]) {
      SKYBOX_ASSIGN_OR_RETURN(aws::Document key, CanonicalItem(raw_key));
      SKYBOX_RETURN_IF_ERROR(CheckKey(*table, key));
      if (!seen.insert(BaseItemKey(*table, key)).second) return ValidationError("Provided list of item keys contains duplicates");
      if (full) {
        unprocessed["Keys"].push_back(raw_key);
        continue;
      }
      SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> item, ReadItem(db, *table, key));
      std::optional<aws::Document> returned;
      if (item) returned = projection ? Project(*projection, *item) : *item;
      size_t returned_bytes = returned ? ItemSize(*returned) : 0;
      if (response_bytes + returned_bytes > kMaxResponseBytes) {
        full = true;
        unprocessed["Keys"].push_back(raw_key);
        continue;
      }
      response_bytes += returned_bytes;
      capacity.table += ReadUnits(item ? ItemSize(*item) : 0, consistent);
      if (returned) items.push_back(std::move(*returned));
    }
    out["Responses"][name] = std::move(items);
    if (!unprocessed["Keys"].empty()) out["UnprocessedKeys"][name] = std::move(unprocessed);
    if (auto c = ConsumedCapacity(mode, name, capacity)) consumed.push_back(std::move(*c));
  }
  if (!consumed.empty()) out["ConsumedCapacity"] = std::move(consumed);
  return out;
}

}  // namespace

void BatchGetItem(Backend& db, aws::Call call, aws::CallDone done) { done(RunBatchGet(db, call.input)); }

}  // namespace skybox::dynamodb
