// ExecuteStatement's SELECT ... WHERE key IN (v1, v2, ...): one Query per partition value, run in
// order until the statement's Limit or a Query's page boundary, with a NextToken that says which
// partition to resume and from which key (partiql/translate.h, operations.h).
#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {
namespace {

// Adds the numbers of `more` into `total`, member by member (ConsumedCapacity of one Query into
// the sum over the statement's Queries; both have the same shape).
void AddNumbers(aws::Document& total, const aws::Document& more) {
  if (total.is_number() && more.is_number()) {
    total = total.get<double>() + more.get<double>();
    return;
  }
  if (!total.is_object() || !more.is_object()) return;
  for (const auto& [name, value] : more.items()) {
    if (total.contains(name)) {
      AddNumbers(total[name], value);
    } else {
      total[name] = value;
    }
  }
}

// The loop over the partitions; holds itself alive through the Query callbacks.
struct PartitionQueries : std::enable_shared_from_this<PartitionQueries> {
  Backend* db = nullptr;
  aws::Call call;  // the native Query, re-bound for each partition
  std::vector<aws::Document> values;
  std::string placeholder;
  size_t next = 0;           // the partition to query next
  int64_t remaining = 0;     // items left to evaluate under Limit; 0: no Limit
  aws::Document result = {{"Items", aws::Document::array()}};
  aws::CallDone done;

  void RunNext(std::optional<aws::Document> start) {
    aws::Call query = call;
    query.input["ExpressionAttributeValues"][placeholder] = values[next];
    if (start) query.input["ExclusiveStartKey"] = std::move(*start);
    if (remaining > 0) query.input["Limit"] = remaining;
    Query(*db, std::move(query), [self = shared_from_this()](Result<aws::Document> out) { self->Collect(std::move(out)); });
  }

  void Collect(Result<aws::Document> out) {
    if (!out.ok()) return done(out.status());
    for (auto& item : (*out)["Items"]) result["Items"].push_back(std::move(item));
    if (out->contains("ConsumedCapacity")) {
      if (!result.contains("ConsumedCapacity")) result["ConsumedCapacity"] = (*out)["ConsumedCapacity"];
      else AddNumbers(result["ConsumedCapacity"], (*out)["ConsumedCapacity"]);
    }
    if (remaining > 0) remaining -= std::min(remaining, out->value("ScannedCount", int64_t{0}));
    bool limited = call.input.contains("Limit") && remaining == 0;
    if (out->contains("LastEvaluatedKey")) return Finish(aws::Document{{"in", next}, {"after", (*out)["LastEvaluatedKey"]}});
    if (++next == values.size()) return Finish(std::nullopt);
    if (limited) return Finish(aws::Document{{"in", next}});
    RunNext(std::nullopt);
  }

  void Finish(std::optional<aws::Document> resume) {
    if (resume) result["NextToken"] = EncodeNextToken(*resume);
    if (resume && resume->contains("after")) result["LastEvaluatedKey"] = resume->at("after");
    done(std::move(result));
  }
};

}  // namespace

void RunPartitionQueries(Backend& db, const aws::Call& call, partiql::NativeRequest native,
                         const std::optional<aws::Document>& resume, aws::CallDone done) {
  auto loop = std::make_shared<PartitionQueries>();
  loop->db = &db;
  loop->call = call;
  loop->call.operation = "Query";
  loop->values = std::move(native.partition_values);
  loop->placeholder = std::move(native.partition_placeholder);
  loop->remaining = native.input.value("Limit", int64_t{0});
  loop->call.input = std::move(native.input);
  loop->done = std::move(done);
  std::optional<aws::Document> start;
  if (resume) {
    auto in = resume->find("in");
    if (in == resume->end() || !in->is_number_unsigned() || in->get<size_t>() >= loop->values.size()) {
      return loop->done(ValidationError("Invalid NextToken"));
    }
    loop->next = in->get<size_t>();
    if (auto after = resume->find("after"); after != resume->end()) start = *after;
  }
  loop->RunNext(std::move(start));
}

}  // namespace skybox::dynamodb
