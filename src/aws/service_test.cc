#include "aws/service.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

net::HttpResponse Answer(std::string body) {
  net::HttpResponse r;
  r.body = std::move(body);
  return r;
}

TEST(ServiceTest, UnsignedOperationsAreOnlyTheAllowedOnes) {
  Service service("sns");
  EXPECT_FALSE(service.has_unsigned_operations());
  service.AllowUnsigned("ConfirmSubscription");
  EXPECT_TRUE(service.has_unsigned_operations());
  EXPECT_TRUE(service.AllowsUnsigned("ConfirmSubscription"));
  EXPECT_FALSE(service.AllowsUnsigned("Publish"));
}

TEST(ServiceTest, PublicResourceLongestPrefixWins) {
  auto service = std::make_unique<Service>("sns");
  service->SetPublicResource("/_skybox/sns/", [](const net::HttpRequest&) { return Answer("any"); });
  service->SetPublicResource("/_skybox/sns/deliveries", [](const net::HttpRequest&) { return Answer("list"); });
  ServiceRegistry registry;
  registry.Add(std::move(service));
  net::HttpRequest request;
  const PublicResourceHandler* pem = registry.FindPublicResource("/_skybox/sns/SimpleNotificationService-1.pem");
  ASSERT_NE(pem, nullptr);
  EXPECT_EQ((*pem)(request).body, "any");
  const PublicResourceHandler* list = registry.FindPublicResource("/_skybox/sns/deliveries");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ((*list)(request).body, "list");
  EXPECT_EQ(registry.FindPublicResource("/_skybox/health"), nullptr);
}

}  // namespace
}  // namespace skybox::aws
