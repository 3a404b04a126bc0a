#include "services/dynamodb/read_pipeline.h"

#include <algorithm>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

constexpr size_t kPageBytes = 1024 * 1024;

// Whether a read of a local index names (in its projection or filter) an attribute the index
// does not hold. DynamoDB then fetches the whole item from the table for it; a global index
// cannot, and only ever returns what it projects.
bool NamesUnprojectedAttribute(const TableInfo& table, const IndexInfo& index, const PageRequest& request) {
  if (index.global || index.projection == ProjectionType::kAll) return false;
  auto is_key = [](const KeySchema& key, const std::string& name) {
    return name == key.hash.name || (key.range && name == key.range->name);
  };
  auto projected = [&](const DocumentPath& path) {
    const std::string& name = path.attribute();
    return is_key(table.key, name) || is_key(index.key, name) ||
           std::find(index.non_key_attributes.begin(), index.non_key_attributes.end(), name) !=
               index.non_key_attributes.end();
  };
  std::vector<DocumentPath> paths;
  if (request.filter) paths = ConditionPaths(*request.filter);
  if (request.projection) paths.insert(paths.end(), request.projection->paths.begin(), request.projection->paths.end());
  return !std::all_of(paths.begin(), paths.end(), projected);
}

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
    std::optional<aws::Document> index_entry;
    if (request.fetch_from_table) {
      SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> full, ReadItem(db, *request.table, KeyOf(request.table->key, item)));
      if (full) {
        if (request.return_index_entry) index_entry = std::move(item);
        item = std::move(*full);
      }
    }
    bool keep = true;
    if (request.filter) {
      SKYBOX_ASSIGN_OR_RETURN(keep, EvaluateCondition(*request.filter, item));
    }
    if (index_entry) item = std::move(*index_entry);
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
    std::string member = in.contains("ProjectionExpression") ? "ProjectionExpression" : "AttributesToGet";
    return InvalidParameterValues("Cannot specify the " + member + " when choosing to get " +
                                  (select == "COUNT" ? std::string("only the Count") : select));
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
  if (request->index && !request->fetch_from_table &&
      NamesUnprojectedAttribute(*request->table, *request->index, *request)) {
    request->fetch_from_table = true;
    request->return_index_entry = select != "SPECIFIC_ATTRIBUTES";
  }
  request->count_only = select == "COUNT";
  request->limit = in.value("Limit", int64_t{0});
  return Status::Ok();
}

Result<std::optional<std::string>> ExclusiveStartStorageKey(const aws::Document& in, const PageRequest& request) {
  if (!in.contains("ExclusiveStartKey")) return std::optional<std::string>();
  auto key = CanonicalItem(in["ExclusiveStartKey"]);
  auto invalid = [] { return ValidationError("The provided starting key is invalid: The provided key element does not match the schema"); };
  if (!key.ok()) return invalid();
  const TableInfo& table = *request.table;
  std::optional<std::string> start;
  if (request.index) {
    start = IndexEntryKey(table, *request.index, *key);
  } else if (CheckKey(table, *key).ok()) {
    start = BaseItemKey(table, *key);
  }
  if (!start) return invalid();
  return start;
}

Status ApplyExclusiveStartKey(const aws::Document& in, PageRequest* request) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<std::string> start, ExclusiveStartStorageKey(in, *request));
  if (!start) return Status::Ok();
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
