#include "services/delivery/envelope.h"

#include <gtest/gtest.h>

namespace skybox::services::delivery {
namespace {

TEST(EnvelopeTest, RoundTripsEveryField) {
  Envelope e;
  e.target = "arn:aws:sqs:us-east-1:000000000000:q.fifo";
  e.body = std::string("bytes \xff\x00 and \"quotes\"", 22);
  e.message_attributes = {{"color", {{"DataType", "String"}, {"StringValue", "red"}}}};
  e.group_id = "g";
  e.deduplication_id = "d";
  e.http_headers = {{"x-amz-sns-message-type", "Notification"}};
  e.source_arn = "arn:aws:sns:us-east-1:000000000000:t";
  e.context = {{"Subject", "hi"}};
  e.retry.max_attempts = 7;
  e.retry.backoff = Backoff::kGeometric;
  e.dead_letter_target = "arn:aws:sqs:us-east-1:000000000000:dlq";
  e.attempts = 2;
  e.created_ms = 5;
  e.not_before_ms = 9;
  e.last_error = "HTTP 500";
  auto d = DecodeEnvelope(EncodeEnvelope(e));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->target, e.target);
  EXPECT_EQ(d->body, e.body);  // byte for byte, even when not UTF-8
  EXPECT_EQ(d->message_attributes, e.message_attributes);
  EXPECT_EQ(d->group_id, "g");
  EXPECT_EQ(d->deduplication_id, "d");
  EXPECT_EQ(d->http_headers, e.http_headers);
  EXPECT_EQ(d->context, e.context);
  EXPECT_EQ(d->retry.max_attempts, 7u);
  EXPECT_EQ(d->retry.backoff, Backoff::kGeometric);
  EXPECT_EQ(d->dead_letter_target, e.dead_letter_target);
  EXPECT_EQ(d->attempts, 2u);
  EXPECT_EQ(d->not_before_ms, 9);
  EXPECT_EQ(d->last_error, "HTTP 500");
}

TEST(EnvelopeTest, GarbageDoesNotDecode) {
  EXPECT_FALSE(DecodeEnvelope("").has_value());
  EXPECT_FALSE(DecodeEnvelope("{\"target\": 3}").has_value());
}

TEST(RetryDelayTest, PhasesInOrder) {
  RetryPolicy p;
  p.max_attempts = 11;  // 10 retries
  p.immediate_retries = 2;
  p.min_delay_retries = 2;
  p.max_delay_retries = 2;
  p.min_delay_ms = 1000;
  p.max_delay_ms = 9000;
  p.backoff = Backoff::kLinear;
  EXPECT_EQ(RetryDelayMs(p, 1), 0);
  EXPECT_EQ(RetryDelayMs(p, 2), 0);
  EXPECT_EQ(RetryDelayMs(p, 3), 1000);
  EXPECT_EQ(RetryDelayMs(p, 4), 1000);
  // Four backoff retries from min to max.
  EXPECT_EQ(RetryDelayMs(p, 5), 1000);
  EXPECT_GT(RetryDelayMs(p, 6), 1000);
  EXPECT_LT(RetryDelayMs(p, 7), 9000);
  EXPECT_EQ(RetryDelayMs(p, 8), 9000);
  EXPECT_EQ(RetryDelayMs(p, 9), 9000);
  EXPECT_EQ(RetryDelayMs(p, 10), 9000);
}

TEST(RetryDelayTest, BackoffShapesGrowMonotonically) {
  for (Backoff b : {Backoff::kLinear, Backoff::kArithmetic, Backoff::kGeometric, Backoff::kExponential}) {
    RetryPolicy p;
    p.max_attempts = 20;
    p.min_delay_ms = 100;
    p.max_delay_ms = 60000;
    p.backoff = b;
    int64_t previous = 0;
    for (uint32_t r = 1; r < 20; ++r) {
      int64_t d = RetryDelayMs(p, r);
      EXPECT_GE(d, previous);
      EXPECT_GE(d, 100);
      EXPECT_LE(d, 60000);
      previous = d;
    }
    EXPECT_EQ(previous, 60000);
  }
}

}  // namespace
}  // namespace skybox::services::delivery
