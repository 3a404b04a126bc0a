#include "services/dynamodb/table.h"

#include <cctype>
#include <string_view>

#include "services/dynamodb/backend.h"

namespace skybox::dynamodb {
namespace {

Result<KeyType> DefinedType(const std::string& name, const aws::Document& definitions) {
  for (const auto& def : definitions) {
    if (def.value("AttributeName", std::string()) == name) {
      auto type = KeyTypeFromName(def.value("AttributeType", std::string()));
      if (type) return *type;
    }
  }
  return InvalidArgument("no definition for key attribute " + name);
}

ProjectionType ParseProjectionType(const aws::Document& projection) {
  std::string type = projection.value("ProjectionType", std::string("ALL"));
  if (type == "KEYS_ONLY") return ProjectionType::kKeysOnly;
  if (type == "INCLUDE") return ProjectionType::kInclude;
  return ProjectionType::kAll;
}

// AWS's tag character set, [\p{L}\p{Z}\p{N}_.:/=+\-@]*: every non-ASCII character passes (as a
// letter), since classifying Unicode here would buy little.
bool IsTagText(std::string_view text) {
  constexpr std::string_view kPunctuation = "_.:/=+-@";
  for (unsigned char c : text) {
    bool allowed = c >= 0x80 || std::isalnum(c) || c == ' ' || kPunctuation.find(static_cast<char>(c)) != std::string_view::npos;
    if (!allowed) return false;
  }
  return true;
}

Status TagPatternMismatch(std::string_view text, size_t position, std::string_view member) {
  return ValidationError("1 validation error detected: Value '" + std::string(text) + "' at 'tags." + std::to_string(position) +
                         ".member." + std::string(member) +
                         "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                         "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
}

}  // namespace

Result<KeySchema> ParseKeySchema(const aws::Document& key_schema, const aws::Document& definitions) {
  KeySchema schema;
  bool have_hash = false;
  for (const auto& element : key_schema) {
    KeyAttribute attr;
    attr.name = element.value("AttributeName", std::string());
    SKYBOX_ASSIGN_OR_RETURN(attr.type, DefinedType(attr.name, definitions));
    if (element.value("KeyType", std::string()) == "HASH") {
      schema.hash = attr;
      have_hash = true;
    } else {
      schema.range = attr;
    }
  }
  if (!have_hash) return InvalidArgument("key schema has no HASH key");
  return schema;
}

const IndexInfo* TableInfo::FindIndex(std::string_view index_name) const {
  for (const auto& index : indexes) {
    if (index.name == index_name) return &index;
  }
  return nullptr;
}

aws::Document TableInfo::IndexNumbers() const {
  aws::Document numbers = aws::Document::object();
  for (const auto& index : indexes) numbers[index.name] = index.number;
  return numbers;
}

Status TableInfo::Rebuild(const aws::Document& index_numbers) {
  const aws::Document& definitions = description["AttributeDefinitions"];
  SKYBOX_ASSIGN_OR_RETURN(key, ParseKeySchema(description["KeySchema"], definitions));
  indexes.clear();
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (!description.contains(kind)) continue;
    for (const auto& d : description[kind]) {
      IndexInfo index;
      index.name = d.value("IndexName", std::string());
      index.global = std::string_view(kind) == "GlobalSecondaryIndexes";
      if (!index_numbers.contains(index.name)) return InvalidArgument("index without number: " + index.name);
      index.number = index_numbers[index.name].get<uint8_t>();
      SKYBOX_ASSIGN_OR_RETURN(index.key, ParseKeySchema(d["KeySchema"], definitions));
      const aws::Document& projection = d.contains("Projection") ? d["Projection"] : aws::Document::object();
      index.projection = ParseProjectionType(projection);
      if (projection.contains("NonKeyAttributes")) {
        for (const auto& a : projection["NonKeyAttributes"]) index.non_key_attributes.push_back(a.get<std::string>());
      }
      indexes.push_back(std::move(index));
    }
  }
  return Status::Ok();
}

aws::Document TableInfo::ToStored() const {
  aws::Document stored = {{"id", id},
                          {"description", description},
                          {"tags", tags},
                          {"ttl", ttl},
                          {"pitr", point_in_time_recovery},
                          {"next_index_number", next_index_number},
                          {"index_numbers", IndexNumbers()}};
  if (!disabled_stream.is_null()) stored["disabled_stream"] = disabled_stream;
  return stored;
}

Result<TableInfo> TableInfo::FromStored(const std::string& name, const aws::Document& stored) {
  TableInfo table;
  table.name = name;
  if (!stored.is_object() || !stored.contains("id") || !stored.contains("description")) {
    return Status(StatusCode::kDataLoss, "malformed metadata of table " + name);
  }
  table.id = stored["id"].get<uint64_t>();
  table.description = stored["description"];
  table.tags = stored.value("tags", aws::Document::object());
  table.ttl = stored.value("ttl", aws::Document::object());
  table.point_in_time_recovery = stored.value("pitr", false);
  table.next_index_number = stored.value("next_index_number", uint8_t{1});
  if (stored.contains("disabled_stream")) table.disabled_stream = stored["disabled_stream"];
  Status s = table.Rebuild(stored.value("index_numbers", aws::Document::object()));
  if (!s.ok()) return Status(StatusCode::kDataLoss, "table " + name + ": " + s.message());
  return table;
}

Status TableInfo::ApplyTags(const aws::Document& new_tags) {
  aws::Document merged = tags;
  size_t position = 0;
  for (const auto& tag : new_tags) {
    ++position;
    std::string key = tag.value("Key", std::string());
    std::string value = tag.value("Value", std::string());
    if (!IsTagText(key)) return TagPatternMismatch(key, position, "key");
    if (!IsTagText(value)) return TagPatternMismatch(value, position, "value");
    if (key.starts_with("aws:")) {
      return InvalidParameterValues("Tag keys starting with 'aws:' are reserved for system use: " + key);
    }
    merged[key] = value;
  }
  if (merged.size() > kMaxTags) {
    return InvalidParameterValues("The number of tags on the resource would exceed the maximum of " + std::to_string(kMaxTags));
  }
  tags = std::move(merged);
  return Status::Ok();
}

}  // namespace skybox::dynamodb
