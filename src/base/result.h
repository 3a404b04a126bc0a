// Result<T>: either a value of T or a non-OK Status. The return type of fallible functions
// that produce a value (return values, not output parameters).
//
// Accessing value() of a failed Result is a programming error and aborts.
// Thread-safety: as for T.
#pragma once

#include <cstdlib>
#include <optional>
#include <utility>

#include "base/status.h"

namespace skybox {

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) std::abort();  // a Result without a value must carry an error
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { Check(); return *value_; }
  const T& value() const& { Check(); return *value_; }
  T&& value() && { Check(); return std::move(*value_); }
  T* operator->() { Check(); return &*value_; }
  const T* operator->() const { Check(); return &*value_; }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void Check() const {
    if (!value_) std::abort();
  }
  Status status_;
  std::optional<T> value_;
};

}  // namespace skybox

// Assigns the value of a Result expression to `lhs`, or returns its Status from the
// enclosing function.
#define SKYBOX_ASSIGN_OR_RETURN(lhs, expr) \
  SKYBOX_ASSIGN_OR_RETURN_IMPL(SKYBOX_CONCAT(_skybox_r, __LINE__), lhs, expr)
#define SKYBOX_CONCAT_INNER(a, b) a##b
#define SKYBOX_CONCAT(a, b) SKYBOX_CONCAT_INNER(a, b)
#define SKYBOX_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
