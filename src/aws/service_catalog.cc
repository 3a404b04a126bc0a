#include "aws/service_catalog.h"

namespace skybox::aws {
namespace {

constexpr ServiceInfo kServices[] = {
    {"s3", "s3", "", "2006-03-01"},
    {"sqs", "sqs", "AmazonSQS", "2012-11-05"},
    {"sns", "sns", "", "2010-03-31"},
    {"dynamodb", "dynamodb", "DynamoDB_20120810", "2012-08-10"},
    {"dynamodbstreams", "dynamodb", "DynamoDBStreams_20120810", "2012-08-10"},
    {"sts", "sts", "", "2011-06-15"},
    {"iam", "iam", "", "2010-05-08"},
    {"lambda", "lambda", "", "2015-03-31"},
    {"events", "events", "AWSEvents", "2015-10-07"},
    {"logs", "logs", "Logs_20140328", "2014-03-28"},
    {"cloudwatch", "monitoring", "GraniteServiceVersion20100801", "2010-08-01"},
    {"apigateway", "apigateway", "", "2015-07-09"},
    {"apigatewayv2", "apigateway", "", "2018-11-29"},
    {"cognito-idp", "cognito-idp", "AWSCognitoIdentityProviderService", "2016-04-18"},
    {"cloudformation", "cloudformation", "", "2010-05-15"},
    {"elasticache", "elasticache", "", "2015-02-02"},
};

}  // namespace

std::span<const ServiceInfo> ServiceCatalog() { return kServices; }

const ServiceInfo* FindServiceByModel(std::string_view model) {
  for (const ServiceInfo& s : kServices) {
    if (s.model == model) return &s;
  }
  return nullptr;
}

}  // namespace skybox::aws
