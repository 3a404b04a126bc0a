#include <chrono>
#include <set>
#include <string_view>

#include "aws/protocol/validation.h"
#include "base/uuid.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/stream_records.h"

namespace skybox::dynamodb {
namespace {

std::string JoinNames(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Status CheckProjection(const aws::Document& spec) {
  const aws::Document& projection = spec["Projection"];
  std::string type = projection.value("ProjectionType", std::string());
  if (type.empty()) return InvalidParameterValues("Unknown ProjectionType: null");
  if (type == "INCLUDE" && !projection.contains("NonKeyAttributes")) {
    return InvalidParameterValues("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  if (type != "INCLUDE" && projection.contains("NonKeyAttributes")) {
    return InvalidParameterValues("ProjectionType is " + type + ", but NonKeyAttributes is specified");
  }
  return Status::Ok();
}

Status CheckThroughput(const aws::Document& throughput) {
  for (const char* member : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
    if (throughput.value(member, int64_t{0}) < 1) {
      return InvalidParameterValues("The given value " + std::to_string(throughput.value(member, int64_t{0})) + " for " + member +
                     " is out of bounds");
    }
  }
  return Status::Ok();
}

void KeyNames(const aws::Document& key_schema, std::set<std::string>* out) {
  for (const auto& e : key_schema) out->insert(e.value("AttributeName", std::string()));
}

// AWS's message for a required member that is absent, e.g. "Value null at 'keySchema' ...".
Status MissingMember(std::string_view member) {
  return ValidationError("1 validation error detected: Value null at '" + aws::ValidationPathName(member) +
                         "' failed to satisfy constraint: Member must not be null");
}

// A table's primary key has at most two attributes (only GSIs take multi-attribute keys); AWS
// renders the list as Java's toString of the elements.
Status CheckTableKeySchemaLength(const aws::Document& key_schema) {
  if (key_schema.size() <= 2) return Status::Ok();
  std::string rendered;
  for (const auto& e : key_schema) {
    rendered += std::string(rendered.empty() ? "" : ", ") + "KeySchemaElement(attributeName=" +
                e.value("AttributeName", std::string()) + ", keyType=" + e.value("KeyType", std::string()) + ")";
  }
  return ValidationError("1 validation error detected: Value '[" + rendered +
                         "]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2");
}

// Validates the request and builds the stored TableInfo (everything but the id).
Result<TableInfo> BuildTable(Backend& db, const aws::Document& in) {
  TableInfo table;
  table.name = in.value("TableName", std::string());
  SKYBOX_RETURN_IF_ERROR(CheckTableName(table.name));
  std::string billing = in.value("BillingMode", std::string("PROVISIONED"));
  bool on_demand = billing == "PAY_PER_REQUEST";
  const aws::Document* throughput = in.contains("ProvisionedThroughput") ? &in["ProvisionedThroughput"] : nullptr;
  if (on_demand && throughput) {
    return InvalidParameterValues("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  if (!on_demand && !throughput) {
    return InvalidParameterValues("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  }
  if (throughput) SKYBOX_RETURN_IF_ERROR(CheckThroughput(*throughput));

  // The model no longer marks these required (multi-attribute GSI keys), but a table needs both.
  for (const char* member : {"AttributeDefinitions", "KeySchema"}) {
    if (!in.contains(member) || in[member].is_null()) return MissingMember(member);
  }
  const aws::Document& key_schema = in["KeySchema"];
  SKYBOX_RETURN_IF_ERROR(CheckTableKeySchemaLength(key_schema));
  SKYBOX_RETURN_IF_ERROR(CheckKeySchemaShape(key_schema));
  const aws::Document& definitions = in["AttributeDefinitions"];
  std::set<std::string> defined;
  for (const auto& d : definitions) {
    std::string name = d.value("AttributeName", std::string());
    if (!defined.insert(name).second) return ValidationError("Attribute Name is duplicated: " + name);
  }
  std::set<std::string> key_names;
  KeyNames(key_schema, &key_names);

  std::string arn = db.TableArn(table.name);
  aws::Document d = aws::Document::object();
  d["TableName"] = table.name;
  d["AttributeDefinitions"] = definitions;
  d["KeySchema"] = key_schema;
  d["TableStatus"] = "ACTIVE";
  d["CreationDateTime"] = NowSeconds();
  d["ProvisionedThroughput"] = ThroughputDescription(throughput);
  d["TableArn"] = arn;
  d["TableId"] = NewUuidV4();
  if (on_demand) d["BillingModeSummary"] = {{"BillingMode", billing}, {"LastUpdateToPayPerRequestDateTime", d["CreationDateTime"]}};
  d["DeletionProtectionEnabled"] = in.value("DeletionProtectionEnabled", false);

  std::set<std::string> index_names;
  bool has_range = key_schema.size() > 1;
  std::string hash_name = key_schema[0].value("AttributeName", std::string());
  if (in.contains("LocalSecondaryIndexes")) {
    if (!has_range) {
      return InvalidParameterValues("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
    }
    for (const auto& spec : in["LocalSecondaryIndexes"]) {
      std::string name = spec.value("IndexName", std::string());
      SKYBOX_RETURN_IF_ERROR(CheckTableName(name, "indexName"));
      if (!index_names.insert(name).second) return InvalidParameterValues("Duplicate index name: " + name);
      SKYBOX_RETURN_IF_ERROR(CheckKeySchemaShape(spec["KeySchema"]));
      if (spec["KeySchema"].size() != 2) return InvalidParameterValues("Index KeySchema does not have a range key for index: " + name);
      std::string index_hash = spec["KeySchema"][0].value("AttributeName", std::string());
      if (index_hash != hash_name) {
        return InvalidParameterValues("Index KeySchema does not have the same leading hash key as table KeySchema for index: " + name +
                       ". index hash key: " + index_hash + ", table hash key: " + hash_name);
      }
      SKYBOX_RETURN_IF_ERROR(CheckProjection(spec));
      KeyNames(spec["KeySchema"], &key_names);
      aws::Document index = {{"IndexName", name}, {"KeySchema", spec["KeySchema"]}, {"Projection", spec["Projection"]},
                             {"IndexSizeBytes", 0}, {"ItemCount", 0}, {"IndexArn", arn + "/index/" + name}};
      d["LocalSecondaryIndexes"].push_back(index);
    }
  }
  if (in.contains("GlobalSecondaryIndexes")) {
    for (const auto& spec : in["GlobalSecondaryIndexes"]) {
      std::string name = spec.value("IndexName", std::string());
      if (!index_names.insert(name).second) return InvalidParameterValues("Duplicate index name: " + name);
      SKYBOX_ASSIGN_OR_RETURN(aws::Document index, GlobalIndexDescription(spec, on_demand, arn));
      KeyNames(spec["KeySchema"], &key_names);
      d["GlobalSecondaryIndexes"].push_back(index);
    }
  }
  std::set<std::string> undefined;
  for (const auto& name : key_names) {
    if (!defined.count(name)) undefined.insert(name);
  }
  if (!undefined.empty()) {
    return InvalidParameterValues("Some index key attributes are not defined in AttributeDefinitions. Keys: [" + JoinNames(undefined) +
                   "], AttributeDefinitions: [" + JoinNames(defined) + "]");
  }
  if (key_names.size() != defined.size()) {
    return InvalidParameterValues("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
  }

  if (in.contains("StreamSpecification")) {
    const aws::Document& stream = in["StreamSpecification"];
    bool enabled = stream.value("StreamEnabled", false);
    if (enabled && !stream.contains("StreamViewType")) {
      return ValidationError("1 validation error detected: Value null at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must not be null");
    }
    if (enabled) {
      d["StreamSpecification"] = stream;
      std::string label = NewStreamLabel(NowSeconds());
      d["LatestStreamLabel"] = label;
      d["LatestStreamArn"] = arn + "/stream/" + label;
    }
  }
  if (in.contains("SSESpecification") && in["SSESpecification"].value("Enabled", false)) {
    const aws::Document& sse = in["SSESpecification"];
    std::string key = sse.value("KMSMasterKeyId", std::string("alias/aws/dynamodb"));
    d["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", "KMS"},
                           {"KMSMasterKeyArn", key.substr(0, 4) == "arn:" ? key
                                                   : "arn:aws:kms:" + db.options().region + ":" + db.options().account_id + ":key/" + key}};
  }
  if (in.contains("TableClass")) d["TableClassSummary"] = {{"TableClass", in["TableClass"]}};
  if (in.contains("Tags")) SKYBOX_RETURN_IF_ERROR(table.ApplyTags(in["Tags"]));
  table.description = std::move(d);
  aws::Document numbers = aws::Document::object();
  for (const auto& name : index_names) numbers[name] = table.next_index_number++;
  SKYBOX_RETURN_IF_ERROR(table.Rebuild(numbers));
  return table;
}

}  // namespace

double NowSeconds() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()) / 1000.0;
}

Status CheckKeySchemaShape(const aws::Document& key_schema) {
  if (key_schema.empty() || key_schema[0].value("KeyType", std::string()) != "HASH") {
    return ValidationError("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (key_schema.size() > 1) {
    if (key_schema[1].value("KeyType", std::string()) != "RANGE") {
      return ValidationError("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    if (key_schema[0].value("AttributeName", std::string()) == key_schema[1].value("AttributeName", std::string())) {
      return ValidationError("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
  }
  return Status::Ok();
}

aws::Document ThroughputDescription(const aws::Document* throughput) {
  return {{"NumberOfDecreasesToday", 0},
          {"ReadCapacityUnits", throughput ? throughput->value("ReadCapacityUnits", int64_t{0}) : 0},
          {"WriteCapacityUnits", throughput ? throughput->value("WriteCapacityUnits", int64_t{0}) : 0}};
}

Result<aws::Document> GlobalIndexDescription(const aws::Document& spec, bool pay_per_request, const std::string& table_arn) {
  std::string name = spec.value("IndexName", std::string());
  SKYBOX_RETURN_IF_ERROR(CheckTableName(name, "indexName"));
  SKYBOX_RETURN_IF_ERROR(CheckKeySchemaShape(spec["KeySchema"]));
  SKYBOX_RETURN_IF_ERROR(CheckProjection(spec));
  const aws::Document* throughput = spec.contains("ProvisionedThroughput") ? &spec["ProvisionedThroughput"] : nullptr;
  if (pay_per_request && throughput) {
    return InvalidParameterValues("ProvisionedThroughput should not be specified for index: " + name + " when BillingMode is PAY_PER_REQUEST");
  }
  if (!pay_per_request && !throughput) return InvalidParameterValues("ProvisionedThroughput must be specified for index: " + name);
  if (throughput) SKYBOX_RETURN_IF_ERROR(CheckThroughput(*throughput));
  return aws::Document{{"IndexName", name},
                       {"KeySchema", spec["KeySchema"]},
                       {"Projection", spec["Projection"]},
                       {"IndexStatus", "ACTIVE"},
                       {"ProvisionedThroughput", ThroughputDescription(throughput)},
                       {"IndexSizeBytes", 0},
                       {"ItemCount", 0},
                       {"IndexArn", table_arn + "/index/" + name}};
}

void CreateTable(Backend& db, aws::Call call, aws::CallDone done) {
  std::lock_guard lock(db.ddl_mutex());
  auto table = BuildTable(db, call.input);
  if (!table.ok()) return done(table.status());
  if (db.FindTable(table->name)) {
    return done(Status::Aws(StatusCode::kAlreadyExists, 400, "ResourceInUseException", "Table already exists: " + table->name));
  }
  table->id = db.AllocateTableId();
  auto published = std::make_shared<const TableInfo>(std::move(*table));
  aws::Document output = {{"TableDescription", published->description}};
  output["TableDescription"]["ItemCount"] = 0;
  output["TableDescription"]["TableSizeBytes"] = 0;
  db.SaveTable(published, [done = std::move(done), output = std::move(output)](Status s) mutable {
    if (!s.ok()) return done(s);
    done(std::move(output));
  });
}

}  // namespace skybox::dynamodb
