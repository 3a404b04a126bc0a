#include "services/sqs/keys.h"

#include "base/crypto.h"

namespace skybox::services::sqs {
namespace {

void PutBe64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

uint64_t GetBe64(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

// Receipt handles are base64 of this magic, the fields, and a checksum byte, so that a
// mistyped handle is rejected as invalid rather than read as another message's.
constexpr std::string_view kHandleMagic = "SBX1";

}  // namespace

std::string QueueKey(std::string_view account_id, std::string_view name) {
  std::string k(account_id);
  k.push_back('/');
  k.append(name);
  return k;
}

std::string MessageKey(uint64_t queue_id, uint64_t sequence) {
  std::string k;
  k.reserve(16);
  PutBe64(k, queue_id);
  PutBe64(k, sequence);
  return k;
}

std::string MessagePrefix(uint64_t queue_id) {
  std::string k;
  PutBe64(k, queue_id);
  return k;
}

uint64_t SequenceOfMessageKey(std::string_view key) { return key.size() >= 16 ? GetBe64(key.substr(8)) : 0; }

std::string VisibilityKey(uint64_t queue_id, int64_t visible_at_ms, uint64_t sequence) {
  std::string k;
  k.reserve(24);
  PutBe64(k, queue_id);
  PutBe64(k, static_cast<uint64_t>(visible_at_ms < 0 ? 0 : visible_at_ms));
  PutBe64(k, sequence);
  return k;
}

std::optional<VisibilityEntry> ParseVisibilityKey(std::string_view key) {
  if (key.size() != 24) return std::nullopt;
  return VisibilityEntry{static_cast<int64_t>(GetBe64(key.substr(8))), GetBe64(key.substr(16))};
}

std::string QueueRecordKey(uint64_t queue_id, QueueRecordKind kind, std::string_view name) {
  std::string k = MessagePrefix(queue_id);
  k.push_back(static_cast<char>(kind));
  k.append(name);
  return k;
}

std::optional<QueueRecordRef> ParseQueueRecordKey(std::string_view key) {
  if (key.size() < 9) return std::nullopt;
  return QueueRecordRef{GetBe64(key), static_cast<QueueRecordKind>(key[8]), key.substr(9)};
}

std::string EncodeReceiptHandle(const ReceiptHandle& h) {
  std::string raw(kHandleMagic);
  PutBe64(raw, h.queue_id);
  PutBe64(raw, h.sequence);
  PutBe64(raw, h.receive_count);
  PutBe64(raw, h.nonce);
  raw.push_back(static_cast<char>(Md5(raw)[0]));
  return Base64Encode(raw);
}

std::optional<ReceiptHandle> DecodeReceiptHandle(std::string_view text) {
  auto raw = Base64Decode(text);
  if (!raw || raw->size() != kHandleMagic.size() + 33 || raw->substr(0, 4) != kHandleMagic) return std::nullopt;
  std::string_view body(*raw);
  if (static_cast<char>(Md5(body.substr(0, body.size() - 1))[0]) != body.back()) return std::nullopt;
  ReceiptHandle h;
  h.queue_id = GetBe64(body.substr(4));
  h.sequence = GetBe64(body.substr(12));
  h.receive_count = static_cast<uint32_t>(GetBe64(body.substr(20)));
  h.nonce = GetBe64(body.substr(28));
  return h;
}

}  // namespace skybox::services::sqs
