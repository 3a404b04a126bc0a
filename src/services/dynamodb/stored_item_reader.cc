#include "services/dynamodb/stored_item_reader.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace skybox::dynamodb {
namespace {

class StoredItemReader {
 public:
  explicit StoredItemReader(std::string_view bytes) : bytes_(bytes) {}

  std::optional<aws::Document> ReadDocument() {
    aws::Document out;
    if (!ReadValue(out, 0) || pos_ != bytes_.size()) return std::nullopt;
    return out;
  }

 private:
  // The argument of a head byte with additional information `info` (RFC 8949 section 3);
  // false for the reserved values and for indefinite lengths (info 31).
  bool ReadArgument(uint8_t info, uint64_t& out) {
    if (info < 24) {
      out = info;
      return true;
    }
    if (info > 27) return false;
    size_t width = size_t{1} << (info - 24);
    if (bytes_.size() - pos_ < width) return false;
    out = 0;
    for (size_t i = 0; i < width; ++i) out = (out << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += width;
    return true;
  }

  // `length` bytes starting at the cursor, if that many remain.
  bool Take(uint64_t length, std::string_view& out) {
    if (length > bytes_.size() - pos_) return false;
    out = bytes_.substr(pos_, static_cast<size_t>(length));
    pos_ += static_cast<size_t>(length);
    return true;
  }

  bool ReadText(uint64_t length, std::string& out) {
    std::string_view text;
    if (!Take(length, text)) return false;
    out.assign(text);
    return true;
  }

  // `depth`: the arrays and maps around this value.
  bool ReadValue(aws::Document& out, int depth) {
    if (pos_ >= bytes_.size()) return false;
    auto head = static_cast<uint8_t>(bytes_[pos_++]);
    uint8_t major = head >> 5;
    uint8_t info = head & 0x1f;
    if (major == 7) return ReadSimple(info, out);
    uint64_t argument = 0;
    if (!ReadArgument(info, argument)) return false;
    switch (major) {
      case 0:
        out = static_cast<aws::Document::number_unsigned_t>(argument);
        return true;
      case 1:
        if (argument > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
        out = static_cast<aws::Document::number_integer_t>(-1 - static_cast<int64_t>(argument));
        return true;
      case 2: {
        std::string_view data;
        if (!Take(argument, data)) return false;
        out = aws::Document::binary(aws::Document::binary_t::container_type(data.begin(), data.end()));
        return true;
      }
      case 3: {
        std::string text;
        if (!ReadText(argument, text)) return false;
        out = std::move(text);
        return true;
      }
      case 4: return depth < kMaxDepth && ReadArray(argument, out, depth + 1);
      case 5: return depth < kMaxDepth && ReadMap(argument, out, depth + 1);
      default: return false;  // 6: tags
    }
  }

  bool ReadSimple(uint8_t info, aws::Document& out) {
    switch (info) {
      case 20: out = false; return true;
      case 21: out = true; return true;
      case 22: out = nullptr; return true;
      case 26: {
        uint64_t bits = 0;
        if (!ReadArgument(info, bits)) return false;
        auto narrow = static_cast<uint32_t>(bits);
        float value;
        std::memcpy(&value, &narrow, sizeof(value));
        out = static_cast<double>(value);
        return true;
      }
      case 27: {
        uint64_t bits = 0;
        if (!ReadArgument(info, bits)) return false;
        double value;
        std::memcpy(&value, &bits, sizeof(value));
        out = value;
        return true;
      }
      default: return false;  // half floats, undefined, other simple values, breaks
    }
  }

  bool ReadArray(uint64_t length, aws::Document& out, int depth) {
    if (length > bytes_.size() - pos_) return false;  // each element takes a byte
    out = aws::Document::array();
    auto& elements = out.get_ref<aws::Document::array_t&>();
    elements.resize(static_cast<size_t>(length));
    for (aws::Document& element : elements) {
      if (!ReadValue(element, depth)) return false;
    }
    return true;
  }

  bool ReadMap(uint64_t length, aws::Document& out, int depth) {
    if (length > bytes_.size() - pos_) return false;
    out = aws::Document::object();
    auto& members = out.get_ref<aws::Document::object_t&>();
    for (uint64_t i = 0; i < length; ++i) {
      if (pos_ >= bytes_.size()) return false;
      auto head = static_cast<uint8_t>(bytes_[pos_++]);
      uint64_t key_length = 0;
      std::string key;
      if ((head >> 5) != 3 || !ReadArgument(head & 0x1f, key_length) || !ReadText(key_length, key)) return false;
      // to_cbor writes keys in order, so the hint makes each insertion constant time; a
      // repeated key finds its first value, which the read then overwrites (last one wins).
      auto it = members.emplace_hint(members.end(), std::move(key), aws::Document());
      if (!ReadValue(it->second, depth)) return false;
    }
    return true;
  }

  // nlohmann's reader recurses without a bound; this one declines deep input instead, so its
  // own recursion stays shallow (stored items nest at most 32 levels).
  static constexpr int kMaxDepth = 128;

  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<aws::Document> ReadStoredItem(std::string_view bytes) { return StoredItemReader(bytes).ReadDocument(); }

}  // namespace skybox::dynamodb
