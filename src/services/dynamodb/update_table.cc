// UpdateTable: billing mode and throughput, streams, SSE, table class, deletion protection, and
// GSI creation (with backfill) / deletion.
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/stream_records.h"

namespace skybox::dynamodb {
namespace {

// The AttributeType `definitions` (an AttributeDefinitions list) gives `attribute`; empty if none.
std::string DefinedType(const aws::Document& definitions, const std::string& attribute) {
  std::string type;
  for (const auto& def : definitions) {
    if (def.value("AttributeName", std::string()) == attribute) type = def.value("AttributeType", std::string());
  }
  return type;
}

// The type an existing key (of the table or of an index) gives `attribute`, as AWS renders the
// key element ("key{x:S:HASH}"); empty when no key uses it.
std::string ExistingKeyElement(const aws::Document& description, const std::string& attribute) {
  const std::string type = DefinedType(description["AttributeDefinitions"], attribute);
  auto find_in = [&](const aws::Document& key_schema) -> std::string {
    for (const auto& element : key_schema) {
      if (element.value("AttributeName", std::string()) == attribute) {
        return "key{" + attribute + ":" + type + ":" + element.value("KeyType", std::string()) + "}";
      }
    }
    return "";
  };
  std::string found = find_in(description["KeySchema"]);
  for (const char* list : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
    if (!description.contains(list)) continue;
    for (const auto& index : description[list]) {
      if (found.empty()) found = find_in(index["KeySchema"]);
    }
  }
  return found;
}

// A new GSI may not give an attribute another type than an existing key gives it; its key
// attributes must be (re)declared in the request's own AttributeDefinitions.
Status CheckNewIndexKeys(const aws::Document& description, const aws::Document& spec, const aws::Document& definitions) {
  auto names = [](const aws::Document& list) {
    std::string out;
    for (const auto& e : list) out += (out.empty() ? "" : ", ") + e.value("AttributeName", std::string());
    return out;
  };
  for (const auto& element : spec["KeySchema"]) {
    std::string name = element.value("AttributeName", std::string());
    const std::string type = DefinedType(definitions, name);
    if (type.empty()) {
      return InvalidParameterValues("Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                                    names(spec["KeySchema"]) + "], AttributeDefinitions: [" + names(definitions) + "]");
    }
    std::string existing = ExistingKeyElement(description, name);
    if (!existing.empty() && existing.find(":" + type + ":") == std::string::npos) {
      return InvalidParameterValues(
          "Attributes cannot be redefined. Please check that your attribute has the same type as previously defined. "
          "Existing schema: Schema:[SchemaElement: " + existing + "] New schema: Schema:[SchemaElement: key{" + name + ":" +
          type + ":" + element.value("KeyType", std::string()) + "}]");
    }
  }
  return Status::Ok();
}

// Adds the request's definitions; one no key uses any more (an old GSI's) takes the new type.
void MergeDefinitions(aws::Document* description, const aws::Document& definitions) {
  for (const auto& def : definitions) {
    std::string name = def.value("AttributeName", std::string());
    bool in_use = !ExistingKeyElement(*description, name).empty();
    auto& list = (*description)["AttributeDefinitions"];
    bool found = false;
    for (auto& existing : list) {
      if (existing["AttributeName"] != def["AttributeName"]) continue;
      found = true;
      if (!in_use) existing = def;
    }
    if (!found) list.push_back(def);
  }
}

// The checks AWS makes on the request alone, before it looks the table up: something must
// change, each GlobalSecondaryIndexUpdates entry holds exactly one action, and one request
// creates or deletes at most one GSI.
Status CheckUpdateRequest(const aws::Document& in) {
  bool changes = false;
  for (const auto& [member, value] : in.items()) {
    if (member == "TableName" || member == "AttributeDefinitions") continue;
    if (member == "GlobalSecondaryIndexUpdates" && value.empty()) continue;
    changes = true;
  }
  if (!changes) {
    return ValidationError("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
                           "SSESpecification or ReplicaUpdates is required");
  }
  if (!in.contains("GlobalSecondaryIndexUpdates")) return Status::Ok();
  size_t online_changes = 0;
  for (const auto& update : in["GlobalSecondaryIndexUpdates"]) {
    size_t actions = update.contains("Create") + update.contains("Update") + update.contains("Delete");
    if (actions == 0) {
      return InvalidParameterValues("One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                                    "GlobalSecondaryIndexUpdate.Delete must not be null");
    }
    if (actions > 1) {
      return InvalidParameterValues("Only one of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                                    "GlobalSecondaryIndexUpdate.Delete may be specified");
    }
    online_changes += update.contains("Create") + update.contains("Delete");
  }
  if (online_changes > 1) {
    return Status::Aws(StatusCode::kResourceExhausted, 400, "LimitExceededException",
                       "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
  }
  return Status::Ok();
}

// Applies the request to a copy of the table; `created` receives the names of new GSIs.
Result<TableInfo> ApplyUpdate(Backend& db, const TableInfo& current, const aws::Document& in,
                              std::vector<std::string>* created, std::vector<uint8_t>* dropped) {
  TableInfo table = current;
  aws::Document& d = table.description;
  aws::Document numbers = table.IndexNumbers();
  bool on_demand = d.contains("BillingModeSummary") && d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST";
  if (in.contains("BillingMode")) {
    on_demand = in["BillingMode"] == "PAY_PER_REQUEST";
    d["BillingModeSummary"] = {{"BillingMode", in["BillingMode"]}, {"LastUpdateToPayPerRequestDateTime", NowSeconds()}};
    if (on_demand) d["ProvisionedThroughput"] = ThroughputDescription(nullptr);
  }
  if (in.contains("ProvisionedThroughput")) {
    if (on_demand) {
      return InvalidParameterValues("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    d["ProvisionedThroughput"] = ThroughputDescription(&in["ProvisionedThroughput"]);
  } else if (in.contains("BillingMode") && !on_demand && d["ProvisionedThroughput"].value("ReadCapacityUnits", 0) == 0) {
    return ValidationError("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  }
  if (in.contains("AttributeDefinitions")) MergeDefinitions(&d, in["AttributeDefinitions"]);
  if (in.contains("GlobalSecondaryIndexUpdates")) {
    for (const auto& update : in["GlobalSecondaryIndexUpdates"]) {
      if (update.contains("Create")) {
        const aws::Document& spec = update["Create"];
        std::string name = spec.value("IndexName", std::string());
        if (table.FindIndex(name) || numbers.contains(name)) {
          return InvalidParameterValues("Attempting to create an index which already exists");
        }
        const aws::Document declared = in.contains("AttributeDefinitions") ? in["AttributeDefinitions"] : aws::Document::array();
        SKYBOX_RETURN_IF_ERROR(CheckNewIndexKeys(current.description, spec, declared));
        SKYBOX_ASSIGN_OR_RETURN(aws::Document index, GlobalIndexDescription(spec, on_demand, db.TableArn(table.name)));
        d["GlobalSecondaryIndexes"].push_back(index);
        if (table.next_index_number == 255) return Status::Aws(StatusCode::kResourceExhausted, 400, "LimitExceededException", "Too many index creations on this table");
        numbers[name] = table.next_index_number++;
        created->push_back(name);
      } else if (update.contains("Delete")) {
        std::string name = update["Delete"].value("IndexName", std::string());
        const IndexInfo* index = table.FindIndex(name);
        if (!index || !index->global) {
          return ResourceNotFound("Requested resource not found: Index: " + name + " not found for table: " + table.name);
        }
        dropped->push_back(index->number);
        auto& list = d["GlobalSecondaryIndexes"];
        for (size_t i = 0; i < list.size(); ++i) {
          if (list[i]["IndexName"] == name) list.erase(i);
        }
        if (list.empty()) d.erase("GlobalSecondaryIndexes");
        numbers.erase(name);
      } else if (update.contains("Update")) {
        std::string name = update["Update"].value("IndexName", std::string());
        if (!table.FindIndex(name)) {
          return ResourceNotFound("Requested resource not found: Index: " + name + " not found for table: " + table.name);
        }
        for (auto& index : d["GlobalSecondaryIndexes"]) {
          if (index["IndexName"] == name && update["Update"].contains("ProvisionedThroughput")) {
            index["ProvisionedThroughput"] = ThroughputDescription(&update["Update"]["ProvisionedThroughput"]);
          }
        }
      }
    }
  }
  if (in.contains("StreamSpecification")) {
    const aws::Document& stream = in["StreamSpecification"];
    bool enabled = stream.value("StreamEnabled", false);
    bool was_enabled = d.contains("StreamSpecification");
    if (enabled && was_enabled) return InvalidParameterValues("Table already has an enabled stream: " + d.value("LatestStreamArn", std::string()));
    if (!enabled && !was_enabled) return InvalidParameterValues("Table already has no stream enabled");  // AWS: ValidationException
    if (enabled) {
      d["StreamSpecification"] = stream;
      std::string label = NewStreamLabel(NowSeconds());
      d["LatestStreamLabel"] = label;
      d["LatestStreamArn"] = db.TableArn(table.name) + "/stream/" + label;
      table.disabled_stream = nullptr;  // only the latest stream stays readable
    } else {
      table.disabled_stream = {{"arn", d.value("LatestStreamArn", std::string())},
                               {"label", d.value("LatestStreamLabel", std::string())},
                               {"view_type", d["StreamSpecification"].value("StreamViewType", std::string("KEYS_ONLY"))},
                               {"disabled_at", NowSeconds()}};
      d.erase("StreamSpecification");
    }
  }
  if (in.contains("SSESpecification")) {
    if (in["SSESpecification"].value("Enabled", true)) {
      d["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", "KMS"},
                             {"KMSMasterKeyArn", "arn:aws:kms:" + db.options().region + ":" + db.options().account_id + ":key/" +
                                                     in["SSESpecification"].value("KMSMasterKeyId", std::string("aws/dynamodb"))}};
    } else {
      d.erase("SSEDescription");
    }
  }
  if (in.contains("TableClass")) d["TableClassSummary"] = {{"TableClass", in["TableClass"]}};
  if (in.contains("DeletionProtectionEnabled")) d["DeletionProtectionEnabled"] = in["DeletionProtectionEnabled"];
  SKYBOX_RETURN_IF_ERROR(table.Rebuild(numbers));
  return table;
}

// Writes the entries of the new indexes for every existing item. Runs with every item lock held
// and after a Flush, so no write is in flight and none can start until the new table (which
// maintains the indexes) is published.
Status Backfill(Backend& db, const TableInfo& table, const std::vector<std::string>& created, storage::WriteBatch* batch) {
  if (created.empty()) return Status::Ok();
  SKYBOX_RETURN_IF_ERROR(db.store()->Flush());
  storage::IteratorOptions range{IndexPrefix(table.id, kBaseTable), IndexPrefix(table.id, 1)};
  auto it = db.store()->NewIterator(db.items_ns(), range);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    SKYBOX_ASSIGN_OR_RETURN(aws::Document item, DecodeItem(it->value()));
    for (const auto& name : created) {
      const IndexInfo& index = *table.FindIndex(name);
      if (auto key = IndexEntryKey(table, index, item)) batch->Put(db.items_ns(), *key, EncodeItem(ProjectForIndex(table, index, item)));
    }
  }
  return it->status();
}

}  // namespace

void UpdateTable(Backend& db, aws::Call call, aws::CallDone done) {
  if (Status s = CheckUpdateRequest(call.input); !s.ok()) return done(s);
  std::lock_guard lock(db.ddl_mutex());
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto current = db.FindTable(name);
  if (!current) return done(ResourceNotFound("Requested resource not found: Table: " + name + " not found"));
  std::vector<std::string> created;
  std::vector<uint8_t> dropped;
  auto updated = ApplyUpdate(db, *current, call.input, &created, &dropped);
  if (!updated.ok()) return done(updated.status());
  auto table = std::make_shared<const TableInfo>(std::move(*updated));

  ItemLocks::Guard all = db.locks().LockAll();
  storage::WriteBatch batch;
  if (Status s = Backfill(db, *table, created, &batch); !s.ok()) return done(s);
  for (uint8_t number : dropped) {
    batch.DeleteRange(db.items_ns(), IndexPrefix(table->id, number), storage::PrefixEnd(IndexPrefix(table->id, number)));
  }
  aws::Document description = table->description;
  db.SaveTable(
      table,
      [done = std::move(done), description = std::move(description)](Status s) mutable {
        if (!s.ok()) return done(s);
        done(aws::Document{{"TableDescription", std::move(description)}});
      },
      std::move(batch));
}

}  // namespace skybox::dynamodb
