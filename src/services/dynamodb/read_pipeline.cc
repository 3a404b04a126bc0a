#include "services/dynamodb/read_pipeline.h"

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

constexpr size_t kPageBytes = 1024 * 1024;

}  // namespace

Result<std::optional<aws::Document>> ReadItem(Backend& db, const TableInfo& table, const aws::Document& key,
                                              const storage::Snapshot* snapshot) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                          db.store()->Get(db.items_ns(), BaseItemKey(table, key), snapshot));
  if (!stored) return std::optional<aws::Document>();
  SKYBOX_ASSIGN_OR_RETURN(aws::Document item, DecodeItem(*stored));
  return std::optional<aws::Document>(std::move(item));
}

Result<Page> ReadPage(Backend& db, const PageRequest& request) {
  Page page;
  page.capacity.kind = Capacity::Kind::kRead;
  auto it = db.store()->NewIterator(db.items_ns(), {request.lower, request.upper});
  if (request.forward) {
    it->SeekToFirst();
  } else {
    it->SeekToLast();
  }
  size_t bytes = 0;
  for (; it->Valid(); request.forward ? it->Next() : it->Prev()) {
    SKYBOX_ASSIGN_OR_RETURN(aws::Document item, DecodeItem(it->value()));
    ++page.scanned;
    bytes += ItemSize(item);
    bool last = (request.limit > 0 && page.scanned >= request.limit) || bytes >= kPageBytes;
    if (last) page.last_evaluated_key = KeyOf(*request.table, request.index, item);
    if (request.fetch_from_table) {
      SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> full, ReadItem(db, *request.table, KeyOf(request.table->key, item)));
      if (full) item = std::move(*full);
    }
    bool keep = true;
    if (request.filter) {
      SKYBOX_ASSIGN_OR_RETURN(keep, EvaluateCondition(*request.filter, item));
    }
    if (keep && !request.count_only) page.items.push_back(request.projection ? Project(*request.projection, item) : std::move(item));
    if (keep && request.count_only) page.items.emplace_back();
    if (last) break;
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  double units = ReadUnits(bytes, request.consistent);
  if (request.index) {
    page.capacity.AddIndex(*request.index, units);
  } else {
    page.capacity.table = units;
  }
  return page;
}

Status ParseReadRequest(Backend& db, const aws::Document& in, const char* legacy_filter,
                        ExpressionAttributes& attributes, PageRequest* request) {
  SKYBOX_ASSIGN_OR_RETURN(request->table, db.RequireTable(in.value("TableName", std::string())));
  SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(in));
  request->consistent = in.value("ConsistentRead", false);
  if (in.contains("IndexName")) {
    std::string name = in["IndexName"].get<std::string>();
    request->index = request->table->FindIndex(name);
    if (!request->index) return ValidationError("The table does not have the specified index: " + name);
    if (request->index->global && request->consistent) {
      return ValidationError("Consistent reads are not supported on global secondary indexes");
    }
  }
  SKYBOX_ASSIGN_OR_RETURN(request->filter, ReadFilter(in, legacy_filter, attributes));
  SKYBOX_ASSIGN_OR_RETURN(request->projection, ReadProjection(in, attributes));
  std::string select = in.value("Select", std::string());
  if (select.empty()) select = request->projection ? "SPECIFIC_ATTRIBUTES" : request->index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
  if (select == "SPECIFIC_ATTRIBUTES" && !request->projection) {
    return ValidationError("One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet");
  }
  if (select != "SPECIFIC_ATTRIBUTES" && request->projection) {
    return InvalidParameterValues("Cannot specify the AttributesToGet when choosing to get " + select);
  }
  if (select == "ALL_PROJECTED_ATTRIBUTES" && !request->index) {
    return InvalidParameterValues("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  if (select == "ALL_ATTRIBUTES" && request->index && request->index->projection != ProjectionType::kAll) {
    if (request->index->global) {
      return InvalidParameterValues("Select type ALL_ATTRIBUTES is not supported for global secondary index " + request->index->name +
                     " because its projection type is not ALL");
    }
    request->fetch_from_table = true;
  }
  request->count_only = select == "COUNT";
  request->limit = in.value("Limit", int64_t{0});
  return Status::Ok();
}

Status ApplyExclusiveStartKey(const aws::Document& in, PageRequest* request) {
  if (!in.contains("ExclusiveStartKey")) return Status::Ok();
  auto key = CanonicalItem(in["ExclusiveStartKey"]);
  auto invalid = [] { return ValidationError("The provided starting key is invalid: The provided key element does not match the schema"); };
  if (!key.ok()) return invalid();
  const TableInfo& table = *request->table;
  std::optional<std::string> start;
  if (request->index) {
    start = IndexEntryKey(table, *request->index, *key);
  } else if (CheckKey(table, *key).ok()) {
    start = BaseItemKey(table, *key);
  }
  if (!start) return invalid();
  if (request->forward) {
    std::string after = *start + '\0';
    if (after > request->lower) request->lower = std::move(after);
  } else if (*start < request->upper || request->upper.empty()) {
    request->upper = *start;
  }
  return Status::Ok();
}

aws::Document PageOutput(const aws::Document& in, const PageRequest& request, Page page) {
  aws::Document out = aws::Document::object();
  if (!request.count_only) {
    out["Items"] = aws::Document::array();
    for (auto& item : page.items) out["Items"].push_back(std::move(item));
  }
  out["Count"] = page.items.size();
  out["ScannedCount"] = page.scanned;
  if (page.last_evaluated_key) out["LastEvaluatedKey"] = std::move(*page.last_evaluated_key);
  AddConsumedCapacity(in, request.table->name, page.capacity, &out);
  return out;
}

}  // namespace skybox::dynamodb
