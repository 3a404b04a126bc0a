#include "base/timestamp_text.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/civil_date.h"

namespace skybox {
namespace {

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// Optional ".fff..." fraction.
double Fraction(std::string_view s, size_t& pos) {
  if (pos >= s.size() || s[pos] != '.') return 0;
  ++pos;
  double frac = 0, scale = 0.1;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    frac += (s[pos++] - '0') * scale;
    scale /= 10;
  }
  return frac;
}

std::optional<double> ToEpoch(int year, int month, int day, int hour, int min, int sec) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) {
    return std::nullopt;
  }
  const int64_t days = DaysFromCivil(year, month, day);
  const CivilDate date = CivilFromDays(days);
  if (date.month != month || date.day != day) return std::nullopt;  // 30 February
  return static_cast<double>(days) * 86400 + hour * 3600 + min * 60 + sec;
}

}  // namespace

std::optional<double> ParseIso8601Timestamp(std::string_view s) {
  size_t p = 0;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!Digits(s, p, 4, y) || !Expect(s, p, '-') || !Digits(s, p, 2, mo) || !Expect(s, p, '-') ||
      !Digits(s, p, 2, d)) {
    return std::nullopt;
  }
  double frac = 0;
  int offset = 0;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
    ++p;
    if (!Digits(s, p, 2, h) || !Expect(s, p, ':') || !Digits(s, p, 2, mi)) return std::nullopt;
    if (p < s.size() && s[p] == ':' && !(++p, Digits(s, p, 2, sec))) return std::nullopt;
    frac = Fraction(s, p);
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        int sign = s[p++] == '-' ? -1 : 1, oh, om = 0;
        if (!Digits(s, p, 2, oh)) return std::nullopt;
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && !Digits(s, p, 2, om)) return std::nullopt;
        if (oh > 23 || om > 59) return std::nullopt;
        offset = sign * (oh * 3600 + om * 60);
      }
    }
  }
  if (p != s.size()) return std::nullopt;
  auto base = ToEpoch(y, mo, d, h, mi, sec);
  if (!base) return std::nullopt;
  return *base + frac - offset;
}

std::optional<double> ParseRfc822Timestamp(std::string_view s) {
  // "Tue, 29 Apr 2014 18:30:38 GMT"
  size_t comma = s.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  size_t p = comma + 2;
  int d, y, h, mi, sec;
  if (!Digits(s, p, 2, d) && !Digits(s, p, 1, d)) return std::nullopt;
  if (!Expect(s, p, ' ') || p + 4 > s.size()) return std::nullopt;
  int mo = 0;
  for (int i = 0; i < 12; ++i) {
    if (s.substr(p, 3) == kMonthAbbreviations[i]) mo = i + 1;
  }
  p += 3;
  if (mo == 0 || !Expect(s, p, ' ') || !Digits(s, p, 4, y) || !Expect(s, p, ' ') ||
      !Digits(s, p, 2, h) || !Expect(s, p, ':') || !Digits(s, p, 2, mi) || !Expect(s, p, ':') ||
      !Digits(s, p, 2, sec)) {
    return std::nullopt;
  }
  double frac = Fraction(s, p);
  std::string_view zone = s.substr(p);
  if (zone != " GMT" && zone != " UTC" && zone != " Z" && zone != " +0000") return std::nullopt;
  auto base = ToEpoch(y, mo, d, h, mi, sec);
  if (!base) return std::nullopt;
  return *base + frac;
}

std::optional<double> ParseEpochTimestamp(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  bool dot = false, digit = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !dot) { dot = true; continue; }
    if (c == '-' && i == 0 && s.size() > 1) continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digit = true;
  }
  if (!digit) return std::nullopt;  // "." or "-."
  return std::strtod(std::string(s).c_str(), nullptr);
}

std::optional<double> ParseTimestamp(std::string_view text) {
  if (auto v = ParseEpochTimestamp(text)) return v;
  if (auto v = ParseIso8601Timestamp(text)) return v;
  return ParseRfc822Timestamp(text);
}

}  // namespace skybox
