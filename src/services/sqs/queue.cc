#include "services/sqs/queue.h"

namespace skybox::services::sqs {

std::string QueueMeta::ToJson() const {
  aws::Document attrs = aws::Document::object();
  for (const auto& [k, v] : attributes) attrs[k] = v;
  aws::Document d = {{"id", id},         {"account", account_id}, {"name", name},
                     {"attributes", attrs}, {"tags", tags},        {"created", created_s},
                     {"modified", modified_s}};
  return d.dump();
}

std::optional<QueueMeta> QueueMeta::FromJson(std::string_view json) {
  aws::Document d = aws::Document::parse(json, nullptr, false);
  if (!d.is_object()) return std::nullopt;
  QueueMeta m;
  m.id = d.value("id", uint64_t{0});
  m.account_id = d.value("account", std::string());
  m.name = d.value("name", std::string());
  if (d.contains("attributes")) {
    for (const auto& [k, v] : d["attributes"].items()) m.attributes[k] = v.get<std::string>();
  }
  if (d.contains("tags")) {
    for (const auto& [k, v] : d["tags"].items()) m.tags[k] = v.get<std::string>();
  }
  m.created_s = d.value("created", int64_t{0});
  m.modified_s = d.value("modified", int64_t{0});
  return m;
}

std::string DedupEntry::ToJson() const {
  return aws::Document{{"expires", expires_ms}, {"id", message_id}, {"sequence", sequence}}.dump();
}

std::optional<DedupEntry> DedupEntry::FromJson(std::string_view json) {
  aws::Document d = aws::Document::parse(json, nullptr, false);
  if (!d.is_object()) return std::nullopt;
  return DedupEntry{d.value("expires", int64_t{0}), d.value("id", std::string()), d.value("sequence", uint64_t{0})};
}

std::string ReceiveAttempt::ToJson() const {
  return aws::Document{{"expires", expires_ms}, {"messages", messages}}.dump();
}

std::optional<ReceiveAttempt> ReceiveAttempt::FromJson(std::string_view json) {
  aws::Document d = aws::Document::parse(json, nullptr, false);
  if (!d.is_object() || !d.contains("messages") || !d["messages"].is_array()) return std::nullopt;
  return ReceiveAttempt{d.value("expires", int64_t{0}), d["messages"]};
}

}  // namespace skybox::services::sqs
