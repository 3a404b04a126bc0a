#include "services/dynamodb/expr/expression.h"

namespace skybox::dynamodb {

std::string_view ExpressionKindName(ExpressionKind kind) {
  switch (kind) {
    case ExpressionKind::kCondition: return "ConditionExpression";
    case ExpressionKind::kFilter: return "FilterExpression";
    case ExpressionKind::kKeyCondition: return "KeyConditionExpression";
    case ExpressionKind::kProjection: return "ProjectionExpression";
    case ExpressionKind::kUpdate: return "UpdateExpression";
  }
  return "";
}

std::string DocumentPath::ToString() const {
  std::string out;
  for (const PathElement& e : elements) {
    if (e.is_index()) {
      out += "[" + std::to_string(*e.index) + "]";
    } else {
      if (!out.empty()) out += '.';
      out += e.name;
    }
  }
  return out;
}

std::string DocumentPath::ToAwsListString() const {
  std::string out = "[";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i) out += ", ";
    const PathElement& e = elements[i];
    out += e.is_index() ? "[" + std::to_string(*e.index) + "]" : e.name;
  }
  return out + "]";
}

const Document* FindPath(const Document& item, const DocumentPath& path) {
  if (path.elements.empty() || !item.is_object()) return nullptr;
  auto top = item.find(path.elements[0].name);
  if (path.elements[0].is_index() || top == item.end()) return nullptr;
  const Document* current = &*top;
  for (size_t i = 1; i < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (!current->is_object() || current->size() != 1) return nullptr;
    if (e.is_index()) {
      auto list = current->find("L");
      if (list == current->end() || !list->is_array() || *e.index >= list->size()) return nullptr;
      current = &(*list)[*e.index];
    } else {
      auto map = current->find("M");
      if (map == current->end() || !map->is_object()) return nullptr;
      auto member = map->find(e.name);
      if (member == map->end()) return nullptr;
      current = &*member;
    }
  }
  return current;
}

}  // namespace skybox::dynamodb
