#include "aws/model/service_model.h"

#include <chrono>

#include <gtest/gtest.h>

#include "aws/model/embedded_models.h"

namespace skybox::aws {
namespace {

TEST(ServiceModelTest, EmbedsEveryImportedService) {
  std::vector<std::string> names = ServiceModel::Names();
  for (const char* n : {"s3", "sqs", "sns", "dynamodb", "dynamodbstreams", "sts", "iam", "lambda",
                        "events", "logs", "cloudwatch", "apigateway", "apigatewayv2",
                        "cognito-idp", "cloudformation", "elasticache"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
    const ServiceModel* m = ServiceModel::Find(n);
    ASSERT_NE(m, nullptr) << n;
    EXPECT_FALSE(m->operations().empty()) << n;
    EXPECT_EQ(m->name(), n);
  }
  EXPECT_EQ(ServiceModel::Find("nosuchservice"), nullptr);
}

TEST(ServiceModelTest, FindReturnsTheSameInstance) {
  EXPECT_EQ(ServiceModel::Find("sts"), ServiceModel::Find("sts"));
}

TEST(ServiceModelTest, DynamoDbMetadataAndOperation) {
  const ServiceModel* m = ServiceModel::Find("dynamodb");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->protocol(), "json");
  EXPECT_EQ(m->json_version(), "1.0");
  EXPECT_EQ(m->target_prefix(), "DynamoDB_20120810");
  EXPECT_EQ(m->signing_name(), "dynamodb");
  EXPECT_EQ(m->api_version(), "2012-08-10");
  EXPECT_EQ(m->service_id(), "DynamoDB");
  const OperationModel* put = m->FindOperation("PutItem");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->http_method, "POST");
  ASSERT_NE(put->input, nullptr);
  EXPECT_EQ(put->input->name, "PutItemInput");
  const Member* table = put->input->FindMember("TableName");
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->required);
  EXPECT_EQ(table->shape->type, ShapeType::kString);
  EXPECT_EQ(table->shape->min, 1);
  EXPECT_EQ(table->shape->max, 1024);
  const Member* item = put->input->FindMember("Item");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->shape->type, ShapeType::kMap);
  EXPECT_EQ(item->shape->value.shape->name, "AttributeValue");
  EXPECT_FALSE(put->errors.empty());
  EXPECT_NE(m->FindErrorShape("ResourceNotFoundException"), nullptr);
  EXPECT_EQ(m->FindOperation("NoSuchOperation"), nullptr);
  EXPECT_TRUE(std::is_sorted(m->operations().begin(), m->operations().end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST(ServiceModelTest, QueryAndRestTraits) {
  const ServiceModel* sts = ServiceModel::Find("sts");
  ASSERT_NE(sts, nullptr);
  EXPECT_EQ(sts->protocol(), "query");
  EXPECT_EQ(sts->xml_namespace(), "https://sts.amazonaws.com/doc/2011-06-15/");
  EXPECT_EQ(sts->FindOperation("AssumeRole")->result_wrapper, "AssumeRoleResult");

  const ServiceModel* s3 = ServiceModel::Find("s3");
  ASSERT_NE(s3, nullptr);
  const OperationModel* list = s3->FindOperation("ListObjectsV2");
  EXPECT_EQ(list->http_method, "GET");
  EXPECT_EQ(list->request_uri, "/{Bucket}?list-type=2");
  const OperationModel* put = s3->FindOperation("PutObject");
  const Member* meta = put->input->FindMember("Metadata");
  EXPECT_EQ(meta->location, Location::kHeaders);
  EXPECT_EQ(meta->location_name, "x-amz-meta-");
  EXPECT_EQ(put->input->payload, "Body");
  EXPECT_TRUE(put->input->PayloadMember()->streaming);
  const Shape* contents = s3->FindShape("ListObjectsV2Output")->FindMember("Contents")->shape;
  EXPECT_TRUE(contents->flattened);

  const ServiceModel* sqs = ServiceModel::Find("sqs");
  EXPECT_TRUE(sqs->aws_query_compatible());
  const ServiceModel* lambda = ServiceModel::Find("lambda");
  const OperationModel* invoke = lambda->FindOperation("Invoke");
  EXPECT_EQ(invoke->output->FindMember("StatusCode")->location, Location::kStatusCode);
  const Shape* err = lambda->FindErrorShape("ResourceNotFoundException");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->error_http_status, 404);
}

TEST(ServiceModelTest, RequestUriIsPreSplitForRouting) {
  const OperationModel* op = ServiceModel::Find("s3")->FindOperation("CreateMultipartUpload");
  ASSERT_EQ(op->uri_segments.size(), 2u);
  EXPECT_EQ(op->uri_segments[0].kind, UriSegment::Kind::kLabel);
  EXPECT_EQ(op->uri_segments[0].text, "Bucket");
  EXPECT_EQ(op->uri_segments[1].kind, UriSegment::Kind::kGreedyLabel);
  EXPECT_EQ(op->uri_segments[1].text, "Key");
  ASSERT_EQ(op->uri_query_literals.size(), 1u);
  EXPECT_EQ(op->uri_query_literals[0], (std::pair<std::string, std::string>("uploads", "")));
  const OperationModel* v2 = ServiceModel::Find("s3")->FindOperation("ListObjectsV2");
  EXPECT_EQ(v2->uri_query_literals[0], (std::pair<std::string, std::string>("list-type", "2")));
  const OperationModel* invoke = ServiceModel::Find("lambda")->FindOperation("Invoke");
  ASSERT_EQ(invoke->uri_segments.size(), 4u);
  EXPECT_EQ(invoke->uri_segments[0].text, "2015-03-31");
  EXPECT_EQ(invoke->uri_segments[3].kind, UriSegment::Kind::kLiteral);
  EXPECT_EQ(ServiceModel::Find("s3")->FindOperation("ListBuckets")->uri_segments.size(), 1u);
}

TEST(ServiceModelTest, ParseRejectsBrokenModels) {
  EXPECT_FALSE(ServiceModel::Parse("x", "not json").ok());
  EXPECT_FALSE(ServiceModel::Parse("x", R"({"metadata":{}})").ok());
  EXPECT_FALSE(ServiceModel::Parse("x", R"({"metadata":{},"shapes":{"A":{"type":"structure",
      "members":{"B":{"shape":"Missing"}}}}})").ok());
}

TEST(ServiceModelTest, GunzipRejectsCorruptData) {
  EXPECT_FALSE(Gunzip("definitely not gzip").ok());
  const EmbeddedModel& first = EmbeddedModels().front();
  EXPECT_FALSE(Gunzip(first.compressed.substr(0, first.compressed.size() / 2)).ok());
}

TEST(ServiceModelTest, LargestModelParsesQuickly) {
  // Start-up never parses models, but the first request to S3 does: keep it cheap.
  const EmbeddedModel* s3 = nullptr;
  for (const EmbeddedModel& m : EmbeddedModels()) {
    if (m.name == "s3") s3 = &m;
  }
  ASSERT_NE(s3, nullptr);
  auto start = std::chrono::steady_clock::now();
  auto text = Gunzip(s3->compressed);
  ASSERT_TRUE(text.ok());
  ASSERT_TRUE(ServiceModel::Parse("s3", *text).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

}  // namespace
}  // namespace skybox::aws
