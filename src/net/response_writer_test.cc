#include "net/response_writer.h"

#include <gtest/gtest.h>

namespace skybox::net {
namespace {

TEST(ResponseWriterTest, WritesStatusServerDateHeadersAndLength) {
  HttpResponse response;
  response.status = 404;
  response.SetHeader("Content-Type", "application/xml");
  response.SetHeader("Content-Length", "999");  // framing belongs to the server
  response.body = "<Error/>";
  std::string head;
  AppendResponseHead(response, {"Skybox", false, false}, &head);
  EXPECT_EQ(head.rfind("HTTP/1.1 404 Not Found\r\nServer: Skybox\r\nDate: ", 0), 0u) << head;
  EXPECT_NE(head.find(" GMT\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Type: application/xml\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: 8\r\n"), std::string::npos);
  EXPECT_EQ(head.find("999"), std::string::npos);
  EXPECT_EQ(head.find("Connection"), std::string::npos);
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
}

TEST(ResponseWriterTest, AValueCannotBreakTheHeaderLine) {
  HttpResponse response;
  response.status = 301;
  response.SetHeader("Location", std::string("/x\r\nSet-Cookie: a=1\0b", 21));
  std::string head;
  AppendResponseHead(response, {"Skybox", false, false}, &head);
  EXPECT_NE(head.find("Location: /x  Set-Cookie: a=1 b\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("\nSet-Cookie"), std::string::npos);
  EXPECT_EQ(ReasonPhrase(404), "Not Found");

  HttpResponse names;
  names.SetHeader("x-amz-meta-ok", "a\x01" "b\x7f" "\tc");
  names.SetHeader("x-amz-meta-bad\nSet-Cookie: b", "1");
  names.SetHeader("", "empty");
  std::string out;
  AppendResponseHead(names, {"Skybox", false, false}, &out);
  EXPECT_NE(out.find("x-amz-meta-ok: a b \tc\r\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("Set-Cookie"), std::string::npos) << out;
  EXPECT_EQ(out.find("empty"), std::string::npos) << out;
}

TEST(ResponseWriterTest, LengthOverrideAndConnectionHeaders) {
  HttpResponse response;
  response.content_length_override = 12345;
  std::string head;
  AppendResponseHead(response, {"S", true, false}, &head);
  EXPECT_NE(head.find("Content-Length: 12345\r\n"), std::string::npos);
  EXPECT_NE(head.find("Connection: close\r\n"), std::string::npos);
  head.clear();
  AppendResponseHead(response, {"S", false, true}, &head);
  EXPECT_NE(head.find("Connection: keep-alive\r\n"), std::string::npos);
}

TEST(ResponseWriterTest, NoContentHasNoLengthAndNoBody) {
  HttpResponse response;
  response.status = 204;
  std::string head;
  AppendResponseHead(response, {"S", false, false}, &head);
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
  EXPECT_FALSE(ResponseCarriesBody(204, false));
  EXPECT_FALSE(ResponseCarriesBody(304, false));
  EXPECT_FALSE(ResponseCarriesBody(200, true));
  EXPECT_TRUE(ResponseCarriesBody(200, false));
}

}  // namespace
}  // namespace skybox::net
