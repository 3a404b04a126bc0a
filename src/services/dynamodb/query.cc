#include "services/dynamodb/expr/key_condition.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_pipeline.h"

namespace skybox::dynamodb {
namespace {

std::optional<AttributeType> AsAttributeType(KeyType type) {
  return AttributeTypeFromName(KeyTypeName(type));
}

// Narrows the request's range to the partition and the sort-key condition. `legacy`: the
// condition came from KeyConditions, whose errors AWS words differently.
Status KeyRangeOf(const KeyCondition& condition, const KeySchema& schema, bool legacy, PageRequest* request) {
  std::string pk;
  SKYBOX_RETURN_IF_ERROR(AppendKeyValue(&pk, schema.hash.type, condition.partition_value));
  uint8_t index = request->index ? request->index->number : kBaseTable;
  std::string prefix = PartitionPrefix(request->table->id, index, pk);
  request->lower = prefix;
  request->upper = storage::PrefixEnd(prefix);
  if (!condition.sort_key) return Status::Ok();
  const SortKeyCondition& sk = *condition.sort_key;
  KeyType type = schema.range->type;
  auto bound = [&](const aws::Document& value) -> Result<std::string> {
    std::string out = prefix;
    SKYBOX_RETURN_IF_ERROR(AppendKeyValue(&out, type, value));
    return out;
  };
  switch (sk.op) {
    case SortKeyCondition::Op::kEq: {
      SKYBOX_ASSIGN_OR_RETURN(std::string b, bound(sk.value));
      request->lower = b;
      request->upper = storage::PrefixEnd(b);
      break;
    }
    case SortKeyCondition::Op::kLt: {
      SKYBOX_ASSIGN_OR_RETURN(request->upper, bound(sk.value));
      break;
    }
    case SortKeyCondition::Op::kLe: {
      SKYBOX_ASSIGN_OR_RETURN(std::string b, bound(sk.value));
      request->upper = storage::PrefixEnd(b);
      break;
    }
    case SortKeyCondition::Op::kGt: {
      SKYBOX_ASSIGN_OR_RETURN(std::string b, bound(sk.value));
      request->lower = storage::PrefixEnd(b);
      break;
    }
    case SortKeyCondition::Op::kGe: {
      SKYBOX_ASSIGN_OR_RETURN(request->lower, bound(sk.value));
      break;
    }
    case SortKeyCondition::Op::kBetween: {
      SKYBOX_ASSIGN_OR_RETURN(request->lower, bound(sk.value));
      SKYBOX_ASSIGN_OR_RETURN(std::string b, bound(sk.upper));
      request->upper = storage::PrefixEnd(b);
      break;
    }
    case SortKeyCondition::Op::kBeginsWith: {
      std::string p = prefix;
      if (sk.value.contains("S")) {
        AppendBytesKeyPrefix(&p, sk.value["S"].get_ref<const std::string&>());
      } else if (sk.value.contains("B")) {
        const auto& bytes = sk.value["B"].get_binary();
        AppendBytesKeyPrefix(&p, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      } else if (legacy) {
        return InvalidParameterValues("ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
      } else {
        return ValidationError("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
      }
      request->lower = p;
      request->upper = storage::PrefixEnd(p);
      break;
    }
  }
  return Status::Ok();
}

// The first key attribute of `schema` that `operand` reads, if any.
const std::string* KeyAttributeIn(const Operand& operand, const KeySchema& schema) {
  if ((operand.kind == Operand::Kind::kPath || operand.kind == Operand::Kind::kSize) && !operand.path.elements.empty()) {
    const std::string& name = operand.path.attribute();
    if (name == schema.hash.name || (schema.range && name == schema.range->name)) return &name;
  }
  for (const Operand& arg : operand.args) {
    if (const std::string* found = KeyAttributeIn(arg, schema)) return found;
  }
  return nullptr;
}

const std::string* KeyAttributeIn(const Condition& condition, const KeySchema& schema) {
  for (const Operand& operand : condition.operands) {
    if (const std::string* found = KeyAttributeIn(operand, schema)) return found;
  }
  for (const Condition& child : condition.children) {
    if (const std::string* found = KeyAttributeIn(child, schema)) return found;
  }
  return nullptr;
}

// A Query's filter may not read the queried table's or index's key attributes (they belong in
// the key condition); DynamoDB rejects the request.
Status CheckFilterAvoidsKeys(const aws::Document& in, const std::optional<Condition>& filter, const KeySchema& schema) {
  if (!filter) return Status::Ok();
  const std::string* key = KeyAttributeIn(*filter, schema);
  if (key == nullptr) return Status::Ok();
  std::string_view parameter = in.contains("FilterExpression") ? "Filter Expression" : "QueryFilter";
  return ValidationError(std::string(parameter) + " can only contain non-primary key attributes: Primary key attribute: " + *key);
}

Result<aws::Document> RunQuery(Backend& db, const aws::Document& in) {
  PageRequest request;
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_RETURN_IF_ERROR(ParseReadRequest(db, in, "QueryFilter", attributes, &request));
  KeyCondition condition;
  if (in.contains("KeyConditionExpression")) {
    SKYBOX_ASSIGN_OR_RETURN(condition, ParseKeyCondition(in["KeyConditionExpression"].get<std::string>(), attributes));
  } else if (in.contains("KeyConditions")) {
    SKYBOX_ASSIGN_OR_RETURN(condition, KeyConditionFromLegacy(in["KeyConditions"]));
  } else {
    return ValidationError("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  }
  SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
  const KeySchema& schema = request.index ? request.index->key : request.table->key;
  SKYBOX_RETURN_IF_ERROR(CheckFilterAvoidsKeys(in, request.filter, schema));
  std::optional<std::string_view> sort_name;
  std::optional<AttributeType> sort_type;
  if (schema.range) {
    sort_name = schema.range->name;
    sort_type = AsAttributeType(schema.range->type);
  }
  SKYBOX_ASSIGN_OR_RETURN(condition, CheckKeySchema(std::move(condition), schema.hash.name, sort_name,
                                                    AsAttributeType(schema.hash.type), sort_type));
  request.forward = in.value("ScanIndexForward", true);
  SKYBOX_RETURN_IF_ERROR(KeyRangeOf(condition, schema, !in.contains("KeyConditionExpression"), &request));
  SKYBOX_RETURN_IF_ERROR(ApplyExclusiveStartKey(in, &request));
  if (request.lower >= request.upper) return PageOutput(in, request, Page{});
  SKYBOX_ASSIGN_OR_RETURN(Page page, ReadPage(db, request));
  return PageOutput(in, request, std::move(page));
}

}  // namespace

void Query(Backend& db, aws::Call call, aws::CallDone done) { done(RunQuery(db, call.input)); }

}  // namespace skybox::dynamodb
