#include "services/dynamodb/expr/number.h"

#include <algorithm>
#include <cstdlib>

namespace skybox::dynamodb {
namespace {

Status NumberError(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}

Status NotANumber(std::string_view text) {
  if (text.empty()) return NumberError("The parameter cannot be converted to a numeric value");
  return NumberError("The parameter cannot be converted to a numeric value: " + std::string(text));
}

// A magnitude as an integer mantissa (decimal digits, most significant first) times 10^low.
struct Scaled {
  std::string mantissa;
  int low = 0;
};

Scaled ToScaled(const Number& n) {
  return {n.digits(), n.exponent() - static_cast<int>(n.digits().size()) + 1};
}

// Pads the mantissa with zeros on the right so that its scale becomes `low`.
std::string Rescale(const Scaled& s, int low) {
  return s.mantissa + std::string(static_cast<size_t>(s.low - low), '0');
}

// a + b over non-negative decimal digit strings.
std::string AddDigits(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
    int sum = carry;
    if (i < a.size()) sum += a[a.size() - 1 - i] - '0';
    if (i < b.size()) sum += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + sum % 10));
    carry = sum / 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// a - b over non-negative decimal digit strings, requires a >= b.
std::string SubtractDigits(const std::string& a, const std::string& b) {
  std::string out;
  int borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int d = a[a.size() - 1 - i] - '0' - borrow;
    if (i < b.size()) d -= b[b.size() - 1 - i] - '0';
    borrow = d < 0 ? 1 : 0;
    out.push_back(static_cast<char>('0' + d + borrow * 10));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// Compares non-negative decimal digit strings numerically.
int CompareDigits(const std::string& a, const std::string& b) {
  size_t za = a.find_first_not_of('0');
  size_t zb = b.find_first_not_of('0');
  std::string_view va = za == std::string::npos ? "" : std::string_view(a).substr(za);
  std::string_view vb = zb == std::string::npos ? "" : std::string_view(b).substr(zb);
  if (va.size() != vb.size()) return va.size() < vb.size() ? -1 : 1;
  int c = va.compare(vb);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

Result<Number> Number::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  int64_t point = -1;  // count of mantissa digits before '.'
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      any_digit = true;
    } else if (c == '.' && point < 0) {
      point = static_cast<int64_t>(digits.size());
    } else {
      break;
    }
  }
  if (!any_digit) return NotANumber(text);
  if (point < 0) point = static_cast<int64_t>(digits.size());
  int64_t exp = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= text.size()) return NotANumber(text);
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (exp < 1'000'000'000) exp = exp * 10 + (text[i] - '0');  // saturate: far out of range
    }
    if (exp_negative) exp = -exp;
  }
  if (i != text.size()) return NotANumber(text);
  // value = 0.<digits> x 10^(point + exp), i.e. first digit at scientific exponent point+exp-1.
  return Make(negative, std::move(digits), point + exp - 1);
}

Result<Number> Number::Make(bool negative, std::string digits, int64_t exponent, Origin origin) {
  size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) return Number();
  exponent -= static_cast<int64_t>(lead);
  digits.erase(0, lead);
  digits.erase(digits.find_last_not_of('0') + 1);
  constexpr const char* kOverflow =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  if (digits.size() > static_cast<size_t>(Number::kMaxDigits)) {
    // AWS words an inexact sum ("1E50 - 1" needs 50 digits) as an overflow, unlike an input number.
    if (origin == Origin::kArithmetic) return NumberError(kOverflow);
    return NumberError("Attempting to store more than 38 significant digits in a Number");
  }
  if (exponent > Number::kMaxExponent) return NumberError(kOverflow);
  if (exponent < Number::kMinExponent) {
    return NumberError(
        "Number underflow. Attempting to store a number with magnitude smaller than supported "
        "range");
  }
  Number n;
  n.negative_ = negative;
  n.digits_ = std::move(digits);
  n.exponent_ = static_cast<int>(exponent);
  return n;
}

Number Number::FromInt64(int64_t value) {
  std::string text = std::to_string(value);
  return std::move(Parse(text).value());
}

std::string Number::ToString() const {
  if (is_zero()) return "0";
  std::string out = negative_ ? "-" : "";
  int len = static_cast<int>(digits_.size());
  if (exponent_ < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent_ - 1), '0');
    out += digits_;
  } else if (exponent_ + 1 >= len) {
    out += digits_;
    out.append(static_cast<size_t>(exponent_ + 1 - len), '0');
  } else {
    out += digits_.substr(0, static_cast<size_t>(exponent_ + 1));
    out += '.';
    out += digits_.substr(static_cast<size_t>(exponent_ + 1));
  }
  return out;
}

Number Number::Negated() const {
  Number n = *this;
  if (!n.is_zero()) n.negative_ = !n.negative_;
  return n;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  if (a.negative_ != b.negative_) {
    return a.negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  if (a.is_zero() || b.is_zero()) {
    if (a.is_zero() && b.is_zero()) return std::strong_ordering::equal;
    // Same sign flag and one is zero (never negative): the other is positive or negative.
    bool a_smaller = a.is_zero() ? !b.negative_ : b.negative_;
    return a_smaller ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  std::strong_ordering magnitude = a.exponent_ <=> b.exponent_;
  if (magnitude == 0) {
    int c = a.digits_.compare(b.digits_);
    magnitude = c < 0 ? std::strong_ordering::less
                      : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  if (!a.negative_) return magnitude;
  return 0 <=> magnitude;
}

Result<Number> Number::Add(const Number& other) const {
  if (is_zero()) return other;
  if (other.is_zero()) return *this;
  Scaled a = ToScaled(*this);
  Scaled b = ToScaled(other);
  int low = std::min(a.low, b.low);
  std::string da = Rescale(a, low);
  std::string db = Rescale(b, low);
  bool negative;
  std::string sum;
  if (negative_ == other.negative_) {
    negative = negative_;
    sum = AddDigits(da, db);
  } else if (CompareDigits(da, db) >= 0) {
    negative = negative_;
    sum = SubtractDigits(da, db);
  } else {
    negative = other.negative_;
    sum = SubtractDigits(db, da);
  }
  return Make(negative, sum, static_cast<int64_t>(low) + static_cast<int64_t>(sum.size()) - 1, Origin::kArithmetic);
}

Result<Number> Number::Subtract(const Number& other) const { return Add(other.Negated()); }

}  // namespace skybox::dynamodb
