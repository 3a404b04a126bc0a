// Schedule: a rule's ScheduleExpression — `rate(5 minutes)` or AWS's six-field UTC cron
// `cron(Minutes Hours Day-of-month Month Day-of-week Year)` with the wildcards , - * ? / L W # —
// and when it next fires.
//
// Thread-safety: a parsed Schedule is an immutable value.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace skybox::services::events {

class Schedule {
 public:
  // Parses `expression`. Fails with kInvalidArgument (the handler answers AWS's
  // "Parameter ScheduleExpression is not valid.") for anything AWS would refuse.
  static Result<Schedule> Parse(std::string_view expression);

  // The first firing time (ms since the epoch) after `now_ms`. `previous_due_ms` is when the
  // schedule last fired (or was created): a rate keeps its period from it unless that is
  // already past, a cron ignores it. nullopt when a cron never fires again (its years ended).
  std::optional<int64_t> NextFire(int64_t previous_due_ms, int64_t now_ms) const;

 private:
  // One cron field as the set of values it allows, indexed by value.
  using Allowed = std::vector<bool>;
  struct Cron {
    Allowed minutes, hours, days, months, weekdays, years;  // weekdays 1 (SUN) .. 7 (SAT)
    bool by_weekday = false;  // day-of-month is '?': day-of-week picks the days
    bool last_day = false;          // L in day-of-month
    bool last_weekday_of_month = false;  // LW
    std::vector<int> nearest_weekday;    // 15W: the weekday nearest the 15th
    std::vector<int> last_of_weekday;    // 6L: the month's last Friday
    std::vector<std::pair<int, int>> nth_weekday;  // 3#2: the second Tuesday
  };
  bool DayMatches(int year, int month, int day) const;
  std::optional<int64_t> NextCron(int64_t after_ms) const;

  int64_t rate_ms_ = 0;  // 0 for a cron
  Cron cron_;
};

}  // namespace skybox::services::events
