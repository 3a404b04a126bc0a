#include "aws/protocol/query_compat.h"

#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "aws/protocol/test_util.h"

namespace skybox::aws {
namespace {

using testing::MakeRequest;

net::HttpRequest SqsForm(std::string body, std::string path = "/") {
  return MakeRequest("POST", std::move(path),
                     {{"Content-Type", "application/x-www-form-urlencoded"}, {"Host", "localhost:4566"}},
                     std::move(body) + "&Version=2012-11-05");
}

class SqsQueryTest : public ::testing::Test {
 protected:
  const ServiceModel& sqs = testing::Model("sqs");
  const ProtocolCodec& codec = ProtocolCodec::ForRequest(sqs, SqsForm("Action=ListQueues"));
  RequestContext ctx{.request_id = "rid"};

  Result<Document> Decode(const std::string& body, const std::string& path = "/") {
    net::HttpRequest request = SqsForm(body, path);
    auto op = codec.ResolveOperation(sqs, request);
    if (!op.ok()) return op.status();
    return codec.DecodeInput(sqs, **op, request);
  }
  std::string Encode(const char* operation, const char* output_json) {
    return codec.EncodeOutput(sqs, *sqs.FindOperation(operation), Document::parse(output_json), ctx).body;
  }
};

TEST_F(SqsQueryTest, TwinCarriesQueryNamesOfTheJsonModel) {
  EXPECT_EQ(codec.protocol(), "query");
  ASSERT_TRUE(NeedsQueryTwin(sqs));
  const ServiceModel* twin = QueryTwin(sqs);
  ASSERT_NE(twin, nullptr);  // every overlay row still names a member of the model
  EXPECT_EQ(twin->protocol(), "query");
  EXPECT_EQ(twin->xml_namespace(), "http://queue.amazonaws.com/doc/2012-11-05/");
  EXPECT_EQ(twin->FindOperation("SendMessage")->result_wrapper, "SendMessageResult");
  EXPECT_EQ(QueryTwin(testing::Model("sts")), nullptr);
}

TEST_F(SqsQueryTest, DecodesAttributeAndTagMaps) {
  auto in = Decode("Action=CreateQueue&QueueName=q&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40&"
                   "Attribute.2.Name=DelaySeconds&Attribute.2.Value=1&Tag.1.Key=team&Tag.1.Value=a%20b");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(*in, Document::parse(R"({"QueueName":"q","Attributes":{"VisibilityTimeout":"40",
      "DelaySeconds":"1"},"tags":{"team":"a b"}})"));
}

TEST_F(SqsQueryTest, DecodesMessageAttributesAndNameListsAndBatchEntries) {
  auto send = Decode("Action=SendMessage&QueueUrl=http://h/000000000000/q&MessageBody=hi&"
                     "MessageAttribute.1.Name=s&MessageAttribute.1.Value.StringValue=x&"
                     "MessageAttribute.1.Value.DataType=String&MessageAttribute.2.Name=b&"
                     "MessageAttribute.2.Value.BinaryValue=AAE%3D&MessageAttribute.2.Value.DataType=Binary");
  ASSERT_TRUE(send.ok()) << send.status().ToString();
  EXPECT_EQ((*send)["MessageAttributes"]["s"], Document::parse(R"({"StringValue":"x","DataType":"String"})"));
  EXPECT_EQ((*send)["MessageAttributes"]["b"]["BinaryValue"], Document::binary({0, 1}));

  auto receive = Decode("Action=ReceiveMessage&QueueUrl=u&AttributeName.1=All&MessageAttributeName.1=s&"
                        "MessageAttributeName.2=b&MaxNumberOfMessages=5");
  ASSERT_TRUE(receive.ok()) << receive.status().ToString();
  EXPECT_EQ(*receive, Document::parse(R"({"QueueUrl":"u","AttributeNames":["All"],
      "MessageAttributeNames":["s","b"],"MaxNumberOfMessages":5})"));

  auto batch = Decode("Action=SendMessageBatch&QueueUrl=u&SendMessageBatchRequestEntry.1.Id=a&"
                      "SendMessageBatchRequestEntry.1.MessageBody=one&SendMessageBatchRequestEntry.2.Id=b&"
                      "SendMessageBatchRequestEntry.2.MessageBody=two&"
                      "SendMessageBatchRequestEntry.2.MessageAttribute.1.Name=k&"
                      "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue=v&"
                      "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType=String");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(*batch, Document::parse(R"({"QueueUrl":"u","Entries":[{"Id":"a","MessageBody":"one"},
      {"Id":"b","MessageBody":"two","MessageAttributes":{"k":{"StringValue":"v","DataType":"String"}}}]})"));
}

TEST_F(SqsQueryTest, QueueUrlComesFromThePathWhenTheFormOmitsIt) {
  auto in = Decode("Action=DeleteQueue", "/000000000000/q");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ((*in)["QueueUrl"], "http://localhost:4566/000000000000/q");
}

TEST_F(SqsQueryTest, AbsentRequiredParameterIsMissingParameter) {
  auto in = Decode("Action=SendMessage&QueueUrl=u");
  ASSERT_FALSE(in.ok());
  net::HttpResponse resp = codec.EncodeError(sqs, in.status(), ctx);
  EXPECT_EQ(resp.status, 400);
  EXPECT_NE(resp.body.find("<Code>MissingParameter</Code><Message>The request must contain the parameter "
                           "MessageBody.</Message>"),
            std::string::npos)
      << resp.body;
}

TEST_F(SqsQueryTest, EncodesResultsWithQueryElementNames) {
  EXPECT_EQ(Encode("ListQueues", R"({"QueueUrls":["http://h/1/a","http://h/1/b"]})"),
            "<ListQueuesResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ListQueuesResult>"
            "<QueueUrl>http://h/1/a</QueueUrl><QueueUrl>http://h/1/b</QueueUrl></ListQueuesResult>"
            "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListQueuesResponse>");
  std::string received = Encode("ReceiveMessage", R"({"Messages":[{"MessageId":"m","Body":"hi",
      "Attributes":{"SenderId":"s"},"MessageAttributes":{"k":{"StringValue":"v","DataType":"String"}}}]})");
  EXPECT_NE(received.find("<ReceiveMessageResult><Message><MessageId>m</MessageId>"), std::string::npos) << received;
  EXPECT_NE(received.find("<Attribute><Name>SenderId</Name><Value>s</Value></Attribute>"), std::string::npos);
  EXPECT_NE(received.find("<MessageAttribute><Name>k</Name><Value><StringValue>v</StringValue>"
                          "<DataType>String</DataType></Value></MessageAttribute>"),
            std::string::npos);
  EXPECT_EQ(Encode("ListQueueTags", R"({"Tags":{"k":"v"}})"),
            "<ListQueueTagsResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ListQueueTagsResult>"
            "<Tag><Key>k</Key><Value>v</Value></Tag></ListQueueTagsResult>"
            "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListQueueTagsResponse>");
  EXPECT_EQ(Encode("DeleteQueue", "{}"),
            "<DeleteQueueResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
            "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteQueueResponse>");
}

TEST_F(SqsQueryTest, ErrorsUseTheLegacyQueryCodes) {
  Status missing = Status::Aws(StatusCode::kNotFound, 400, "QueueDoesNotExist", "The specified queue does not exist.");
  net::HttpResponse resp = codec.EncodeError(sqs, missing, ctx);
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(resp.body,
            "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
            "<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not "
            "exist.</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
  EXPECT_EQ(ErrorCodes(sqs, "QueueNameExists").query, "QueueAlreadyExists");
  EXPECT_EQ(ErrorCodes(sqs, "AWS.SimpleQueueService.NonExistentQueue").json, "QueueDoesNotExist");
  EXPECT_EQ(ErrorCodes(testing::Model("sns"), "NotFound").query, "NotFound");
}

TEST(QueryCompatTest, QueryRequestToAServiceWithoutOverlayIsNotImplemented) {
  const ServiceModel& cloudwatch = testing::Model("cloudwatch");
  ASSERT_TRUE(NeedsQueryTwin(cloudwatch));
  const ProtocolCodec& codec = *ProtocolCodec::ForProtocol("query");
  auto op = codec.ResolveOperation(cloudwatch, SqsForm("Action=ListMetrics"));
  ASSERT_FALSE(op.ok());
  EXPECT_EQ(op.status().aws_code(), "NotImplemented");
  EXPECT_EQ(op.status().http_status(), 501);
  EXPECT_NE(op.status().message().find("query protocol"), std::string::npos);
  EXPECT_NE(op.status().message().find("ListMetrics"), std::string::npos);
}

}  // namespace
}  // namespace skybox::aws
