#include "services/dynamodb/expr/projection.h"

#include <map>

#include "services/dynamodb/expr/parser.h"

namespace skybox::dynamodb {
namespace {

// The selected parts of a value: the whole of it, or some map members / list elements.
struct Selection {
  bool whole = false;
  std::map<std::string, Selection> members;
  std::map<uint32_t, Selection> elements;
};

void Add(Selection& root, const DocumentPath& path) {
  Selection* node = &root;
  for (const PathElement& e : path.elements) {
    if (node->whole) return;
    node = e.is_index() ? &node->elements[*e.index] : &node->members[e.name];
  }
  node->whole = true;
  node->members.clear();
  node->elements.clear();
}

// The part of `value` selected by `selection`, or nullopt when nothing selected exists.
std::optional<Document> Materialise(const Selection& selection, const Document& value) {
  if (selection.whole) return value;
  std::optional<AttributeType> type = TypeOf(value);
  if (type == AttributeType::kM && !selection.members.empty()) {
    const Document& map = value["M"];
    Document out = Document::object();
    for (const auto& [name, child] : selection.members) {
      auto it = map.find(name);
      if (it == map.end()) continue;
      if (std::optional<Document> part = Materialise(child, *it)) out[name] = std::move(*part);
    }
    if (out.empty()) return std::nullopt;
    return Document{{"M", std::move(out)}};
  }
  if (type == AttributeType::kL && !selection.elements.empty()) {
    const Document& list = value["L"];
    Document out = Document::array();
    for (const auto& [index, child] : selection.elements) {
      if (index >= list.size()) continue;
      if (std::optional<Document> part = Materialise(child, list[index])) {
        out.push_back(std::move(*part));
      }
    }
    if (out.empty()) return std::nullopt;
    return Document{{"L", std::move(out)}};
  }
  return std::nullopt;
}

}  // namespace

Result<Projection> ParseProjection(std::string_view text, ExpressionAttributes& attributes) {
  ExpressionParser parser(text, ExpressionKind::kProjection, attributes);
  if (parser.empty_text()) return parser.Invalid("The expression can not be empty;");
  SKYBOX_RETURN_IF_ERROR(parser.CheckSize());
  Projection projection;
  do {
    SKYBOX_ASSIGN_OR_RETURN(DocumentPath path, parser.ParsePath());
    projection.paths.push_back(std::move(path));
  } while (parser.AcceptPunct(","));
  parser.CheckPathCollisions(projection.paths);
  SKYBOX_RETURN_IF_ERROR(parser.Finish(ProjectionPhases()));
  return projection;
}

Projection ProjectionFromAttributesToGet(const Document& attributes_to_get) {
  Projection projection;
  if (!attributes_to_get.is_array()) return projection;
  for (const Document& name : attributes_to_get) {
    if (!name.is_string()) continue;
    DocumentPath path;
    path.elements.push_back({name.get<std::string>(), std::nullopt});
    projection.paths.push_back(std::move(path));
  }
  return projection;
}

Document Project(const Projection& projection, const Document& item) {
  Selection root;
  for (const DocumentPath& path : projection.paths) Add(root, path);
  Document out = Document::object();
  if (!item.is_object()) return out;
  for (const auto& [name, child] : root.members) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (std::optional<Document> part = Materialise(child, *it)) out[name] = std::move(*part);
  }
  return out;
}

}  // namespace skybox::dynamodb
