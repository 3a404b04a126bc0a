// ApplyUpdate: executes a parsed Update against an item (declared in update.h).
#include <algorithm>
#include <set>

#include "services/dynamodb/expr/number.h"
#include "services/dynamodb/expr/update.h"

namespace skybox::dynamodb {
namespace {

Status Invalid(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}
Status MissingAttribute() {
  return Invalid("The provided expression refers to an attribute that does not exist in the item");
}
Status InvalidPath() {
  return Invalid("The document path provided in the update expression is invalid for update");
}
constexpr char kWrongTypeMessage[] = "An operand in the update expression has an incorrect data type";

Status WrongType() { return Invalid(kWrongTypeMessage); }

bool IsSet(std::optional<AttributeType> type) {
  return type == AttributeType::kSS || type == AttributeType::kNS || type == AttributeType::kBS;
}

Result<Number> NumberOf(const Document& value) {
  if (TypeOf(value) != AttributeType::kN) return WrongType();
  return Number::Parse(value["N"].get_ref<const std::string&>());
}

Result<Document> Evaluate(const Operand& operand, const Document& item) {
  switch (operand.kind) {
    case Operand::Kind::kValue: return operand.value;
    case Operand::Kind::kPath: {
      const Document* found = FindPath(item, operand.path);
      if (found == nullptr) return MissingAttribute();
      return *found;
    }
    case Operand::Kind::kIfNotExists: {
      const Document* found = FindPath(item, operand.path);
      if (found != nullptr) return *found;
      return Evaluate(operand.args.at(0), item);
    }
    case Operand::Kind::kListAppend: {
      SKYBOX_ASSIGN_OR_RETURN(Document a, Evaluate(operand.args.at(0), item));
      SKYBOX_ASSIGN_OR_RETURN(Document b, Evaluate(operand.args.at(1), item));
      if (TypeOf(a) != AttributeType::kL || TypeOf(b) != AttributeType::kL) return WrongType();
      for (const Document& element : b["L"]) a["L"].push_back(element);
      return a;
    }
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      SKYBOX_ASSIGN_OR_RETURN(Document a, Evaluate(operand.args.at(0), item));
      SKYBOX_ASSIGN_OR_RETURN(Document b, Evaluate(operand.args.at(1), item));
      SKYBOX_ASSIGN_OR_RETURN(Number x, NumberOf(a));
      SKYBOX_ASSIGN_OR_RETURN(Number y, NumberOf(b));
      SKYBOX_ASSIGN_OR_RETURN(Number r, operand.kind == Operand::Kind::kPlus ? x.Add(y)
                                                                              : x.Subtract(y));
      return Document{{"N", r.ToString()}};
    }
    case Operand::Kind::kSize: break;
  }
  return Internal("operand not valid in an update");
}

// The container value (a map or list attribute value) that holds the last step of `path`,
// or nullptr when a step is missing or of the wrong type.
Document* FindParent(Document& item, const DocumentPath& path) {
  Document* current = nullptr;
  for (size_t i = 0; i + 1 < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (i == 0) {
      auto it = item.find(e.name);
      if (it == item.end()) return nullptr;
      current = &*it;
      continue;
    }
    std::optional<AttributeType> type = TypeOf(*current);
    if (e.is_index()) {
      if (type != AttributeType::kL || *e.index >= (*current)["L"].size()) return nullptr;
      current = &(*current)["L"][*e.index];
    } else {
      if (type != AttributeType::kM) return nullptr;
      Document& map = (*current)["M"];
      auto it = map.find(e.name);
      if (it == map.end()) return nullptr;
      current = &*it;
    }
  }
  return current;
}

Status SetAt(Document& item, const DocumentPath& path, Document value) {
  if (path.elements.size() == 1) {
    item[path.attribute()] = std::move(value);
    return Status::Ok();
  }
  Document* parent = FindParent(item, path);
  if (parent == nullptr) return InvalidPath();
  const PathElement& last = path.elements.back();
  std::optional<AttributeType> type = TypeOf(*parent);
  if (last.is_index()) {
    if (type != AttributeType::kL) return InvalidPath();
    Document& list = (*parent)["L"];
    if (*last.index < list.size()) {
      list[*last.index] = std::move(value);
    } else {
      list.push_back(std::move(value));
    }
    return Status::Ok();
  }
  if (type != AttributeType::kM) return InvalidPath();
  (*parent)["M"][last.name] = std::move(value);
  return Status::Ok();
}

Status RemoveAt(Document& item, const DocumentPath& path) {
  if (path.elements.size() == 1) {
    item.erase(path.attribute());
    return Status::Ok();
  }
  Document* parent = FindParent(item, path);
  if (parent == nullptr) return InvalidPath();
  const PathElement& last = path.elements.back();
  std::optional<AttributeType> type = TypeOf(*parent);
  if (last.is_index()) {
    if (type != AttributeType::kL) return InvalidPath();
    Document& list = (*parent)["L"];
    if (*last.index < list.size()) list.erase(*last.index);
    return Status::Ok();
  }
  if (type != AttributeType::kM) return InvalidPath();
  (*parent)["M"].erase(last.name);
  return Status::Ok();
}

// Set members keyed for membership tests (numbers by numeric value).
std::string MemberKey(AttributeType set_type, const Document& member) {
  if (set_type == AttributeType::kNS) {
    Result<Number> n = Number::Parse(member.get_ref<const std::string&>());
    return n.ok() ? n->ToString() : member.get<std::string>();
  }
  if (set_type == AttributeType::kBS) {
    const auto& bytes = member.get_binary();
    return std::string(bytes.begin(), bytes.end());
  }
  return member.get<std::string>();
}

Result<Document> AddTo(const Document* current, const Document& value) {
  std::optional<AttributeType> type = TypeOf(value);
  if (current == nullptr) return value;
  if (TypeOf(*current) != type) return WrongType();
  if (type == AttributeType::kN) {
    SKYBOX_ASSIGN_OR_RETURN(Number a, NumberOf(*current));
    SKYBOX_ASSIGN_OR_RETURN(Number b, NumberOf(value));
    SKYBOX_ASSIGN_OR_RETURN(Number sum, a.Add(b));
    return Document{{"N", sum.ToString()}};
  }
  if (!IsSet(type)) return WrongType();
  std::string name(AttributeTypeName(*type));
  Document out = *current;
  std::set<std::string> present;
  for (const Document& m : out[name]) present.insert(MemberKey(*type, m));
  for (const Document& m : value[name]) {
    if (present.insert(MemberKey(*type, m)).second) out[name].push_back(m);
  }
  return out;
}

// The set without `value`'s members; a null Document when nothing remains.
Result<Document> DeleteFrom(const Document& current, const Document& value) {
  std::optional<AttributeType> type = TypeOf(value);
  if (!IsSet(type) || TypeOf(current) != type) return WrongType();
  std::string name(AttributeTypeName(*type));
  std::set<std::string> removed;
  for (const Document& m : value[name]) removed.insert(MemberKey(*type, m));
  Document members = Document::array();
  for (const Document& m : current[name]) {
    if (!removed.count(MemberKey(*type, m))) members.push_back(m);
  }
  if (members.empty()) return Document();
  return Document{{name, std::move(members)}};
}

// An order of document paths in which the elements of one list come by index, descending or
// ascending. REMOVE runs in descending order, so earlier removals do not shift later ones; SET
// in ascending order, so elements set past a list's end are appended in index order (as AWS does).
bool PathBefore(const DocumentPath& a, const DocumentPath& b, bool descending_indexes) {
  for (size_t i = 0; i < a.elements.size() && i < b.elements.size(); ++i) {
    const PathElement& x = a.elements[i];
    const PathElement& y = b.elements[i];
    if (x == y) continue;
    if (x.is_index() && y.is_index()) {
      return descending_indexes ? *x.index > *y.index : *x.index < *y.index;
    }
    if (x.is_index() != y.is_index()) return x.is_index();
    return x.name < y.name;
  }
  return a.elements.size() > b.elements.size();
}

Result<Document> ApplyActions(const Update& update, const Document& item) {
  // Every right-hand side reads the item as it was before the update.
  std::vector<std::pair<const UpdateAction*, Document>> sets;
  for (const UpdateAction& a : update.actions) {
    if (a.kind != UpdateAction::Kind::kSet) continue;
    SKYBOX_ASSIGN_OR_RETURN(Document value, Evaluate(a.value, item));
    sets.emplace_back(&a, std::move(value));
  }
  std::stable_sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) {
    return PathBefore(a.first->path, b.first->path, /*descending_indexes=*/false);
  });
  Document out = item.is_object() ? item : Document::object();
  for (auto& [action, value] : sets) {
    SKYBOX_RETURN_IF_ERROR(SetAt(out, action->path, std::move(value)));
  }
  std::vector<const DocumentPath*> removes;
  for (const UpdateAction& a : update.actions) {
    if (a.kind == UpdateAction::Kind::kRemove) removes.push_back(&a.path);
  }
  std::stable_sort(removes.begin(), removes.end(),
                   [](const DocumentPath* a, const DocumentPath* b) {
                     return PathBefore(*a, *b, /*descending_indexes=*/true);
                   });
  for (const DocumentPath* path : removes) SKYBOX_RETURN_IF_ERROR(RemoveAt(out, *path));
  for (const UpdateAction& a : update.actions) {
    if (a.kind == UpdateAction::Kind::kAdd) {
      SKYBOX_ASSIGN_OR_RETURN(Document sum, AddTo(FindPath(out, a.path), a.value.value));
      SKYBOX_RETURN_IF_ERROR(SetAt(out, a.path, std::move(sum)));
    } else if (a.kind == UpdateAction::Kind::kDelete) {
      const Document* current = FindPath(out, a.path);
      if (current == nullptr) continue;
      SKYBOX_ASSIGN_OR_RETURN(Document rest, DeleteFrom(*current, a.value.value));
      if (rest.is_null()) {
        SKYBOX_RETURN_IF_ERROR(RemoveAt(out, a.path));
      } else {
        SKYBOX_RETURN_IF_ERROR(SetAt(out, a.path, std::move(rest)));
      }
    }
  }
  return out;
}

}  // namespace

Result<Document> ApplyUpdate(const Update& update, const Document& item) {
  Result<Document> out = ApplyActions(update, item);
  if (!out.ok() && update.from_attribute_updates && out.status().message() == kWrongTypeMessage) {
    return Invalid("Type mismatch for attribute to update");
  }
  return out;
}

}  // namespace skybox::dynamodb
