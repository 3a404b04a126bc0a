#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_pipeline.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

Result<aws::Document> RunTransactGet(Backend& db, const aws::Document& in) {
  // One snapshot: every item is read at the same point in time.
  std::shared_ptr<const storage::Snapshot> snapshot = db.store()->GetSnapshot();
  aws::Document responses = aws::Document::array();
  std::map<std::string, Capacity> per_table;
  for (const auto& entry : in["TransactItems"]) {
    const aws::Document& get = entry["Get"];
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, db.RequireTable(get.value("TableName", std::string())));
    SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(get));
    SKYBOX_ASSIGN_OR_RETURN(std::optional<Projection> projection, ReadProjection(get, attributes));
    SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
    SKYBOX_ASSIGN_OR_RETURN(aws::Document key, CanonicalItem(get["Key"]));
    SKYBOX_RETURN_IF_ERROR(CheckKey(*table, key));
    SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> item, ReadItem(db, *table, key, snapshot.get()));
    per_table[table->name].table += 2 * ReadUnits(item ? ItemSize(*item) : 0, true);
    aws::Document response = aws::Document::object();
    if (item) response["Item"] = projection ? Project(*projection, *item) : std::move(*item);
    responses.push_back(std::move(response));
  }
  aws::Document out = {{"Responses", std::move(responses)}};
  aws::Document consumed = aws::Document::array();
  for (const auto& [name, capacity] : per_table) {
    if (auto c = ConsumedCapacity(in.value("ReturnConsumedCapacity", std::string()), name, capacity)) consumed.push_back(*c);
  }
  if (!consumed.empty()) out["ConsumedCapacity"] = std::move(consumed);
  return out;
}

}  // namespace

void TransactGetItems(Backend& db, aws::Call call, aws::CallDone done) { done(RunTransactGet(db, call.input)); }

}  // namespace skybox::dynamodb
