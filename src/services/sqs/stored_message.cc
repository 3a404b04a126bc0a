#include "services/sqs/stored_message.h"

namespace skybox::services::sqs {

std::string EncodeStoredMessage(const StoredMessage& m) {
  aws::Document d = {
      {"q", m.sequence},        {"i", m.message_id},       {"b", m.body},
      {"a", m.attributes},      {"s", m.system_attributes}, {"mb", m.md5_of_body},
      {"ma", m.md5_of_attributes}, {"ms", m.md5_of_system_attributes}, {"sid", m.sender_id},
      {"t", m.sent_ms},         {"f", m.first_receive_ms}, {"l", m.last_receive_ms},
      {"c", m.receive_count},   {"n", m.receipt_nonce},    {"v", m.visible_at_ms},
      {"g", m.group_id},        {"d", m.deduplication_id}, {"dl", m.dead_letter_source_arn}};
  std::vector<uint8_t> bytes = aws::Document::to_cbor(d);
  return std::string(bytes.begin(), bytes.end());
}

namespace {

std::optional<StoredMessage> DecodeStoredMessageOrThrow(std::string_view bytes) {
  aws::Document d = aws::Document::from_cbor(bytes.begin(), bytes.end(), true, false);
  if (!d.is_object()) return std::nullopt;
  StoredMessage m;
  m.sequence = d.value("q", uint64_t{0});
  m.message_id = d.value("i", std::string());
  m.body = d.value("b", std::string());
  if (d.contains("a")) m.attributes = d["a"];
  if (d.contains("s")) m.system_attributes = d["s"];
  m.md5_of_body = d.value("mb", std::string());
  m.md5_of_attributes = d.value("ma", std::string());
  m.md5_of_system_attributes = d.value("ms", std::string());
  m.sender_id = d.value("sid", std::string());
  m.sent_ms = d.value("t", int64_t{0});
  m.first_receive_ms = d.value("f", int64_t{0});
  m.last_receive_ms = d.value("l", int64_t{0});
  m.receive_count = d.value("c", uint32_t{0});
  m.receipt_nonce = d.value("n", uint64_t{0});
  m.visible_at_ms = d.value("v", int64_t{0});
  m.group_id = d.value("g", std::string());
  m.deduplication_id = d.value("d", std::string());
  m.dead_letter_source_arn = d.value("dl", std::string());
  return m;
}

}  // namespace

std::optional<StoredMessage> DecodeStoredMessage(std::string_view bytes) {
  // nlohmann throws on some malformed input (and on type mismatches) even when asked not to;
  // a damaged record is reported as unreadable instead.
  try {
    return DecodeStoredMessageOrThrow(bytes);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

size_t MessageSize(const StoredMessage& m) {
  size_t n = m.body.size();
  for (const auto& [name, attr] : m.attributes.items()) {
    n += name.size() + attr.value("DataType", std::string()).size();
    if (attr.contains("StringValue")) n += attr["StringValue"].get_ref<const std::string&>().size();
    if (attr.contains("BinaryValue") && attr["BinaryValue"].is_binary()) n += attr["BinaryValue"].get_binary().size();
  }
  return n;
}

}  // namespace skybox::services::sqs
