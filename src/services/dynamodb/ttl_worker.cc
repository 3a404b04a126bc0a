#include "services/dynamodb/ttl_worker.h"

#include <future>

#include "base/log.h"
#include "services/dynamodb/expr/number.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
namespace {

constexpr double kFiveYears = 5 * 365.25 * 24 * 3600;

double EpochSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<double> ExpiryOf(const aws::Document& item, const std::string& attribute) {
  auto it = item.find(attribute);
  if (it == item.end() || !it->is_object() || !it->contains("N")) return std::nullopt;
  try {
    return std::stod((*it)["N"].get<std::string>());
  } catch (...) {  // std::stod at the library boundary; stored numbers are always valid
    return std::nullopt;
  }
}

// "<attribute> <= :now", built directly as an AST (no placeholders to resolve).
Condition StillExpired(const std::string& attribute, double now) {
  Condition c;
  c.kind = Condition::Kind::kCompare;
  c.comparator = Comparator::kLe;
  Operand path;
  path.kind = Operand::Kind::kPath;
  path.path.elements.push_back(PathElement{attribute, std::nullopt});
  Operand value;
  value.kind = Operand::Kind::kValue;
  value.value = {{"N", Number::FromInt64(static_cast<int64_t>(now)).ToString()}};
  c.operands = {std::move(path), std::move(value)};
  return c;
}

}  // namespace

TtlWorker::TtlWorker(std::shared_ptr<Backend> db, std::chrono::milliseconds interval)
    : db_(std::move(db)), thread_(interval, [this] { RunPass(); }) {}

size_t TtlWorker::RunPass() {
  size_t deleted = 0;
  double now = EpochSeconds();
  for (const std::string& name : db_->TableNames()) {
    auto table = db_->FindTable(name);
    if (table && table->ttl.value("Enabled", false)) deleted += ExpireTable(*table, now);
  }
  return deleted;
}

size_t TtlWorker::ExpireTable(const TableInfo& table, double now) {
  const std::string attribute = table.ttl.value("AttributeName", std::string());
  std::vector<aws::Document> expired;
  {
    storage::IteratorOptions range{IndexPrefix(table.id, kBaseTable), IndexPrefix(table.id, 1)};
    auto it = db_->store()->NewIterator(db_->items_ns(), range);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto item = DecodeItem(it->value());
      if (!item.ok()) continue;
      std::optional<double> expiry = ExpiryOf(*item, attribute);
      if (expiry && *expiry <= now && *expiry >= now - kFiveYears) expired.push_back(KeyOf(table.key, *item));
    }
  }
  size_t deleted = 0;
  auto shared = db_->FindTable(table.name);
  if (!shared) return 0;
  for (auto& key : expired) {
    Mutation m;
    m.kind = Mutation::Kind::kDelete;
    m.table = shared;
    m.key = std::move(key);
    m.condition = StillExpired(attribute, now);
    m.by_ttl = true;
    std::promise<bool> result;
    std::vector<Mutation> one;
    one.push_back(std::move(m));
    ExecuteMutations(*db_, std::move(one), false, [&result](Result<std::vector<MutationOutcome>> outcomes) {
      result.set_value(outcomes.ok() && AllSucceeded(*outcomes));
    });
    deleted += result.get_future().get();
  }
  if (deleted > 0) Log(LogLevel::kDebug, "dynamodb ttl expired items", {{"table", table.name}, {"count", std::to_string(deleted)}});
  return deleted;
}

}  // namespace skybox::dynamodb
