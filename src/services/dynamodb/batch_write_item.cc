// BatchWriteItem: up to 25 puts/deletes over any tables. Skybox applies them all in one atomic
// batch (stronger than DynamoDB, which may apply some), so UnprocessedItems is always empty.
#include <map>
#include <set>

#include "services/dynamodb/capacity.h"
#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/item_collection_metrics.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
namespace {

constexpr size_t kMaxWrites = 25;

Result<std::vector<Mutation>> ParseBatch(Backend& db, const aws::Document& in) {
  std::vector<Mutation> mutations;
  size_t total = 0;
  for (const auto& [name, requests] : in["RequestItems"].items()) total += requests.size();
  if (total > kMaxWrites) return ValidationError("Too many items requested for the BatchWriteItem call");
  std::set<std::string> seen;
  for (const auto& [name, requests] : in["RequestItems"].items()) {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, db.RequireTable(name));
    for (const auto& request : requests) {
      Mutation m;
      m.table = table;
      if (request.contains("PutRequest")) {
        m.kind = Mutation::Kind::kPut;
        SKYBOX_ASSIGN_OR_RETURN(m.item, CanonicalItem(request["PutRequest"]["Item"]));
        SKYBOX_RETURN_IF_ERROR(CheckItem(*table, m.item));
        m.key = KeyOf(table->key, m.item);
      } else if (request.contains("DeleteRequest")) {
        m.kind = Mutation::Kind::kDelete;
        SKYBOX_ASSIGN_OR_RETURN(m.key, CanonicalItem(request["DeleteRequest"]["Key"]));
        SKYBOX_RETURN_IF_ERROR(CheckKey(*table, m.key));
      } else {
        return ValidationError("Supplied AttributeValue has neither PutRequest nor DeleteRequest set");
      }
      if (!seen.insert(BaseItemKey(*table, m.key)).second) {
        return ValidationError("Provided list of item keys contains duplicates");
      }
      mutations.push_back(std::move(m));
    }
  }
  return mutations;
}

}  // namespace

void BatchWriteItem(Backend& db, aws::Call call, aws::CallDone done) {
  auto mutations = ParseBatch(db, call.input);
  if (!mutations.ok()) return done(mutations.status());
  std::vector<std::string> tables;
  std::string mode = call.input.value("ReturnConsumedCapacity", std::string());
  for (auto& m : *mutations) {
    tables.push_back(m.table->name);
    m.reads_old_item_or_capacity = ReportsCapacity(mode);
  }
  aws::Document collections = ItemCollectionMetricsOf(db, call.input, *mutations);
  ExecuteMutations(db, std::move(*mutations), false,
                   [tables = std::move(tables), mode, collections = std::move(collections),
                    done = std::move(done)](Result<std::vector<MutationOutcome>> outcomes) mutable {
                     if (!outcomes.ok()) return done(outcomes.status());
                     for (const auto& o : *outcomes) {
                       if (!o.status.ok()) return done(o.status);
                     }
                     std::map<std::string, Capacity> per_table;
                     for (size_t i = 0; i < outcomes->size(); ++i) {
                       per_table[tables[i]].kind = Capacity::Kind::kWrite;
                       per_table[tables[i]] += (*outcomes)[i].capacity;
                     }
                     aws::Document out = {{"UnprocessedItems", aws::Document::object()}};
                     aws::Document consumed = aws::Document::array();
                     for (const auto& [name, capacity] : per_table) {
                       if (auto c = ConsumedCapacity(mode, name, capacity)) consumed.push_back(std::move(*c));
                     }
                     if (!consumed.empty()) out["ConsumedCapacity"] = std::move(consumed);
                     if (!collections.empty()) out["ItemCollectionMetrics"] = std::move(collections);
                     done(std::move(out));
                   });
}

}  // namespace skybox::dynamodb
