#include "services/sqs/keys.h"

#include <gtest/gtest.h>

namespace skybox::services::sqs {
namespace {

TEST(KeysTest, VisibilityKeysOrderByQueueThenTimeThenSequence) {
  EXPECT_LT(VisibilityKey(1, 5000, 9), VisibilityKey(1, 6000, 1));
  EXPECT_LT(VisibilityKey(1, 5000, 1), VisibilityKey(1, 5000, 2));
  EXPECT_LT(VisibilityKey(1, 1LL << 40, 1), VisibilityKey(2, 0, 0));
  EXPECT_LT(VisibilityKey(1, 300, 1), VisibilityKey(1, 256 * 256, 1));
  auto e = ParseVisibilityKey(VisibilityKey(7, 1700000000123, 42));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->visible_at_ms, 1700000000123);
  EXPECT_EQ(e->sequence, 42u);
}

TEST(KeysTest, MessageKeysStayWithinTheQueuePrefix) {
  std::string k = MessageKey(3, ~0ull);
  EXPECT_GE(k, MessagePrefix(3));
  EXPECT_LT(k, MessagePrefix(4));
  EXPECT_EQ(SequenceOfMessageKey(MessageKey(3, 77)), 77u);
  EXPECT_LT(MessageKey(3, 255), MessageKey(3, 256));
}

TEST(KeysTest, QueueRecordKeysRoundTripWithinTheQueuePrefix) {
  std::string k = QueueRecordKey(3, QueueRecordKind::kDeduplication, "group\ndedup");
  EXPECT_GE(k, MessagePrefix(3));
  EXPECT_LT(k, MessagePrefix(4));
  auto ref = ParseQueueRecordKey(k);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->queue_id, 3u);
  EXPECT_EQ(ref->kind, QueueRecordKind::kDeduplication);
  EXPECT_EQ(ref->name, "group\ndedup");
  auto count = ParseQueueRecordKey(QueueRecordKey(9, QueueRecordKind::kMessageCount));
  ASSERT_TRUE(count);
  EXPECT_EQ(count->kind, QueueRecordKind::kMessageCount);
  EXPECT_TRUE(count->name.empty());
  EXPECT_FALSE(ParseQueueRecordKey("short"));
}

TEST(KeysTest, ReceiptHandlesRoundTripAndRejectGarbage) {
  ReceiptHandle h{5, 123456789, 3, 0xdeadbeef};
  auto back = DecodeReceiptHandle(EncodeReceiptHandle(h));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->queue_id, 5u);
  EXPECT_EQ(back->sequence, 123456789u);
  EXPECT_EQ(back->receive_count, 3u);
  EXPECT_EQ(back->nonce, 0xdeadbeefu);
  EXPECT_FALSE(DecodeReceiptHandle("garbage"));
  EXPECT_FALSE(DecodeReceiptHandle(""));
  std::string text = EncodeReceiptHandle(h);
  text[10] = text[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(DecodeReceiptHandle(text));
}

}  // namespace
}  // namespace skybox::services::sqs
