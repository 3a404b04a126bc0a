// Table metadata: what the data plane needs to know about one table (its id in the storage
// layout, key schema, indexes) plus the stored parts of its description (AWS's TableDescription
// shape) and its tags, TTL and backup settings.
//
// A TableInfo is immutable once published (see catalog.h): control-plane changes build a new one
// and replace it, so request handlers may hold a shared_ptr to it without locking.
//
// Persisted as one JSON document per table in the "dynamodb.tables" namespace, keyed by the
// table name: {"id", "description", "tags", "ttl", "pitr", "index_numbers"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/key_encoding.h"

namespace skybox::dynamodb {

struct KeyAttribute {
  std::string name;
  KeyType type = KeyType::kS;
};

struct KeySchema {
  KeyAttribute hash;
  std::optional<KeyAttribute> range;
};

enum class ProjectionType { kAll, kKeysOnly, kInclude };

struct IndexInfo {
  std::string name;
  bool global = true;
  uint8_t number = 0;  // the index byte of its storage keys (key_encoding.h), 1..255
  KeySchema key;
  ProjectionType projection = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;  // INCLUDE only
};

struct TableInfo {
  std::string name;
  uint64_t id = 0;
  KeySchema key;
  std::vector<IndexInfo> indexes;
  // The TableDescription without ItemCount/TableSizeBytes (computed on demand).
  aws::Document description;
  aws::Document tags = aws::Document::object();  // key -> value
  aws::Document ttl = aws::Document::object();   // {"AttributeName", "Enabled"} or {}
  bool point_in_time_recovery = false;
  uint8_t next_index_number = 1;
  // The stream disabled last, readable for 24 hours as DynamoDB keeps it: {"arn", "label",
  // "view_type", "disabled_at" (epoch seconds)}; null when there is none.
  aws::Document disabled_stream;

  const IndexInfo* FindIndex(std::string_view index_name) const;
  bool deletion_protection() const { return description.value("DeletionProtectionEnabled", false); }

  // The persisted form, and back. FromStored fails with kDataLoss on a malformed document.
  aws::Document ToStored() const;
  static Result<TableInfo> FromStored(const std::string& name, const aws::Document& stored);
  // Re-derives key schemas and index list from `description` (after it was edited).
  Status Rebuild(const aws::Document& index_numbers);
  aws::Document IndexNumbers() const;

  // Sets each tag of `tags` (a TagList, from CreateTable or TagResource), replacing the value of a
  // key already present. Fails with AWS's ValidationException, leaving `this->tags` unchanged,
  // when a key or value has a character outside letters, digits, white space and _.:/=+-@, a key
  // starts with the reserved "aws:", or the table would end with more than kMaxTags tags.
  Status ApplyTags(const aws::Document& tags);
  static constexpr size_t kMaxTags = 50;
};

// The key schema described by a KeySchema list and AttributeDefinitions (as in CreateTable);
// kInvalidArgument when an attribute has no definition.
Result<KeySchema> ParseKeySchema(const aws::Document& key_schema, const aws::Document& definitions);

}  // namespace skybox::dynamodb
