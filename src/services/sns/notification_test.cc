#include "services/sns/notification.h"

#include <gtest/gtest.h>

namespace skybox::services::sns {
namespace {

NotificationFields Sample() {
  NotificationFields f;
  f.message_id = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324";
  f.topic_arn = "arn:aws:sns:us-east-1:000000000000:orders";
  f.message = "hello";
  f.timestamp = "2026-11-29T08:00:00.000Z";
  f.unsubscribe_url = "http://127.0.0.1:4566/?Action=Unsubscribe";
  f.signature = "c2ln";
  f.signing_cert_url = "http://127.0.0.1:4566/_skybox/sns/SimpleNotificationService-x.pem";
  return f;
}

TEST(NotificationTest, StringToSignOfNotificationOmitsAbsentSubject) {
  NotificationFields f = Sample();
  EXPECT_EQ(StringToSign(f),
            "Message\nhello\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nTimestamp\n2026-11-29T08:00:00.000Z\n"
            "TopicArn\narn:aws:sns:us-east-1:000000000000:orders\nType\nNotification\n");
  f.subject = "greeting";
  EXPECT_NE(StringToSign(f).find("MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\ngreeting\nTimestamp\n"),
            std::string::npos);
}

TEST(NotificationTest, StringToSignOfConfirmationHasUrlAndToken) {
  NotificationFields f = Sample();
  f.type = "SubscriptionConfirmation";
  f.subject = "ignored";
  f.token = "tok";
  f.subscribe_url = "http://x/?Action=ConfirmSubscription";
  EXPECT_EQ(StringToSign(f),
            "Message\nhello\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubscribeURL\n"
            "http://x/?Action=ConfirmSubscription\nTimestamp\n2026-11-29T08:00:00.000Z\nToken\ntok\n"
            "TopicArn\narn:aws:sns:us-east-1:000000000000:orders\nType\nSubscriptionConfirmation\n");
}

TEST(NotificationTest, JsonHasAwsFieldsInOrder) {
  NotificationFields f = Sample();
  f.message_attributes = NotificationAttributes(
      nlohmann::json{{"color", {{"DataType", "String"}, {"StringValue", "red"}}},
                     {"blob", {{"DataType", "Binary"}, {"BinaryValue", "AAE="}}}});
  std::string text = NotificationJson(f);
  EXPECT_LT(text.find("\"Type\""), text.find("\"MessageId\""));
  EXPECT_LT(text.find("\"Message\""), text.find("\"Timestamp\""));
  auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["Type"], "Notification");
  EXPECT_EQ(doc["SignatureVersion"], "1");
  EXPECT_FALSE(doc.contains("Subject"));
  EXPECT_FALSE(doc.contains("Token"));
  EXPECT_EQ(doc["UnsubscribeURL"], f.unsubscribe_url);
  EXPECT_EQ(doc["MessageAttributes"]["color"]["Type"], "String");
  EXPECT_EQ(doc["MessageAttributes"]["color"]["Value"], "red");
  EXPECT_EQ(doc["MessageAttributes"]["blob"]["Value"], "AAE=");
}

TEST(NotificationTest, ConfirmationJsonHasTokenAndNoUnsubscribeUrl) {
  NotificationFields f = Sample();
  f.type = "SubscriptionConfirmation";
  f.token = "tok";
  f.subscribe_url = "http://x/";
  auto doc = nlohmann::json::parse(NotificationJson(f));
  EXPECT_EQ(doc["Token"], "tok");
  EXPECT_EQ(doc["SubscribeURL"], "http://x/");
  EXPECT_FALSE(doc.contains("UnsubscribeURL"));
}

TEST(NotificationTest, TimestampIsIsoWithMilliseconds) {
  EXPECT_EQ(NotificationTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(NotificationTimestamp(1764403200123), "2025-11-29T08:00:00.123Z");
}

}  // namespace
}  // namespace skybox::services::sns
