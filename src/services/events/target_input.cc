#include "services/events/target_input.h"

#include <cctype>
#include <vector>

namespace skybox::services::events {
namespace {

using ordered_json = nlohmann::ordered_json;

Status Validation(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}

ordered_json ParseEvent(std::string_view text) {
  ordered_json event = ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  return event.is_discarded() ? ordered_json() : event;
}

// Appends `text` JSON-escaped without the surrounding quotes.
void AppendEscaped(std::string& out, const std::string& text) {
  std::string quoted = ordered_json(text).dump();
  out.append(quoted, 1, quoted.size() - 2);
}

std::string FillTemplate(const std::string& input_template, const nlohmann::json& paths,
                         const ordered_json& event, std::string_view event_text, const RuleContext& rule) {
  auto lookup = [&](const std::string& name) -> std::optional<ordered_json> {
    if (name == "aws.events.rule-arn") return ordered_json(rule.rule_arn);
    if (name == "aws.events.rule-name") return ordered_json(rule.rule_name);
    if (name == "aws.events.event.ingestion-time") return ordered_json(rule.ingestion_time);
    if (name == "aws.events.event" || name == "aws.events.event.json") return event;
    auto it = paths.find(name);
    if (it == paths.end() || !it->is_string()) return std::nullopt;
    return SelectPath(it->get<std::string>(), event);
  };
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < input_template.size(); ++i) {
    char c = input_template[i];
    if (c == '\\' && in_string && i + 1 < input_template.size()) {
      out += c;
      out += input_template[++i];
      continue;
    }
    if (c == '"') in_string = !in_string;
    size_t close = c == '<' ? input_template.find('>', i + 1) : std::string::npos;
    std::string name = close == std::string::npos ? "" : input_template.substr(i + 1, close - i - 1);
    bool is_placeholder = !name.empty() && (paths.contains(name) || name.rfind("aws.events.", 0) == 0);
    if (!is_placeholder) {
      out += c;
      continue;
    }
    i = close;
    std::optional<ordered_json> value = lookup(name);
    if (name == "aws.events.event.json" && !in_string) {
      out.append(event_text);
    } else if (!in_string) {
      out += value ? value->dump() : "null";
    } else if (value) {
      AppendEscaped(out, value->is_string() ? value->get<std::string>() : value->dump());
    }
  }
  return out;
}

}  // namespace

namespace {

// One step of a JSONPath: an object member or an array index.
struct PathStep {
  std::string key;
  std::optional<size_t> index;
};

std::optional<std::vector<PathStep>> ParsePath(std::string_view path) {
  if (path.empty() || path[0] != '$') return std::nullopt;
  std::vector<PathStep> steps;
  size_t i = 1;
  while (i < path.size()) {
    PathStep step;
    if (path[i] == '.') {
      size_t end = path.find_first_of(".[", i + 1);
      step.key = std::string(path.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      if (step.key.empty()) return std::nullopt;
      i = end == std::string_view::npos ? path.size() : end;
    } else if (path[i] == '[') {
      size_t end = path.find(']', i);
      if (end == std::string_view::npos) return std::nullopt;
      std::string_view inside = path.substr(i + 1, end - i - 1);
      if (inside.size() >= 2 && (inside[0] == '\'' || inside[0] == '"') && inside.back() == inside[0]) {
        step.key = std::string(inside.substr(1, inside.size() - 2));
      } else {
        if (inside.empty()) return std::nullopt;
        size_t n = 0;
        for (char c : inside) {
          if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
          n = n * 10 + static_cast<size_t>(c - '0');
        }
        step.index = n;
      }
      i = end + 1;
    } else {
      return std::nullopt;
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace

bool IsValidPath(std::string_view path) { return ParsePath(path).has_value(); }

std::optional<ordered_json> SelectPath(std::string_view path, const ordered_json& document) {
  std::optional<std::vector<PathStep>> steps = ParsePath(path);
  if (!steps) return std::nullopt;
  const ordered_json* at = &document;
  for (const PathStep& step : *steps) {
    if (step.index) {
      if (!at->is_array() || *step.index >= at->size()) return std::nullopt;
      at = &(*at)[*step.index];
    } else {
      if (!at->is_object()) return std::nullopt;
      auto it = at->find(step.key);
      if (it == at->end()) return std::nullopt;
      at = &*it;
    }
  }
  return *at;
}

Status ValidateTargetInput(const nlohmann::json& target) {
  int given = target.contains("Input") + target.contains("InputPath") + target.contains("InputTransformer");
  if (given > 1) {
    return Validation("Only one of Input, InputPath, or InputTransformer can be specified for target " +
                      target.value("Id", std::string()) + ".");
  }
  if (target.contains("Input")) {
    auto parsed = nlohmann::json::parse(target.value("Input", std::string()), nullptr, false);
    if (parsed.is_discarded()) return Validation("Input is not valid JSON text.");
  }
  if (target.contains("InputPath") && !IsValidPath(target.value("InputPath", std::string()))) {
    return Validation("InputPath is not a valid JSON path.");
  }
  if (auto it = target.find("InputTransformer"); it != target.end()) {
    const nlohmann::json paths = it->value("InputPathsMap", nlohmann::json::object());
    if (paths.size() > 100) return Validation("InputPathsMap can contain at most 100 paths.");
    for (auto p = paths.begin(); p != paths.end(); ++p) {
      if (p.key().rfind("aws.", 0) == 0) {
        return Validation("Input path map key " + p.key() + " is reserved; keys must not start with 'aws.'.");
      }
      if (!p->is_string() || !IsValidPath(p->get<std::string>())) {
        return Validation("Input path for " + p.key() + " is not a valid JSON path.");
      }
    }
  }
  return Status::Ok();
}

std::string RenderTargetInput(const nlohmann::json& target, std::string_view event_text, const RuleContext& rule) {
  if (auto it = target.find("Input"); it != target.end() && it->is_string()) return it->get<std::string>();
  if (auto it = target.find("InputPath"); it != target.end() && it->is_string()) {
    std::optional<ordered_json> selected = SelectPath(it->get<std::string>(), ParseEvent(event_text));
    return selected ? selected->dump() : "null";
  }
  if (auto it = target.find("InputTransformer"); it != target.end() && it->is_object()) {
    return FillTemplate(it->value("InputTemplate", std::string()),
                        it->value("InputPathsMap", nlohmann::json::object()), ParseEvent(event_text),
                        event_text, rule);
  }
  return std::string(event_text);
}

}  // namespace skybox::services::events
