#include "services/event_pattern/event_pattern.h"

#include "services/event_pattern/pattern_parser.h"
#include "services/event_pattern/pattern_tree.h"

namespace skybox::services::event_pattern {

struct Pattern::Node {
  ObjectRule root;
};

Result<Pattern> Pattern::Parse(std::string_view json, Dialect dialect) {
  SKYBOX_ASSIGN_OR_RETURN(ObjectRule root, ParsePatternTree(json, dialect));
  return Pattern(std::make_shared<const Node>(Node{std::move(root)}));
}

bool Pattern::Matches(const nlohmann::json& event) const {
  return MatchesObject(root_->root, event.is_object() ? &event : nullptr);
}

}  // namespace skybox::services::event_pattern
