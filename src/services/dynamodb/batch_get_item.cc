#include <set>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_pipeline.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

constexpr size_t kMaxKeys = 100;

Result<aws::Document> RunBatchGet(Backend& db, const aws::Document& in) {
  const aws::Document& request_items = in["RequestItems"];
  size_t total = 0;
  for (const auto& [name, request] : request_items.items()) total += request["Keys"].size();
  if (total > kMaxKeys) return ValidationError("Too many items requested for the BatchGetItem call");
  std::string mode = in.value("ReturnConsumedCapacity", std::string());
  aws::Document out = {{"Responses", aws::Document::object()}, {"UnprocessedKeys", aws::Document::object()}};
  aws::Document consumed = aws::Document::array();
  for (const auto& [name, request] : request_items.items()) {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, db.RequireTable(name));
    SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(request));
    SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(request));
    SKYBOX_ASSIGN_OR_RETURN(std::optional<Projection> projection, ReadProjection(request, attributes));
    SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
    bool consistent = request.value("ConsistentRead", false);
    std::set<std::string> seen;
    aws::Document items = aws::Document::array();
    Capacity capacity;
    for (const auto& raw_key : request["Keys"]) {
      SKYBOX_ASSIGN_OR_RETURN(aws::Document key, CanonicalItem(raw_key));
      SKYBOX_RETURN_IF_ERROR(CheckKey(*table, key));
      if (!seen.insert(BaseItemKey(*table, key)).second) return ValidationError("Provided list of item keys contains duplicates");
      SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> item, ReadItem(db, *table, key));
      capacity.table += ReadUnits(item ? ItemSize(*item) : 0, consistent);
      if (item) items.push_back(projection ? Project(*projection, *item) : std::move(*item));
    }
    out["Responses"][name] = std::move(items);
    if (auto c = ConsumedCapacity(mode, name, capacity)) consumed.push_back(std::move(*c));
  }
  if (!consumed.empty()) out["ConsumedCapacity"] = std::move(consumed);
  return out;
}

}  // namespace

void BatchGetItem(Backend& db, aws::Call call, aws::CallDone done) { done(RunBatchGet(db, call.input)); }

}  // namespace skybox::dynamodb
