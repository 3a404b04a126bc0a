#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {

void DeleteTable(Backend& db, aws::Call call, aws::CallDone done) {
  std::lock_guard lock(db.ddl_mutex());
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto table = db.FindTable(name);
  if (!table) return done(ResourceNotFound("Requested resource not found: Table: " + name + " not found"));
  if (table->deletion_protection()) {
    return done(Status::Aws(StatusCode::kFailedPrecondition, 400, "ResourceInUseException",
                            "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."));
  }
  aws::Document description = DescribeTableNow(db, *table);
  description["TableStatus"] = "DELETING";
  // AWS answers DeleteTable with a short description: no schema, indexes or creation time.
  for (const char* member : {"AttributeDefinitions", "KeySchema", "CreationDateTime", "GlobalSecondaryIndexes",
                             "LocalSecondaryIndexes"}) {
    description.erase(member);
  }
  db.DropTable(*table, [done = std::move(done), description = std::move(description)](Status s) mutable {
    if (!s.ok()) return done(s);
    done(aws::Document{{"TableDescription", std::move(description)}});
  });
}

}  // namespace skybox::dynamodb
