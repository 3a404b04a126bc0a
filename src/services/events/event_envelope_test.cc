#include "services/events/event_envelope.h"

#include <gtest/gtest.h>

namespace skybox::services::events {
namespace {

TEST(EventEnvelopeTest, KeysInAwsOrder) {
  Event event{"6a7e8feb-b491-4cf7-a9f1-bf3703467718", "myDetailType", "com.mycompany.myapp", "000000000000",
              1795939200999, "us-east-1", {"arn:aws:s3:::b"}, R"({"z":1,"a":{"y":2,"b":3}})"};
  EXPECT_EQ(EventJson(event),
            R"({"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"myDetailType",)"
            R"("source":"com.mycompany.myapp","account":"000000000000","time":"2026-11-29T08:00:00Z",)"
            R"("region":"us-east-1","resources":["arn:aws:s3:::b"],"detail":{"z":1,"a":{"y":2,"b":3}}})");
}

TEST(EventEnvelopeTest, TimeIsWholeSecondsUtc) {
  EXPECT_EQ(FormatEventTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatEventTime(1798761599999), "2026-12-31T23:59:59Z");
}

TEST(EventEnvelopeTest, EntryChecks) {
  nlohmann::json good = {{"Source", "my.app"}, {"DetailType", "t"}, {"Detail", R"({"a":1})"}};
  EXPECT_FALSE(CheckEntry(good).has_value());

  nlohmann::json no_source = good;
  no_source.erase("Source");
  auto e = CheckEntry(no_source);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, "InvalidArgument");
  EXPECT_EQ(e->message, "Parameter Source is not valid. Reason: Source is a required argument.");

  nlohmann::json no_detail = good;
  no_detail.erase("Detail");
  EXPECT_EQ(CheckEntry(no_detail)->message, "Parameter Detail is not valid. Reason: Detail is a required argument.");

  for (const char* detail : {"{", "[1,2]", "\"text\"", "5"}) {
    nlohmann::json bad = good;
    bad["Detail"] = detail;
    auto error = CheckEntry(bad);
    ASSERT_TRUE(error.has_value()) << detail;
    EXPECT_EQ(error->code, "MalformedDetail");
    EXPECT_EQ(error->message, "Detail is malformed.");
  }
  nlohmann::json reserved = good;
  reserved["Source"] = "aws.s3";
  EXPECT_EQ(CheckEntry(reserved)->code, "NotAuthorizedForSourceException");
}

TEST(EventEnvelopeTest, EntrySizeAsAwsCounts) {
  nlohmann::json entry = {{"Source", "abc"}, {"DetailType", "de"}, {"Detail", "{}"}, {"Resources", {"r1", "r22"}}};
  EXPECT_EQ(EntrySize(entry), 3u + 2 + 2 + 2 + 3);
  entry["Time"] = 1.0;
  EXPECT_EQ(EntrySize(entry), 14u + 12);
}

}  // namespace
}  // namespace skybox::services::events
