#include "services/s3/http/conditions.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

constexpr std::string_view kEtag = "\"9b2cf535f27731c974343645a3985328\"";
constexpr int64_t kModified = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
constexpr std::string_view kBefore = "Sun, 06 Nov 1994 08:49:36 GMT";
constexpr std::string_view kAt = "Sun, 06 Nov 1994 08:49:37 GMT";
constexpr std::string_view kAfter = "Sunday, 06-Nov-94 08:49:38 GMT";
const ObjectState kObject{kEtag, kModified};

ConditionOutcome Read(const ReadConditions& c) { return EvaluateReadConditions(c, kObject).outcome; }

TEST(ConditionsTest, NoConditionsProceed) {
  EXPECT_EQ(Read({}), ConditionOutcome::kProceed);
  EXPECT_EQ(EvaluateReadConditions({}, kObject).failed_condition, "");
}

TEST(ConditionsTest, IfMatch) {
  EXPECT_EQ(Read({.if_match = kEtag}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_match = "9b2cf535f27731c974343645a3985328"}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_match = "*"}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_match = "\"x\", \"9b2cf535f27731c974343645a3985328\""}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_match = "\"other\""}), ConditionOutcome::kPreconditionFailed);
  EXPECT_EQ(Read({.if_match = "W/\"9b2cf535f27731c974343645a3985328\""}),
            ConditionOutcome::kPreconditionFailed);  // strong comparison
  EXPECT_EQ(Read({.if_match = ""}), ConditionOutcome::kPreconditionFailed);
  EXPECT_EQ(EvaluateReadConditions({.if_match = "\"other\""}, kObject).failed_condition, "If-Match");
}

TEST(ConditionsTest, IfNoneMatch) {
  EXPECT_EQ(Read({.if_none_match = kEtag}), ConditionOutcome::kNotModified);
  EXPECT_EQ(Read({.if_none_match = "*"}), ConditionOutcome::kNotModified);
  EXPECT_EQ(Read({.if_none_match = "W/\"9b2cf535f27731c974343645a3985328\""}),
            ConditionOutcome::kNotModified);  // weak comparison
  EXPECT_EQ(Read({.if_none_match = "\"a\",\"b\""}), ConditionOutcome::kProceed);
  EXPECT_EQ(EvaluateReadConditions({.if_none_match = kEtag}, kObject).failed_condition, "If-None-Match");
}

TEST(ConditionsTest, Dates) {
  EXPECT_EQ(Read({.if_modified_since = kBefore}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_modified_since = kAt}), ConditionOutcome::kNotModified);
  EXPECT_EQ(Read({.if_modified_since = kAfter}), ConditionOutcome::kNotModified);
  EXPECT_EQ(Read({.if_unmodified_since = kBefore}), ConditionOutcome::kPreconditionFailed);
  EXPECT_EQ(Read({.if_unmodified_since = kAt}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_unmodified_since = "Sun Nov  6 08:49:38 1994"}), ConditionOutcome::kProceed);
  // Malformed dates are ignored.
  EXPECT_EQ(Read({.if_modified_since = "garbage"}), ConditionOutcome::kProceed);
  EXPECT_EQ(Read({.if_unmodified_since = "2000-01-01"}), ConditionOutcome::kProceed);
}

TEST(ConditionsTest, PrecedenceAsS3Documents) {
  // If-Match true + If-Unmodified-Since false -> 200.
  EXPECT_EQ(Read({.if_match = kEtag, .if_unmodified_since = kBefore}), ConditionOutcome::kProceed);
  // If-None-Match false + If-Modified-Since true -> 304.
  EXPECT_EQ(Read({.if_none_match = kEtag, .if_modified_since = kBefore}), ConditionOutcome::kNotModified);
  // If-None-Match true + If-Modified-Since false -> 200 (the date is not consulted).
  EXPECT_EQ(Read({.if_none_match = "\"other\"", .if_modified_since = kAfter}), ConditionOutcome::kProceed);
  // 412 outranks 304.
  EXPECT_EQ(Read({.if_match = "\"other\"", .if_none_match = kEtag}), ConditionOutcome::kPreconditionFailed);
  EXPECT_EQ(Read({.if_none_match = kEtag, .if_unmodified_since = kBefore}),
            ConditionOutcome::kPreconditionFailed);
}

TEST(ConditionsTest, CopySourceFailsWith412) {
  auto copy = [](const ReadConditions& c) { return EvaluateCopySourceConditions(c, kObject); };
  EXPECT_EQ(copy({.if_match = kEtag, .if_unmodified_since = kBefore}).outcome, ConditionOutcome::kProceed);
  ConditionResult r = copy({.if_none_match = kEtag, .if_modified_since = kBefore});
  EXPECT_EQ(r.outcome, ConditionOutcome::kPreconditionFailed);
  EXPECT_EQ(r.failed_condition, "x-amz-copy-source-If-None-Match");
  r = copy({.if_modified_since = kAt});
  EXPECT_EQ(r.outcome, ConditionOutcome::kPreconditionFailed);
  EXPECT_EQ(r.failed_condition, "x-amz-copy-source-If-Modified-Since");
  EXPECT_EQ(copy({.if_unmodified_since = kBefore}).failed_condition,
            "x-amz-copy-source-If-Unmodified-Since");
  Status s = PreconditionFailedError();
  EXPECT_EQ(s.http_status(), 412);
  EXPECT_EQ(s.aws_code(), "PreconditionFailed");
  EXPECT_EQ(s.message(), "At least one of the pre-conditions you specified did not hold");
}

TEST(ConditionsTest, ConditionalWrites) {
  const std::optional<ObjectState> none;
  EXPECT_TRUE(EvaluateWriteConditions({}, kObject).ok());
  EXPECT_TRUE(EvaluateWriteConditions({.if_none_match = "*"}, none).ok());
  EXPECT_TRUE(EvaluateWriteConditions({.if_match = kEtag}, kObject).ok());

  Status exists = EvaluateWriteConditions({.if_none_match = "*"}, kObject);
  EXPECT_EQ(exists.http_status(), 412);
  EXPECT_EQ(exists.aws_code(), "PreconditionFailed");
  Status changed = EvaluateWriteConditions({.if_match = "\"other\""}, kObject);
  EXPECT_EQ(changed.aws_code(), "PreconditionFailed");
  Status missing = EvaluateWriteConditions({.if_match = kEtag}, none);
  EXPECT_EQ(missing.http_status(), 404);
  EXPECT_EQ(missing.aws_code(), "NoSuchKey");
  EXPECT_EQ(missing.message(), "The specified key does not exist.");

  for (WriteConditions unsupported : {WriteConditions{.if_match = kEtag, .if_none_match = "*"},
                                      WriteConditions{.if_none_match = kEtag},
                                      WriteConditions{.if_match = "*"}}) {
    Status s = ValidateWriteConditions(unsupported);
    EXPECT_EQ(s.http_status(), 501);
    EXPECT_EQ(s.aws_code(), "NotImplemented");
    EXPECT_EQ(s.message(), "A header you provided implies functionality that is not implemented");
    EXPECT_EQ(EvaluateWriteConditions(unsupported, none).aws_code(), "NotImplemented");
  }

  Status conflict = ConditionalRequestConflictError();
  EXPECT_EQ(conflict.http_status(), 409);
  EXPECT_EQ(conflict.aws_code(), "ConditionalRequestConflict");
  EXPECT_EQ(conflict.code(), StatusCode::kAborted);
}

TEST(DeleteConditionsTest, EachConditionAgainstTheObjectTheDeleteWouldRemove) {
  const DeletedObjectState object{"\"9b2cf535f27731c974343645a3985328\"", 1700000000, 11};
  const std::optional<DeletedObjectState> none;
  EXPECT_TRUE(EvaluateDeleteConditions({}, object).ok());
  EXPECT_TRUE(EvaluateDeleteConditions({}, none).ok());
  EXPECT_TRUE(EvaluateDeleteConditions({.if_match = "9b2cf535f27731c974343645a3985328"}, object).ok());
  EXPECT_TRUE(EvaluateDeleteConditions({.if_match = "*"}, object).ok());
  EXPECT_TRUE(EvaluateDeleteConditions({.if_match = "*", .last_modified = 1700000000, .size = 11}, object).ok());

  Status other = EvaluateDeleteConditions({.if_match = "\"other\""}, object);
  EXPECT_EQ(other.http_status(), 412);
  EXPECT_EQ(other.aws_code(), "PreconditionFailed");
  EXPECT_EQ(EvaluateDeleteConditions({.last_modified = 1700000001}, object).aws_code(), "PreconditionFailed");
  EXPECT_EQ(EvaluateDeleteConditions({.size = 12}, object).aws_code(), "PreconditionFailed");
  EXPECT_EQ(EvaluateDeleteConditions({.size = -1}, object).aws_code(), "PreconditionFailed");
  EXPECT_EQ(EvaluateDeleteConditions({.if_match = "*", .size = 10}, object).aws_code(), "PreconditionFailed");

  // If-Match wants an object; the other two hold for a missing one.
  Status missing = EvaluateDeleteConditions({.if_match = "*"}, none);
  EXPECT_EQ(missing.http_status(), 404);
  EXPECT_EQ(missing.aws_code(), "NoSuchKey");
  EXPECT_TRUE(EvaluateDeleteConditions({.last_modified = 1, .size = 1}, none).ok());
}

TEST(ConditionsTest, IfRangeAppliesTheRangeOnlyToTheSameObject) {
  const ObjectState object{"\"abc\"", 784111777};  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_TRUE(IfRangeMatches("\"abc\"", object));
  EXPECT_TRUE(IfRangeMatches("Sun, 06 Nov 1994 08:49:37 GMT", object));
  for (const char* other : {"\"x\"", "W/\"abc\"", "Sun, 06 Nov 1994 08:49:38 GMT", "garbage", "\"", ""}) {
    EXPECT_FALSE(IfRangeMatches(other, object)) << other;
  }
}

}  // namespace
}  // namespace skybox::s3
