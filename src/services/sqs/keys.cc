#include "services/sqs/keys.h"

#include "base/big_endian.h"
#include "base/crypto.h"

namespace skybox::services::sqs {
namespace {

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
  AppendBigEndian(k, queue_id, 8);
  AppendBigEndian(k, sequence, 8);
  return k;
}

std::string MessagePrefix(uint64_t queue_id) {
  std::string k;
  AppendBigEndian(k, queue_id, 8);
  return k;
}

uint64_t SequenceOfMessageKey(std::string_view key) { return key.size() >= 16 ? FromBigEndian(key.substr(8, 8)) : 0; }

std::string VisibilityKey(uint64_t queue_id, int64_t visible_at_ms, uint64_t sequence) {
  std::string k;
  k.reserve(24);
  AppendBigEndian(k, queue_id, 8);
  AppendBigEndian(k, static_cast<uint64_t>(visible_at_ms < 0 ? 0 : visible_at_ms), 8);
  AppendBigEndian(k, sequence, 8);
  return k;
}

std::optional<VisibilityEntry> ParseVisibilityKey(std::string_view key) {
  if (key.size() != 24) return std::nullopt;
  return VisibilityEntry{static_cast<int64_t>(FromBigEndian(key.substr(8, 8))), FromBigEndian(key.substr(16, 8))};
}

std::string QueueRecordKey(uint64_t queue_id, QueueRecordKind kind, std::string_view name) {
  std::string k = MessagePrefix(queue_id);
  k.push_back(static_cast<char>(kind));
  k.append(name);
  return k;
}

std::optional<QueueRecordRef> ParseQueueRecordKey(std::string_view key) {
  if (key.size() < 9) return std::nullopt;
  return QueueRecordRef{FromBigEndian(key.substr(0, 8)), static_cast<QueueRecordKind>(key[8]), key.substr(9)};
}

std::string EncodeReceiptHandle(const ReceiptHandle& h) {
  std::string raw(kHandleMagic);
  AppendBigEndian(raw, h.queue_id, 8);
  AppendBigEndian(raw, h.sequence, 8);
  AppendBigEndian(raw, h.receive_count, 8);
  AppendBigEndian(raw, h.nonce, 8);
  raw.push_back(static_cast<char>(Md5(raw)[0]));
  return Base64Encode(raw);
}

std::optional<ReceiptHandle> DecodeReceiptHandle(std::string_view text) {
  auto raw = Base64Decode(text);
  if (!raw || raw->size() != kHandleMagic.size() + 33 || raw->substr(0, 4) != kHandleMagic) return std::nullopt;
  std::string_view body(*raw);
  if (static_cast<char>(Md5(body.substr(0, body.size() - 1))[0]) != body.back()) return std::nullopt;
  ReceiptHandle h;
  h.queue_id = FromBigEndian(body.substr(4, 8));
  h.sequence = FromBigEndian(body.substr(12, 8));
  h.receive_count = static_cast<uint32_t>(FromBigEndian(body.substr(20, 8)));
  h.nonce = FromBigEndian(body.substr(28, 8));
  return h;
}

}  // namespace skybox::services::sqs
