#include "services/dynamodb/write_pipeline.h"

#include <algorithm>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/item_collection_metrics.h"
#include "services/dynamodb/request_expressions.h"
#include "services/dynamodb/stream_records.h"

namespace skybox::dynamodb {
namespace {

bool RemovesOnly(const Update& update) {
  return !update.actions.empty() && std::all_of(update.actions.begin(), update.actions.end(), [](const UpdateAction& a) {
           return a.kind == UpdateAction::Kind::kRemove || a.kind == UpdateAction::Kind::kDelete;
         });
}

// The new item a mutation produces from `old_item` (nullopt: the item is deleted or unchanged
// for a condition check).
// A put's item moves out of `m`.
Result<std::optional<aws::Document>> NewItem(Mutation& m, const TableInfo& table,
                                             const std::optional<aws::Document>& old_item) {
  switch (m.kind) {
    case Mutation::Kind::kPut:
      return std::optional<aws::Document>(std::move(m.item));
    case Mutation::Kind::kDelete:
      return std::optional<aws::Document>();
    case Mutation::Kind::kConditionCheck:
      return old_item;
    case Mutation::Kind::kUpdate: {
      // An update that only removes (REMOVE, DELETE) does not create a missing item; AWS
      // ignores it, even a REMOVE of a nested path.
      if (!old_item && RemovesOnly(*m.update)) return std::optional<aws::Document>();
      aws::Document base = old_item ? *old_item : m.key;
      SKYBOX_ASSIGN_OR_RETURN(aws::Document updated, ApplyUpdate(*m.update, base));
      // An update that grows the item too far has its own message (PutItem's is CheckItem's).
      if (ItemSize(updated) > kMaxItemSize) return ValidationError("Item size to update has exceeded the maximum allowed size");
      SKYBOX_RETURN_IF_ERROR(CheckItem(table, updated));
      return std::optional<aws::Document>(std::move(updated));
    }
  }
  return std::optional<aws::Document>();
}

Capacity WriteCapacity(const TableInfo& table, const std::optional<aws::Document>& old_item,
                       const std::optional<aws::Document>& new_item, bool transactional) {
  Capacity c;
  c.kind = Capacity::Kind::kWrite;
  double factor = transactional ? 2 : 1;
  size_t old_size = old_item ? ItemSize(*old_item) : 0;
  size_t new_size = new_item ? ItemSize(*new_item) : 0;
  c.table = WriteUnits(std::max(old_size, new_size)) * factor;
  for (const auto& index : table.indexes) {
    bool in_old = old_item && IndexEntryKey(table, index, *old_item);
    bool in_new = new_item && IndexEntryKey(table, index, *new_item);
    if (!in_old && !in_new) continue;
    size_t size = std::max(in_old ? ItemSize(ProjectForIndex(table, index, *old_item)) : 0,
                           in_new ? ItemSize(ProjectForIndex(table, index, *new_item)) : 0);
    // Moving an entry (key change) is a delete plus a put.
    bool moved = in_old && in_new && IndexEntryKey(table, index, *old_item) != IndexEntryKey(table, index, *new_item);
    c.AddIndex(index, WriteUnits(size) * factor * (moved ? 2 : 1));
  }
  return c;
}

}  // namespace

bool AllSucceeded(const std::vector<MutationOutcome>& outcomes) {
  for (const auto& o : outcomes) {
    if (!o.status.ok()) return false;
  }
  return true;
}

void ExecuteMutations(Backend& db, std::vector<Mutation> mutations, bool transactional, MutationsDone done,
                      storage::WriteBatch also) {
  std::vector<std::string> keys;
  keys.reserve(mutations.size());
  for (const auto& m : mutations) keys.push_back(BaseItemKey(*m.table, m.key));
  ItemLocks::Guard guard = db.locks().Lock(keys);

  std::vector<MutationOutcome> outcomes(mutations.size());
  bool failed = false;
  for (size_t i = 0; i < mutations.size(); ++i) {
    Mutation& m = mutations[i];
    MutationOutcome& out = outcomes[i];
    // Under the lock, the current metadata: an index created meanwhile must be maintained, and
    // a table dropped meanwhile must not get items back.
    auto current = db.FindTable(m.table->name);
    if (!current || current->id != m.table->id) return done(ResourceNotFound("Requested resource not found"));
    m.table = std::move(current);
    auto stored = guard.Read(keys[i]);
    if (!stored.ok()) return done(stored.status());
    // A put that no condition, index, stream or caller looks back from replaces the item
    // without decoding the one it replaces.
    bool reads_old = m.reads_old_item_or_capacity || m.kind != Mutation::Kind::kPut || m.condition ||
                     !m.table->indexes.empty() || HasStream(*m.table);
    if (*stored && reads_old) {
      auto item = DecodeItem(**stored);
      if (!item.ok()) return done(item.status());
      out.old_item = std::move(*item);
    }
    if (m.condition) {
      auto ok = EvaluateCondition(*m.condition, out.old_item ? *out.old_item : aws::Document::object());
      if (!ok.ok()) {
        out.status = ok.status();
      } else if (!*ok) {
        bool with_item = m.old_item_on_condition_failure && out.old_item;
        out.status = ConditionalCheckFailed(with_item ? &*out.old_item : nullptr);
      }
    }
    if (out.status.ok()) {
      auto next = NewItem(m, *m.table, out.old_item);
      if (next.ok()) {
        out.new_item = std::move(*next);
      } else {
        out.status = next.status();
      }
    }
    failed = failed || !out.status.ok();
    if (m.kind != Mutation::Kind::kConditionCheck && m.reads_old_item_or_capacity) {
      out.capacity = WriteCapacity(*m.table, out.old_item, out.new_item, transactional);
    }
  }
  if (failed) return done(std::move(outcomes));

  storage::WriteBatch batch = std::move(also);
  std::vector<ItemLocks::ItemWrite> writes;
  for (size_t i = 0; i < mutations.size(); ++i) {
    const Mutation& m = mutations[i];
    const MutationOutcome& out = outcomes[i];
    if (m.kind == Mutation::Kind::kConditionCheck) continue;
    if (!out.old_item && !out.new_item) continue;  // deleting a missing item
    std::optional<std::string> encoded = out.new_item ? std::optional<std::string>(EncodeItem(*out.new_item)) : std::nullopt;
    AddItemChange(&batch, db.items_ns(), *m.table, out.old_item ? &*out.old_item : nullptr,
                  out.new_item ? &*out.new_item : nullptr, encoded ? *encoded : std::string_view());
    writes.push_back({keys[i], std::move(encoded)});
  }
  if (batch.empty()) return done(std::move(outcomes));
  // Stream records join the same batch; sequence numbers are taken and the batch queued under
  // the stream mutex so that a table's sequence order is its commit order.
  std::unique_lock<std::mutex> stream_lock;
  for (size_t i = 0; i < mutations.size(); ++i) {
    const Mutation& m = mutations[i];
    const MutationOutcome& out = outcomes[i];
    if (m.kind == Mutation::Kind::kConditionCheck || !HasStream(*m.table) || out.old_item == out.new_item) continue;
    if (!stream_lock.owns_lock()) stream_lock = std::unique_lock(db.stream_mutex());
    auto seq = db.NextStreamSequence(m.table->id);
    if (!seq.ok()) return done(seq.status());
    aws::Document record = MakeStreamRecord(*m.table, *seq, out.old_item ? &*out.old_item : nullptr,
                                            out.new_item ? &*out.new_item : nullptr, m.by_ttl);
    batch.Put(db.streams_ns(), StreamRecordKey(m.table->id, *seq), record.dump());
  }
  guard.Commit(std::move(batch), std::move(writes), [done = std::move(done), outcomes = std::move(outcomes)](Status s) mutable {
    if (!s.ok()) return done(s);
    done(std::move(outcomes));
  });
}

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

Result<std::shared_ptr<const TableInfo>> RequestTable(Backend& db, const aws::Document& input) {
  return db.RequireTable(input.value("TableName", std::string()));
}

Status ParseConditionalWrite(Backend& db, const aws::Document& in, Mutation& m) {
  SKYBOX_ASSIGN_OR_RETURN(m.table, RequestTable(db, in));
  SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(in));
  std::string return_values = in.value("ReturnValues", std::string("NONE"));
  if (return_values != "NONE" && return_values != "ALL_OLD") {
    return ValidationError("Return values set to invalid value");
  }
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_ASSIGN_OR_RETURN(m.condition, WriteCondition(in, attributes));
  m.old_item_on_condition_failure = WantsOldItemOnConditionFailure(in);
  return attributes.CheckAllUsed();
}

bool WantsOldItemOnConditionFailure(const aws::Document& in) {
  return in.value("ReturnValuesOnConditionCheckFailure", std::string()) == "ALL_OLD";
}

std::function<aws::Document(const MutationOutcome&)> OldItemOutput(const aws::Document& input) {
  bool all_old = input.value("ReturnValues", std::string()) == "ALL_OLD";
  return [all_old](const MutationOutcome& o) {
    aws::Document out = aws::Document::object();
    if (all_old && o.old_item) out["Attributes"] = *o.old_item;
    return out;
  };
}

void ExecuteSingleWrite(Backend& db, const aws::Document& input, Mutation mutation,
                        std::function<aws::Document(const MutationOutcome&)> make_output, aws::CallDone done) {
  std::string table_name = mutation.table->name;
  std::optional<aws::Document> collection;
  if (WantsItemCollectionMetrics(input)) collection = ItemCollectionMetrics(db, *mutation.table, mutation.key);
  std::vector<Mutation> mutations;
  mutations.push_back(std::move(mutation));
  ExecuteMutations(db, std::move(mutations), false,
                   [input = input, table_name, collection = std::move(collection), make_output = std::move(make_output),
                    done = std::move(done)](Result<std::vector<MutationOutcome>> outcomes) mutable {
                     if (!outcomes.ok()) return done(outcomes.status());
                     const MutationOutcome& outcome = outcomes->front();
                     if (!outcome.status.ok()) return done(outcome.status);
                     aws::Document output = make_output(outcome);
                     AddConsumedCapacity(input, table_name, outcome.capacity, &output);
                     if (collection) output["ItemCollectionMetrics"] = std::move(*collection);
                     done(std::move(output));
                   });
}

}  // namespace skybox::dynamodb
