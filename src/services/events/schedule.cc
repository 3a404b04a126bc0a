#include "services/events/schedule.h"

#include <charconv>
#include <string>

#include "base/civil_date.h"

namespace skybox::services::events {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 86'400'000;
constexpr int kMaxYear = 2199;

Status Invalid() { return InvalidArgument("Parameter ScheduleExpression is not valid."); }

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

std::optional<int> Number(std::string_view s) {
  int v = 0;
  if (s.empty() || s.size() > 4) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

int DaysInMonth(int y, int m) {
  return static_cast<int>(DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - DaysFromCivil(y, m, 1));
}
// 1 (Sunday) .. 7 (Saturday), as AWS numbers days of the week.
int Weekday(int y, int m, int d) {
  int64_t days = DaysFromCivil(y, m, d);
  return static_cast<int>(((days % 7) + 11) % 7) + 1;  // 1970-01-01 was a Thursday (5)
}

// A value of a field: a number, or a month/day name where the field has names.
std::optional<int> Value(std::string_view s, const char* const* names, int first) {
  if (names != nullptr) {
    for (int i = 0; names[i] != nullptr; ++i) {
      std::string upper(s);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == names[i]) return first + i;
    }
  }
  return Number(s);
}

constexpr const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL",
                                   "AUG", "SEP", "OCT", "NOV", "DEC", nullptr};
constexpr const char* kWeekdays[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", nullptr};

struct FieldSpec {
  int min, max;
  const char* const* names;
};

// Parses the plain syntax of one field (lists of *, n, a-b, x/step) into `allowed`.
Status ParseList(std::string_view field, const FieldSpec& spec, std::vector<bool>& allowed) {
  allowed.assign(spec.max + 1, false);
  for (std::string_view item : Split(field, ',')) {
    int step = 1;
    std::vector<std::string_view> slash = Split(item, '/');
    if (slash.size() > 2) return Invalid();
    if (slash.size() == 2) {
      auto s = Number(slash[1]);
      if (!s || *s < 1) return Invalid();
      step = *s;
    }
    int lo = spec.min, hi = spec.max;
    std::string_view range = slash[0];
    if (range != "*") {
      std::vector<std::string_view> dash = Split(range, '-');
      if (dash.size() > 2) return Invalid();
      auto a = Value(dash[0], spec.names, spec.min);
      if (!a) return Invalid();
      lo = *a;
      hi = dash.size() == 2 ? -1 : (slash.size() == 2 ? spec.max : lo);
      if (dash.size() == 2) {
        auto b = Value(dash[1], spec.names, spec.min);
        if (!b) return Invalid();
        hi = *b;
      }
    }
    if (lo < spec.min || hi > spec.max || lo > hi) return Invalid();
    for (int v = lo; v <= hi; v += step) allowed[v] = true;
  }
  return Status::Ok();
}

}  // namespace

Result<Schedule> Schedule::Parse(std::string_view expression) {
  Schedule schedule;
  auto inner = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (expression.size() < prefix.size() + 1 || expression.substr(0, prefix.size()) != prefix ||
        expression.back() != ')') {
      return std::nullopt;
    }
    return expression.substr(prefix.size(), expression.size() - prefix.size() - 1);
  };
  if (auto rate = inner("rate(")) {
    std::vector<std::string_view> parts = Split(*rate, ' ');
    if (parts.size() != 2) return Invalid();
    auto value = Number(parts[0]);
    if (!value || *value < 1) return Invalid();
    // AWS: the singular unit for 1, the plural for more.
    std::string unit(parts[1]);
    bool plural = *value > 1;
    int64_t unit_ms = 0;
    if (unit == (plural ? "minutes" : "minute")) unit_ms = kMinuteMs;
    else if (unit == (plural ? "hours" : "hour")) unit_ms = 60 * kMinuteMs;
    else if (unit == (plural ? "days" : "day")) unit_ms = kDayMs;
    else return Invalid();
    schedule.rate_ms_ = *value * unit_ms;
    return schedule;
  }
  auto cron = inner("cron(");
  if (!cron) return Invalid();
  std::vector<std::string_view> fields = Split(*cron, ' ');
  if (fields.size() != 6) return Invalid();
  Cron& c = schedule.cron_;
  SKYBOX_RETURN_IF_ERROR(ParseList(fields[0], {0, 59, nullptr}, c.minutes));
  SKYBOX_RETURN_IF_ERROR(ParseList(fields[1], {0, 23, nullptr}, c.hours));
  SKYBOX_RETURN_IF_ERROR(ParseList(fields[3], {1, 12, kMonths}, c.months));
  SKYBOX_RETURN_IF_ERROR(ParseList(fields[5], {1970, kMaxYear, nullptr}, c.years));
  // Exactly one of day-of-month and day-of-week is '?'.
  std::string_view dom = fields[2], dow = fields[4];
  if ((dom == "?") == (dow == "?")) return Invalid();
  c.by_weekday = dom == "?";
  if (!c.by_weekday) {
    c.days.assign(32, false);
    for (std::string_view item : Split(dom, ',')) {
      if (item == "L") c.last_day = true;
      else if (item == "LW") c.last_weekday_of_month = true;
      else if (item.size() > 1 && item.back() == 'W') {
        auto d = Number(item.substr(0, item.size() - 1));
        if (!d || *d < 1 || *d > 31) return Invalid();
        c.nearest_weekday.push_back(*d);
      } else {
        std::vector<bool> part;
        SKYBOX_RETURN_IF_ERROR(ParseList(item, {1, 31, nullptr}, part));
        for (int d = 1; d <= 31; ++d) c.days[d] = c.days[d] || part[d];
      }
    }
  } else {
    c.weekdays.assign(8, false);
    for (std::string_view item : Split(dow, ',')) {
      size_t hash = item.find('#');
      if (item == "L") {
        c.weekdays[7] = true;  // plain L in day-of-week: Saturday, the week's last day
      } else if (hash != std::string_view::npos) {
        auto wd = Value(item.substr(0, hash), kWeekdays, 1);
        auto n = Number(item.substr(hash + 1));
        if (!wd || *wd < 1 || *wd > 7 || !n || *n < 1 || *n > 5) return Invalid();
        c.nth_weekday.emplace_back(*wd, *n);
      } else if (item.size() > 1 && item.back() == 'L') {
        auto wd = Value(item.substr(0, item.size() - 1), kWeekdays, 1);
        if (!wd || *wd < 1 || *wd > 7) return Invalid();
        c.last_of_weekday.push_back(*wd);
      } else {
        std::vector<bool> part;
        SKYBOX_RETURN_IF_ERROR(ParseList(item, {1, 7, kWeekdays}, part));
        for (int d = 1; d <= 7; ++d) c.weekdays[d] = c.weekdays[d] || part[d];
      }
    }
  }
  return schedule;
}

bool Schedule::DayMatches(int year, int month, int day) const {
  const Cron& c = cron_;
  int last = DaysInMonth(year, month);
  if (!c.by_weekday) {
    if (c.days[day] || (c.last_day && day == last)) return true;
    auto nearest = [&](int target) {
      target = std::min(target, last);
      int wd = Weekday(year, month, target);
      if (wd == 7) return target == 1 ? target + 2 : target - 1;     // Saturday: Friday (or Monday)
      if (wd == 1) return target == last ? target - 2 : target + 1;  // Sunday: Monday (or Friday)
      return target;
    };
    for (int target : c.nearest_weekday) {
      if (target <= last && nearest(target) == day) return true;
    }
    return c.last_weekday_of_month && nearest(last) == day;
  }
  int wd = Weekday(year, month, day);
  if (c.weekdays[wd]) return true;
  for (int w : c.last_of_weekday) {
    if (w == wd && day + 7 > last) return true;
  }
  for (auto [w, n] : c.nth_weekday) {
    if (w == wd && (day - 1) / 7 + 1 == n) return true;
  }
  return false;
}

std::optional<int64_t> Schedule::NextCron(int64_t after_ms) const {
  const Cron& c = cron_;
  int64_t start = (after_ms / kMinuteMs + 1) * kMinuteMs;  // the next whole minute
  int64_t day_number = start / kDayMs;
  int start_minute_of_day = static_cast<int>((start % kDayMs) / kMinuteMs);
  for (int64_t days = day_number;; ++days) {
    const CivilDate date = CivilFromDays(days);
    const int y = static_cast<int>(date.year), m = date.month, d = date.day;
    if (y > kMaxYear) return std::nullopt;
    if (!c.years[y]) {
      days = DaysFromCivil(y + 1, 1, 1) - 1;
      continue;
    }
    if (!c.months[m]) {
      days = DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
      continue;
    }
    if (!DayMatches(y, m, d)) continue;
    int from = days == day_number ? start_minute_of_day : 0;
    for (int minute_of_day = from; minute_of_day < 24 * 60; ++minute_of_day) {
      if (c.hours[minute_of_day / 60] && c.minutes[minute_of_day % 60]) {
        return days * kDayMs + minute_of_day * kMinuteMs;
      }
    }
  }
}

std::optional<int64_t> Schedule::NextFire(int64_t previous_due_ms, int64_t now_ms) const {
  if (rate_ms_ == 0) return NextCron(now_ms);
  int64_t next = previous_due_ms + rate_ms_;
  return next > now_ms ? next : now_ms + rate_ms_;
}

}  // namespace skybox::services::events
