#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_pipeline.h"
#include "services/dynamodb/request_expressions.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
namespace {

Result<aws::Document> RunGetItem(Backend& db, const aws::Document& in) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, RequestTable(db, in));
  SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(in));
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_ASSIGN_OR_RETURN(std::optional<Projection> projection, ReadProjection(in, attributes));
  SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
  SKYBOX_ASSIGN_OR_RETURN(aws::Document key, CanonicalItem(in["Key"]));
  SKYBOX_RETURN_IF_ERROR(CheckKey(*table, key));
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> item, ReadItem(db, *table, key));
  aws::Document out = aws::Document::object();
  Capacity capacity;
  capacity.table = ReadUnits(item ? ItemSize(*item) : 0, in.value("ConsistentRead", false));
  if (item) out["Item"] = projection ? Project(*projection, *item) : std::move(*item);
  AddConsumedCapacity(in, table->name, capacity, &out);
  return out;
}

}  // namespace

void GetItem(Backend& db, aws::Call call, aws::CallDone done) { done(RunGetItem(db, call.input)); }

}  // namespace skybox::dynamodb
