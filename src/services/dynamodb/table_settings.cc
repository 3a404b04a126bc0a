// The small control-plane operations: tags, TTL settings, continuous backups, limits, endpoints.
#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {
namespace {

// The table a tag operation's ResourceArn names. AWS refuses a value that is not an ARN, and an
// index ARN (tags belong to the table); a well-formed ARN of no table is ResourceNotFound.
Result<std::shared_ptr<const TableInfo>> TableOfArn(Backend& db, const std::string& arn) {
  if (!arn.starts_with("arn:")) return ValidationError("ARNs must start with 'arn:': " + arn);
  if (arn.find("/index/") != std::string::npos) {
    return InvalidParameterValues("Invalid resource arn provided, only table or stream is accepted. Provided resource arn: " + arn);
  }
  auto table = db.FindTable(TableNameFromArnOrName(arn));
  if (!table) return ResourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
  return table;
}

// Replaces the table with `edit` applied, under the control-plane lock; answers `output`, or the
// edit's error (nothing saved).
template <typename Edit>
void EditTable(Backend& db, std::shared_ptr<const TableInfo> table, Edit edit, aws::Document output, aws::CallDone done) {
  auto copy = std::make_shared<TableInfo>(*table);
  if (Status s = edit(*copy); !s.ok()) return done(s);
  db.SaveTable(copy, [done = std::move(done), output = std::move(output)](Status s) mutable {
    if (!s.ok()) return done(s);
    done(std::move(output));
  });
}

}  // namespace

void TagResource(Backend& db, aws::Call call, aws::CallDone done) {
  std::lock_guard lock(db.ddl_mutex());
  auto table = TableOfArn(db, call.input.value("ResourceArn", std::string()));
  if (!table.ok()) return done(table.status());
  const aws::Document tags = call.input["Tags"];
  if (tags.empty()) return done(ValidationError("Atleast one Tag needs to be provided as Input."));  // sic: AWS's words
  EditTable(db, *table, [&](TableInfo& t) { return t.ApplyTags(tags); }, aws::Document::object(), std::move(done));
}

void UntagResource(Backend& db, aws::Call call, aws::CallDone done) {
  std::lock_guard lock(db.ddl_mutex());
  auto table = TableOfArn(db, call.input.value("ResourceArn", std::string()));
  if (!table.ok()) return done(table.status());
  const aws::Document keys = call.input["TagKeys"];
  EditTable(db, *table, [&](TableInfo& t) {
    for (const auto& key : keys) t.tags.erase(key.get<std::string>());
    return Status::Ok();
  }, aws::Document::object(), std::move(done));
}

void ListTagsOfResource(Backend& db, aws::Call call, aws::CallDone done) {
  auto table = TableOfArn(db, call.input.value("ResourceArn", std::string()));
  if (!table.ok()) return done(table.status());
  aws::Document tags = aws::Document::array();
  for (const auto& [key, value] : (*table)->tags.items()) tags.push_back({{"Key", key}, {"Value", value}});
  done(aws::Document{{"Tags", tags}});
}

void UpdateTimeToLive(Backend& db, aws::Call call, aws::CallDone done) {
  std::lock_guard lock(db.ddl_mutex());
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto table = db.FindTable(name);
  if (!table) return done(ResourceNotFound("Requested resource not found: Table: " + name + " not found"));
  const aws::Document spec = call.input["TimeToLiveSpecification"];
  bool enable = spec.value("Enabled", false);
  bool enabled = table->ttl.value("Enabled", false);
  std::string current = table->ttl.value("AttributeName", std::string());
  if (enabled && spec.value("AttributeName", std::string()) != current) {
    // One TTL attribute per table: changing it takes a disable (naming the current one) first.
    return done(ValidationError("TimeToLive is active on a different AttributeName: current AttributeName is " + current));
  }
  if (enable && enabled) return done(ValidationError("TimeToLive is already enabled"));
  if (!enable && !enabled) return done(ValidationError("TimeToLive is already disabled"));
  auto set_ttl = [&](TableInfo& t) {
    t.ttl = spec;
    return Status::Ok();
  };
  EditTable(db, table, set_ttl, aws::Document{{"TimeToLiveSpecification", spec}}, std::move(done));
}

void DescribeTimeToLive(Backend& db, aws::Call call, aws::CallDone done) {
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto table = db.FindTable(name);
  if (!table) return done(ResourceNotFound("Requested resource not found: Table: " + name + " not found"));
  aws::Document description = {{"TimeToLiveStatus", table->ttl.value("Enabled", false) ? "ENABLED" : "DISABLED"}};
  if (table->ttl.value("Enabled", false)) description["AttributeName"] = table->ttl["AttributeName"];
  done(aws::Document{{"TimeToLiveDescription", description}});
}

namespace {

aws::Document BackupsDescription(const TableInfo& table) {
  aws::Document pitr = {{"PointInTimeRecoveryStatus", table.point_in_time_recovery ? "ENABLED" : "DISABLED"}};
  if (table.point_in_time_recovery) {
    pitr["EarliestRestorableDateTime"] = table.description.value("CreationDateTime", NowSeconds());
    pitr["LatestRestorableDateTime"] = NowSeconds();
  }
  return {{"ContinuousBackupsStatus", "ENABLED"}, {"PointInTimeRecoveryDescription", pitr}};
}

Status BackupsTableNotFound(const std::string& name) {
  return Status::Aws(StatusCode::kNotFound, 400, "TableNotFoundException", "Table not found: " + name);
}

}  // namespace

void DescribeContinuousBackups(Backend& db, aws::Call call, aws::CallDone done) {
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto table = db.FindTable(name);
  if (!table) return done(BackupsTableNotFound(name));
  done(aws::Document{{"ContinuousBackupsDescription", BackupsDescription(*table)}});
}

void UpdateContinuousBackups(Backend& db, aws::Call call, aws::CallDone done) {
  std::lock_guard lock(db.ddl_mutex());
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto table = db.FindTable(name);
  if (!table) return done(BackupsTableNotFound(name));
  bool enable = call.input["PointInTimeRecoverySpecification"].value("PointInTimeRecoveryEnabled", false);
  TableInfo preview = *table;
  preview.point_in_time_recovery = enable;
  EditTable(db, table, [&](TableInfo& t) { t.point_in_time_recovery = enable; return Status::Ok(); },
            aws::Document{{"ContinuousBackupsDescription", BackupsDescription(preview)}}, std::move(done));
}

void DescribeLimits(Backend&, aws::Call, aws::CallDone done) {
  done(aws::Document{{"AccountMaxReadCapacityUnits", 80000},
                     {"AccountMaxWriteCapacityUnits", 80000},
                     {"TableMaxReadCapacityUnits", 40000},
                     {"TableMaxWriteCapacityUnits", 40000}});
}

// The Address is where a client doing endpoint discovery sends its next requests, so it names
// the endpoint the client reached (the Host header) as AWS's names itself; an AWS-style name only
// when the request carried no Host.
void DescribeEndpoints(Backend& db, aws::Call call, aws::CallDone done) {
  std::string address = call.host.empty() ? "dynamodb." + db.options().region + ".amazonaws.com" : call.host;
  done(aws::Document{{"Endpoints", {{{"Address", address}, {"CachePeriodInMinutes", 1440}}}}});
}

}  // namespace skybox::dynamodb
