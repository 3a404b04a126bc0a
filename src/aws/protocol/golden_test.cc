// Golden round-trips against botocore: testdata/transcripts.json holds requests that real
// botocore clients put on the wire (made by testdata/botocore_transcripts.py generate);
// the encoded outputs are parsed back by botocore's own parsers ("check" mode).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "aws/protocol/codec.h"
#include "aws/protocol/test_util.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

using testing::MakeRequest;

Document Untag(const Document& v) {
  if (v.is_object()) {
    if (v.size() == 1 && v.contains("$bytes")) {
      auto bytes = Base64Decode(v["$bytes"].get<std::string>());
      return Document::binary(std::vector<uint8_t>(bytes->begin(), bytes->end()));
    }
    if (v.size() == 1 && v.contains("$timestamp")) return v["$timestamp"].get<double>();
    Document out = Document::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = Untag(it.value());
    return out;
  }
  if (v.is_array()) {
    Document out = Document::array();
    for (const Document& e : v) out.push_back(Untag(e));
    return out;
  }
  return v;
}

Document LoadTranscripts() {
  std::ifstream in(std::string(SKYBOX_PROTOCOL_TESTDATA) + "/transcripts.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return Document::parse(ss.str());
}

TEST(GoldenTest, DecodesWhatBotocoreSends) {
  Document transcripts = LoadTranscripts();
  ASSERT_FALSE(transcripts["requests"].empty());
  for (const Document& c : transcripts["requests"]) {
    std::string name = c["service"].get<std::string>() + "." + c["operation"].get<std::string>();
    SCOPED_TRACE(name);
    std::vector<std::pair<std::string, std::string>> headers;
    for (const Document& h : c["headers"]) headers.emplace_back(h[0], h[1]);
    net::HttpRequest req = MakeRequest(c["method"], c["target"], headers,
                                       *Base64Decode(c["body"].get<std::string>()));
    const ServiceModel& model = testing::Model(c["service"].get<std::string>().c_str());
    const ProtocolCodec& codec = ProtocolCodec::ForRequest(model, req);
    auto op = codec.ResolveOperation(model, req);
    ASSERT_TRUE(op.ok()) << op.status().ToString();
    EXPECT_EQ((*op)->name, c["operation"]);
    auto input = codec.DecodeInput(model, **op, req);
    ASSERT_TRUE(input.ok()) << input.status().ToString();
    // Clients add members of their own (S3's EncodingType, checksums): compare what the
    // caller passed.
    Document expected = Untag(c["expected_input"]);
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      EXPECT_EQ((*input)[it.key()], it.value()) << it.key() << " decoded as " << input->dump();
    }
  }
}

TEST(GoldenTest, BotocoreParsesWhatSkyboxEncodes) {
  Document transcripts = LoadTranscripts();
  Document responses = Document::array();
  RequestContext ctx;
  ctx.request_id = "req-1";
  for (const Document& c : transcripts["outputs"]) {
    const ServiceModel& model = testing::Model(c["service"].get<std::string>().c_str());
    const OperationModel* op = model.FindOperation(c["operation"].get<std::string>());
    ASSERT_NE(op, nullptr);
    net::HttpResponse resp = ProtocolCodec::For(model).EncodeOutput(model, *op, Untag(c["output"]), ctx);
    Document headers = Document::array();
    for (const auto& h : resp.headers) headers.push_back({h.name, h.value});
    responses.push_back({{"status", resp.status}, {"headers", headers}, {"body", Base64Encode(resp.body)}});
  }
  if (std::system("python3 -c 'import botocore' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 with botocore is not available";
  }
  std::string path = ::testing::TempDir() + "/skybox_protocol_responses.json";
  std::ofstream(path) << responses.dump();
  std::string cmd = "python3 " + std::string(SKYBOX_PROTOCOL_TESTDATA) +
                    "/botocore_transcripts.py check " + path + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof(buf), pipe)) out.append(buf, n);
  int rc = pclose(pipe);
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace skybox::aws
