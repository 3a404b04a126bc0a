#include "base/log.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace skybox {
namespace {

std::string CaptureLog(LogFormat format, std::string_view message,
                       std::initializer_list<LogField> fields) {
  std::FILE* f = std::tmpfile();
  ConfigureLogging(LogLevel::kInfo, format, f);
  Log(LogLevel::kInfo, message, fields);
  Log(LogLevel::kDebug, "below the threshold");
  FlushLogs();
  ConfigureLogging(LogLevel::kInfo, LogFormat::kText, stderr);
  std::rewind(f);
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  std::fclose(f);
  return out;
}

TEST(LogTest, JsonLinesAreValidEvenForHostileValues) {
  std::string line = CaptureLog(LogFormat::kJson, "request",
                                {{"request_id", "r-1"}, {"path", "/_skybox/\xff\"\n"}});
  EXPECT_NE(line.find("\"msg\":\"request\""), std::string::npos);
  EXPECT_NE(line.find("\"request_id\":\"r-1\""), std::string::npos);
  EXPECT_NE(line.find("\"path\":\"/_skybox/\xEF\xBF\xBD\\\"\\n\""), std::string::npos) << line;
  EXPECT_EQ(line.find("below the threshold"), std::string::npos);
  EXPECT_EQ(line.back(), '\n');
}

TEST(LogTest, TextLinesQuoteWhatNeedsQuoting) {
  std::string line = CaptureLog(LogFormat::kText, "ready", {{"listen", "127.0.0.1:1"}, {"note", "a b"}});
  EXPECT_NE(line.find(" info ready listen=127.0.0.1:1 note=\"a b\"\n"), std::string::npos) << line;
}

}  // namespace
}  // namespace skybox
