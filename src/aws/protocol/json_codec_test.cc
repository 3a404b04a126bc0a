#include <zlib.h>

#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "aws/protocol/json_shape.h"
#include "aws/protocol/test_util.h"

namespace skybox::aws {
namespace {

using testing::HeaderOf;
using testing::MakeRequest;

net::HttpRequest Call(const std::string& target, std::string body) {
  return MakeRequest("POST", "/", {{"X-Amz-Target", target}, {"Content-Type", "application/x-amz-json-1.0"}},
                     std::move(body));
}

TEST(JsonCodecTest, UnknownOperation) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  const ProtocolCodec& codec = ProtocolCodec::For(ddb);
  for (const char* target : {"DynamoDB_20120810.Nope", "Other.PutItem", "PutItem"}) {
    auto r = codec.ResolveOperation(ddb, Call(target, "{}"));
    ASSERT_FALSE(r.ok()) << target;
    net::HttpResponse resp = codec.EncodeError(ddb, r.status(), {});
    EXPECT_EQ(resp.status, 400);
    EXPECT_EQ(resp.body, R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
  }
  EXPECT_FALSE(codec.ResolveOperation(ddb, MakeRequest("POST", "/")).ok());
}

TEST(JsonCodecTest, MalformedAndMistypedBodies) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  const ProtocolCodec& codec = ProtocolCodec::For(ddb);
  const OperationModel& op = *ddb.FindOperation("GetItem");
  for (const char* body : {"{", "[1]", R"({"TableName": 5, "Key": {}})", R"({"TableName":"t","Key":[]})"}) {
    auto r = codec.DecodeInput(ddb, op, Call("DynamoDB_20120810.GetItem", body));
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().aws_code(), "SerializationException") << body;
    EXPECT_EQ(r.status().http_status(), 400);
  }
  std::string bomb(100000, '[');
  auto r = codec.DecodeInput(ddb, op, Call("DynamoDB_20120810.GetItem", "{\"Key\":" + bomb));
  EXPECT_EQ(r.status().aws_code(), "SerializationException");
  auto blob = codec.DecodeInput(ddb, op, Call("DynamoDB_20120810.GetItem",
                                              R"({"TableName":"t","Key":{"k":{"B":"***"}}})"));
  EXPECT_EQ(blob.status().aws_code(), "SerializationException");
}

TEST(JsonCodecTest, NestingIsCappedAtTheDocumentedDepth) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  const ProtocolCodec& codec = ProtocolCodec::For(ddb);
  const OperationModel& op = *ddb.FindOperation("PutItem");
  // {"TableName":"t","Item":{"v": <value>}} with `value` nested so the body is `depth` deep.
  auto body = [](int depth) {
    std::string value = R"({"S":"leaf"})";
    for (int level = 4; level < depth; level += 2) value = R"({"M":{"a":)" + value + "}}";
    return R"({"TableName":"t","Item":{"v":)" + value + "}}";
  };
  EXPECT_TRUE(JsonDepthWithin(body(kMaxNestingDepth), kMaxNestingDepth));
  auto within = codec.DecodeInput(ddb, op, Call("DynamoDB_20120810.PutItem", body(kMaxNestingDepth)));
  EXPECT_TRUE(within.ok()) << within.status().message();
  auto beyond = codec.DecodeInput(ddb, op, Call("DynamoDB_20120810.PutItem", body(kMaxNestingDepth + 2)));
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.status().aws_code(), "SerializationException");
}

TEST(JsonCodecTest, ValidationException) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  const ProtocolCodec& codec = ProtocolCodec::For(ddb);
  auto r = codec.DecodeInput(ddb, *ddb.FindOperation("GetItem"),
                             Call("DynamoDB_20120810.GetItem", R"({"Key":{},"Unknown":1})"));
  ASSERT_FALSE(r.ok());
  net::HttpResponse resp = codec.EncodeError(ddb, r.status(), {.request_id = "x"});
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(resp.body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error )"
            R"(detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"})");
}

TEST(JsonCodecTest, EmptyBodyIsEmptyInputAndUnknownMembersAreIgnored) {
  const ServiceModel& sqs = testing::Model("sqs");
  const ProtocolCodec& codec = ProtocolCodec::For(sqs);
  auto list = codec.DecodeInput(sqs, *sqs.FindOperation("ListQueues"), Call("AmazonSQS.ListQueues", ""));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, Document::object());
  auto get = codec.DecodeInput(sqs, *sqs.FindOperation("GetQueueUrl"),
                               Call("AmazonSQS.GetQueueUrl", R"({"QueueName":"q","Bogus":{"a":1}})"));
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(*get, Document({{"QueueName", "q"}}));
}

TEST(JsonCodecTest, DynamoDbOutputCarriesCrc32) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  net::HttpResponse resp = ProtocolCodec::For(ddb).EncodeOutput(
      ddb, *ddb.FindOperation("GetItem"), Document{{"Item", {{"b", {{"B", Document::binary({1, 2, 3})}}}}}},
      {.request_id = "r"});
  EXPECT_EQ(resp.body, R"({"Item":{"b":{"B":"AQID"}}})");
  EXPECT_EQ(HeaderOf(resp, "Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(HeaderOf(resp, "x-amzn-RequestId"), "r");
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(resp.body.data()), resp.body.size());
  EXPECT_EQ(HeaderOf(resp, "x-amz-crc32"), std::to_string(crc));
}

TEST(JsonCodecTest, SqsErrorsAreQueryCompatible) {
  const ServiceModel& sqs = testing::Model("sqs");
  net::HttpResponse resp = ProtocolCodec::For(sqs).EncodeError(
      sqs, Status::Aws(StatusCode::kNotFound, 0, "QueueDoesNotExist", "The specified queue does not exist."), {});
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(resp.body, R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."})");
  EXPECT_EQ(HeaderOf(resp, "x-amzn-query-error"), "AWS.SimpleQueueService.NonExistentQueue;Sender");
  net::HttpResponse legacy = ProtocolCodec::For(sqs).EncodeError(
      sqs, Status::Aws(StatusCode::kNotFound, 400, "AWS.SimpleQueueService.NonExistentQueue", "gone"), {});
  EXPECT_EQ(legacy.body, R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"})");
  EXPECT_EQ(HeaderOf(legacy, "x-amzn-query-error"), "AWS.SimpleQueueService.NonExistentQueue;Sender");
}

TEST(JsonCodecTest, ErrorDetailsBecomeMembers) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  Status cancelled = Status::Aws(StatusCode::kAborted, 400, "TransactionCanceledException", "cancelled")
                         .WithDetail("CancellationReasons", R"([{"Code":"None"}])")
                         .WithDetail("Note", "[not json");
  net::HttpResponse resp = ProtocolCodec::For(ddb).EncodeError(ddb, cancelled, {});
  EXPECT_EQ(resp.body, R"({"CancellationReasons":[{"Code":"None"}],"Note":"[not json",)"
                       R"("__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","message":"cancelled"})");
}

TEST(JsonCodecTest, SqsMissingParameter) {
  const ServiceModel& sqs = testing::Model("sqs");
  const ProtocolCodec& codec = ProtocolCodec::For(sqs);
  auto r = codec.DecodeInput(sqs, *sqs.FindOperation("SendMessage"),
                             Call("AmazonSQS.SendMessage", R"({"QueueUrl":"http://q"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().aws_code(), "MissingParameter");
  EXPECT_EQ(r.status().message(), "The request must contain the parameter MessageBody.");
  net::HttpResponse resp = codec.EncodeError(sqs, r.status(), {});
  EXPECT_EQ(HeaderOf(resp, "x-amzn-query-error"), "MissingParameter;Sender");
}

TEST(JsonCodecTest, OtherServicesSendBareTypeAndJson11) {
  const ServiceModel& logs = testing::Model("logs");
  net::HttpResponse resp = ProtocolCodec::For(logs).EncodeError(
      logs, Status::Aws(StatusCode::kNotFound, 0, "ResourceNotFoundException", "gone"), {});
  EXPECT_EQ(resp.body, R"({"__type":"ResourceNotFoundException","message":"gone"})");
  EXPECT_EQ(HeaderOf(resp, "Content-Type"), "application/x-amz-json-1.1");
  net::HttpResponse unavailable = ProtocolCodec::For(logs).EncodeError(logs, Unavailable("later"), {});
  EXPECT_EQ(unavailable.status, 503);
}

TEST(JsonCodecTest, HugeNumbersAreRejectedOrClamped) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  const ProtocolCodec& codec = ProtocolCodec::For(ddb);
  auto r = codec.DecodeInput(ddb, *ddb.FindOperation("Query"),
                             Call("DynamoDB_20120810.Query", R"({"TableName":"t","Limit":1e300})"));
  EXPECT_EQ(r.status().aws_code(), "SerializationException");
  net::HttpResponse resp = codec.EncodeOutput(
      ddb, *ddb.FindOperation("DescribeTable"), Document{{"Table", {{"CreationDateTime", 1e300}}}}, {});
  EXPECT_EQ(resp.body, R"({"Table":{"CreationDateTime":253402300799}})");
}

TEST(JsonCodecTest, TimestampsAsEpochSeconds) {
  const ServiceModel& ddb = testing::Model("dynamodb");
  net::HttpResponse resp = ProtocolCodec::For(ddb).EncodeOutput(
      ddb, *ddb.FindOperation("DescribeTable"),
      Document{{"Table", {{"TableName", "t"}, {"CreationDateTime", "2024-05-06T07:08:09.5Z"}}}}, {});
  EXPECT_EQ(resp.body, R"({"Table":{"CreationDateTime":1714979289.5,"TableName":"t"}})");
}

TEST(JsonCodecTest, OutputIsWrittenByWireNameAndLeavesOutWhatHasNoWireForm) {
  Shape text{.name = "Text", .type = ShapeType::kString};
  Shape bytes{.name = "Bytes", .type = ShapeType::kBlob};
  Shape count{.name = "Count", .type = ShapeType::kLong};
  Shape texts{.name = "Texts", .type = ShapeType::kList};
  texts.member = Member{.name = "member", .shape = &text};
  Shape counts{.name = "Counts", .type = ShapeType::kMap};
  counts.value = Member{.name = "value", .shape = &count};
  Shape out{.name = "Out", .type = ShapeType::kStructure};
  out.members = {Member{.name = "Zeta", .shape = &text, .location_name = "alpha"},
                 Member{.name = "Blob", .shape = &bytes},
                 Member{.name = "Size", .shape = &count},
                 Member{.name = "Header", .shape = &text, .location = Location::kHeader},
                 Member{.name = "List", .shape = &texts},
                 Member{.name = "Map", .shape = &counts},
                 Member{.name = "Gone", .shape = &text}};
  Document doc = {{"Zeta", "renamed"},
                  {"Blob", Document::binary({0xfb, 0xff})},
                  {"Size", 7.9},
                  {"Header", "h"},
                  {"List", {"a", "b\"c"}},
                  {"Map", {{"x", 1}, {"y", "not a number"}, {"z", 2.0}}},
                  {"Gone", nullptr},
                  {"NotInModel", 1}};
  // Sorted by wire name in byte order (upper case first), the float long truncated, a map value
  // without a wire form left out, null and unknown members left out; body_only drops the header.
  EXPECT_EQ(WriteJsonForShape(doc, out, false),
            R"({"Blob":"+/8=","Header":"h","List":["a","b\"c"],"Map":{"x":1,"z":2},"Size":7,"alpha":"renamed"})");
  EXPECT_EQ(WriteJsonForShape(doc, out, true),
            R"({"Blob":"+/8=","List":["a","b\"c"],"Map":{"x":1,"z":2},"Size":7,"alpha":"renamed"})");
  doc["List"] = "not a list";
  doc["Size"] = 1e19;
  EXPECT_EQ(WriteJsonForShape(doc, out, true), R"({"Blob":"+/8=","Map":{"x":1,"z":2},"alpha":"renamed"})");
  EXPECT_EQ(WriteJsonForShape(Document("not an object"), out, false), "{}");
}

}  // namespace
}  // namespace skybox::aws
