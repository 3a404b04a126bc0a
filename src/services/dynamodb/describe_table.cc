#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {

void DescribeTable(Backend& db, aws::Call call, aws::CallDone done) {
  std::string name = TableNameFromArnOrName(call.input.value("TableName", std::string()));
  auto table = db.FindTable(name);
  if (!table) return done(ResourceNotFound("Requested resource not found: Table: " + name + " not found"));
  done(aws::Document{{"Table", DescribeTableNow(db, *table)}});
}

void ListTables(Backend& db, aws::Call call, aws::CallDone done) {
  int64_t limit = call.input.value("Limit", int64_t{100});
  std::string start = call.input.value("ExclusiveStartTableName", std::string());
  aws::Document names = aws::Document::array();
  std::vector<std::string> all = db.TableNames();
  auto it = start.empty() ? all.begin() : std::upper_bound(all.begin(), all.end(), start);
  for (; it != all.end() && static_cast<int64_t>(names.size()) < limit; ++it) names.push_back(*it);
  aws::Document output = {{"TableNames", names}};
  if (it != all.end() && !names.empty()) output["LastEvaluatedTableName"] = names.back();
  done(std::move(output));
}

}  // namespace skybox::dynamodb
