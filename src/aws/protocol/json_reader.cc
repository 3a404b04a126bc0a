#include "aws/protocol/json_reader.h"

namespace skybox::aws {
namespace {

class PlainJsonReader {
 public:
  explicit PlainJsonReader(std::string_view text) : text_(text) {}

  // The one value `text` holds, or nullopt when it is not plain JSON.
  std::optional<Document> ReadDocument() {
    Document out;
    if (!ReadValue(out)) return std::nullopt;
    SkipSpace();
    if (pos_ != text_.size()) return std::nullopt;
    return out;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++pos_;
    }
  }

  bool Consume(char c) {
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  bool ReadValue(Document& out) {
    SkipSpace();
    if (pos_ >= text_.size()) return false;
    switch (text_[pos_]) {
      case '{': return ReadObject(out);
      case '[': return ReadArray(out);
      case '"': {
        std::string s;
        if (!ReadString(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't': return ReadLiteral("true", Document(true), out);
      case 'f': return ReadLiteral("false", Document(false), out);
      case 'n': return ReadLiteral("null", Document(nullptr), out);
      default: return ReadNumber(out);
    }
  }

  bool ReadObject(Document& out) {
    ++pos_;  // '{'
    NestingGuard guard(depth_);
    if (depth_ > kMaxDepth) return false;
    out = Document::object();
    if (Consume('}')) return true;
    do {
      SkipSpace();
      std::string key;
      if (pos_ >= text_.size() || text_[pos_] != '"' || !ReadString(key) || !Consume(':')) return false;
      Document value;
      if (!ReadValue(value)) return false;
      out[std::move(key)] = std::move(value);
    } while (Consume(','));
    return Consume('}');
  }

  bool ReadArray(Document& out) {
    ++pos_;  // '['
    NestingGuard guard(depth_);
    if (depth_ > kMaxDepth) return false;
    out = Document::array();
    if (Consume(']')) return true;
    do {
      Document value;
      if (!ReadValue(value)) return false;
      out.push_back(std::move(value));
    } while (Consume(','));
    return Consume(']');
  }

  // A string of printable ASCII without escapes; anything else is left to nlohmann.
  bool ReadString(std::string& out) {
    size_t start = ++pos_;  // past the opening quote
    while (pos_ < text_.size()) {
      auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '"') {
        out.assign(text_.substr(start, pos_ - start));
        ++pos_;
        return true;
      }
      if (byte < 0x20 || byte > 0x7e || byte == '\\') return false;
      ++pos_;
    }
    return false;
  }

  bool ReadLiteral(std::string_view word, Document value, Document& out) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    out = std::move(value);
    return true;
  }

  // The JSON number grammar; nlohmann converts the token, so integer/float choices match.
  bool ReadNumber(Document& out) {
    size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return false;
    }
    Document number = Document::parse(text_.substr(start, pos_ - start), nullptr, /*allow_exceptions=*/false);
    if (number.is_discarded()) return false;
    out = std::move(number);
    return true;
  }

  // Deeper documents are left to nlohmann (whose parser does not recurse), so this reader's
  // recursion stays shallow whatever it is given.
  static constexpr int kMaxDepth = 64;
  struct NestingGuard {
    explicit NestingGuard(int& depth) : depth(depth) { ++depth; }
    ~NestingGuard() { --depth; }
    int& depth;
  };

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

std::optional<Document> ParsePlainJson(std::string_view text) { return PlainJsonReader(text).ReadDocument(); }

}  // namespace skybox::aws
