#include "services/dynamodb/key_encoding.h"

#include "base/big_endian.h"

namespace skybox::dynamodb {
std::optional<KeyType> KeyTypeFromName(std::string_view name) {
  if (name == "S") return KeyType::kS;
  if (name == "N") return KeyType::kN;
  if (name == "B") return KeyType::kB;
  return std::nullopt;
}

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kS: return "S";
    case KeyType::kN: return "N";
    case KeyType::kB: return "B";
  }
  return "S";
}

void AppendBytesKeyPrefix(std::string* out, std::string_view bytes) {
  for (char c : bytes) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xFF');
  }
}

void AppendBytesKey(std::string* out, std::string_view bytes) {
  AppendBytesKeyPrefix(out, bytes);
  out->push_back('\0');
  out->push_back('\x01');
}

void AppendNumberKey(std::string* out, const Number& number) {
  if (number.is_zero()) {
    out->push_back('\x02');
    return;
  }
  if (!number.negative()) {
    out->push_back('\x03');
    out->push_back(static_cast<char>(number.exponent() - Number::kMinExponent));
    for (char d : number.digits()) out->push_back(static_cast<char>(d - '0' + 1));
    out->push_back('\0');
    return;
  }
  // Negatives: a larger magnitude must sort first, so exponent and digits are complemented and
  // the terminator is the largest byte (a shorter digit string is the smaller magnitude).
  out->push_back('\x01');
  out->push_back(static_cast<char>(Number::kMaxExponent - number.exponent()));
  for (char d : number.digits()) out->push_back(static_cast<char>(0xFE - (d - '0')));
  out->push_back('\xFF');
}

Status AppendKeyValue(std::string* out, KeyType type, const aws::Document& value) {
  const char* member = type == KeyType::kS ? "S" : type == KeyType::kN ? "N" : "B";
  if (!value.is_object() || value.size() != 1 || !value.contains(member)) {
    return InvalidArgument("key attribute value is not of type " + std::string(member));
  }
  const aws::Document& v = value[member];
  switch (type) {
    case KeyType::kS:
      if (!v.is_string()) return InvalidArgument("S value is not a string");
      AppendBytesKey(out, v.get_ref<const std::string&>());
      return Status::Ok();
    case KeyType::kB: {
      if (!v.is_binary()) return InvalidArgument("B value is not binary");
      const auto& bytes = v.get_binary();
      AppendBytesKey(out, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      return Status::Ok();
    }
    case KeyType::kN: {
      if (!v.is_string()) return InvalidArgument("N value is not a string");
      SKYBOX_ASSIGN_OR_RETURN(Number n, Number::Parse(v.get_ref<const std::string&>()));
      AppendNumberKey(out, n);
      return Status::Ok();
    }
  }
  return InvalidArgument("unknown key type");
}

uint16_t PartitionHash(std::string_view encoded_pk) {
  // FNV-1a: stable across builds and platforms, which the on-disk layout requires.
  uint32_t h = 2166136261u;
  for (unsigned char c : encoded_pk) {
    h ^= c;
    h *= 16777619u;
  }
  return static_cast<uint16_t>((h >> 16) ^ (h & 0xFFFF));
}

std::string IndexPrefix(uint64_t table_id, uint8_t index) {
  std::string out;
  out.reserve(9);
  AppendBigEndian(out, table_id, 8);
  out.push_back(static_cast<char>(index));
  return out;
}

std::string PartitionPrefix(uint64_t table_id, uint8_t index, std::string_view encoded_pk) {
  std::string out = IndexPrefix(table_id, index);
  AppendBigEndian(out, PartitionHash(encoded_pk), 2);
  out.append(encoded_pk);
  return out;
}

std::string StreamRecordKey(uint64_t table_id, uint64_t sequence) {
  std::string out;
  out.reserve(16);
  AppendBigEndian(out, table_id, 8);
  AppendBigEndian(out, sequence, 8);
  return out;
}

KeyRange SegmentRange(uint64_t table_id, uint8_t index, uint32_t segment, uint32_t total) {
  std::string prefix = IndexPrefix(table_id, index);
  auto bound = [&](uint32_t s) {
    uint64_t hash = (uint64_t{s} * 65536) / total;
    if (hash >= 65536) return storage::PrefixEnd(prefix);
    std::string out = prefix;
    AppendBigEndian(out, hash, 2);
    return out;
  };
  return {bound(segment), bound(segment + 1)};
}

}  // namespace skybox::dynamodb
