// ExecuteStatement: one PartiQL statement, run as the native Query/Scan/PutItem/UpdateItem/
// DeleteItem it translates to (a partition key IN (...) as one Query per value,
// partition_queries.cc). SELECT pages like Query/Scan; NextToken carries the LastEvaluatedKey
// (CBOR, base64).
#include "base/crypto.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/partiql/parser.h"

namespace skybox::dynamodb {
namespace {

using Handler = void (*)(Backend&, aws::Call, aws::CallDone);

struct NativeOperation {
  std::string_view name;
  Handler handler;
};
constexpr NativeOperation kNativeOperations[] = {
    {"Query", Query},           {"Scan", Scan},           {"GetItem", GetItem},
    {"PutItem", PutItem},       {"UpdateItem", UpdateItem}, {"DeleteItem", DeleteItem},
};

Status DuplicateItem() {
  return Status::Aws(StatusCode::kAlreadyExists, 400, "DuplicateItemException", "Duplicate primary key exists in table");
}

}  // namespace

std::string EncodeNextToken(const aws::Document& position) {
  std::vector<uint8_t> cbor = aws::Document::to_cbor(position);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(cbor.data()), cbor.size()));
}

Result<aws::Document> DecodeNextToken(std::string_view token) {
  std::optional<std::string> bytes = Base64Decode(token);
  aws::Document key = bytes ? aws::Document::from_cbor(*bytes, true, false) : aws::Document();
  if (!key.is_object()) return ValidationError("Invalid NextToken");
  return key;
}

Result<PreparedStatement> PreparePartiql(Backend& db, std::string_view text, const aws::Document& parameters,
                                         bool point_read) {
  SKYBOX_ASSIGN_OR_RETURN(partiql::Statement statement, partiql::ParseStatement(text, parameters));
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, db.RequireTable(statement.table));
  const KeySchema* schema = &table->key;
  if (!statement.index.empty()) {
    const IndexInfo* index = table->FindIndex(statement.index);
    if (!index) return ResourceNotFound("Requested resource not found");
    schema = &index->key;
  }
  partiql::KeyNames keys{schema->hash.name, std::nullopt};
  if (schema->range) keys.range = schema->range->name;
  PreparedStatement prepared;
  prepared.kind = statement.kind;
  SKYBOX_ASSIGN_OR_RETURN(prepared.native, partiql::Translate(statement, keys, point_read));
  return prepared;
}

void RunPrepared(Backend& db, const aws::Call& call, PreparedStatement prepared, aws::CallDone done) {
  if (prepared.kind == partiql::Statement::Kind::kExists) {
    return done(ValidationError("EXISTS is supported only in ExecuteTransaction"));
  }
  aws::Call native = call;
  native.input = std::move(prepared.native.input);
  for (const NativeOperation& op : kNativeOperations) {
    if (op.name != prepared.native.operation) continue;
    native.operation = op.name;
    if (prepared.kind == partiql::Statement::Kind::kInsert) {
      done = [done = std::move(done)](Result<aws::Document> out) {
        if (!out.ok() && out.status().aws_code() == "ConditionalCheckFailedException") return done(DuplicateItem());
        done(std::move(out));
      };
    }
    return op.handler(db, std::move(native), std::move(done));
  }
  done(Status(StatusCode::kInternal, "no native operation " + prepared.native.operation));
}

void ExecuteStatement(Backend& db, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  auto prepared = PreparePartiql(db, in["Statement"].get<std::string>(), in.value("Parameters", aws::Document()),
                                 /*point_read=*/false);
  if (!prepared.ok()) return done(prepared.status());
  aws::Document& native = prepared->native.input;
  bool select = prepared->kind == partiql::Statement::Kind::kSelect;
  auto copy = [&](std::initializer_list<const char*> members) {
    for (const char* member : members) {
      if (in.contains(member)) native[member] = in[member];
    }
  };
  copy({"ReturnConsumedCapacity"});
  if (select) {
    copy({"ConsistentRead", "Limit"});
  } else {
    copy({"ReturnValuesOnConditionCheckFailure"});
  }
  std::optional<aws::Document> position;
  if (select && in.contains("NextToken")) {
    auto decoded = DecodeNextToken(in["NextToken"].get_ref<const std::string&>());
    if (!decoded.ok()) return done(decoded.status());
    position = std::move(*decoded);
  }
  if (!prepared->native.partition_values.empty()) {
    return RunPartitionQueries(db, call, std::move(prepared->native), position, std::move(done));
  }
  if (position) native["ExclusiveStartKey"] = std::move(*position);
  RunPrepared(db, call, std::move(*prepared), [select, done = std::move(done)](Result<aws::Document> out) {
    if (!out.ok()) return done(std::move(out));
    // A write's Items is the image its RETURNING clause asked for (ReturnValues' Attributes).
    aws::Document result = {{"Items", select ? (*out)["Items"] : aws::Document::array()}};
    if (!select && out->contains("Attributes")) result["Items"].push_back(std::move((*out)["Attributes"]));
    if (out->contains("ConsumedCapacity")) result["ConsumedCapacity"] = (*out)["ConsumedCapacity"];
    if (out->contains("LastEvaluatedKey")) {
      result["NextToken"] = EncodeNextToken((*out)["LastEvaluatedKey"]);
      result["LastEvaluatedKey"] = (*out)["LastEvaluatedKey"];
    }
    done(std::move(result));
  });
}

}  // namespace skybox::dynamodb
