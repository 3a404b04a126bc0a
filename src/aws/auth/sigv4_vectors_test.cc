// Requests signed by botocore (testdata/make_vectors.py writes testdata/sigv4_vectors.json):
// Skybox's signer must produce the same signature, and its verifier must accept them.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "aws/auth/auth_error.h"
#include "aws/auth/auth_test_helpers.h"
#include "aws/auth/sigv4_signer.h"
#include "aws/auth/sigv4_verifier.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

struct Vector {
  std::string name;
  net::HttpRequest request;  // exactly as botocore signed it
  std::string unsigned_target;
  SigningParams params;
  bool presigned = false;
  std::chrono::seconds expires{0};
};

std::vector<Vector> LoadVectors() {
  std::ifstream in(SKYBOX_SIGV4_VECTORS);
  nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<Vector> out;
  for (const auto& v : doc["vectors"]) {
    Vector vec;
    vec.name = v["name"];
    vec.request.method = v["method"];
    vec.request.target = v["target"];
    for (const auto& h : v["headers"]) vec.request.headers.push_back({h[0], h[1]});
    vec.request.body = Base64Decode(v["body_base64"].get<std::string>()).value_or("");
    vec.unsigned_target = v["unsigned_target"];
    vec.params = {doc["access_key_id"], doc["secret_access_key"], v["region"], v["service"],
                  testing::At(doc["amz_date"].get<std::string>()), v["session_token"]};
    vec.presigned = v["presigned"];
    vec.expires = std::chrono::seconds(v["expires"].get<int64_t>());
    out.push_back(std::move(vec));
  }
  return out;
}

std::string HeaderOrEmpty(const net::HttpRequest& r, std::string_view name) {
  return std::string(r.Header(name).value_or(""));
}

TEST(SigV4VectorsTest, FileHasEveryKind) {
  std::vector<Vector> vectors = LoadVectors();
  ASSERT_GE(vectors.size(), 10u);
  int presigned = 0;
  for (const Vector& v : vectors) presigned += v.presigned;
  EXPECT_GE(presigned, 3);
}

TEST(SigV4VectorsTest, VerifierAcceptsBotocoreSignatures) {
  for (const Vector& v : LoadVectors()) {
    CredentialStore store({{v.params.access_key_id, v.params.secret_access_key, "vectors"}});
    auto parsed = ParseSigV4(v.request);
    ASSERT_TRUE(parsed.ok()) << v.name << ": " << parsed.status().ToString();
    EXPECT_EQ(parsed->scope.service, v.params.service) << v.name;
    EXPECT_EQ(parsed->presigned, v.presigned) << v.name;
    auto id = VerifySigV4(v.request, *parsed, store, v.params.time);
    EXPECT_TRUE(id.ok()) << v.name << ": " << id.status().ToString();

    CredentialStore wrong_secret({{v.params.access_key_id, "wrong", "vectors"}});
    EXPECT_EQ(VerifySigV4(v.request, *parsed, wrong_secret, v.params.time).status().aws_code(),
              AuthErrorFor(AuthFailure::kSignatureMismatch, v.params.service).aws_code())
        << v.name;
  }
}

TEST(SigV4VectorsTest, SignerReproducesBotocoreSignatures) {
  for (const Vector& v : LoadVectors()) {
    net::HttpRequest r = v.request;
    r.target = v.unsigned_target;
    std::erase_if(r.headers, [&](const net::HttpHeader& h) {
      return h.name == "authorization" || h.name == "x-amz-date" ||
             h.name == "x-amz-security-token" ||
             (h.name == "x-amz-content-sha256" && h.value == HexEncode(Sha256(r.body)));
    });
    if (v.presigned) {
      ASSERT_TRUE(PresignRequest(r, v.params, v.expires).ok()) << v.name;
      EXPECT_EQ(r.target, v.request.target) << v.name;
    } else {
      ASSERT_TRUE(SignRequest(r, v.params).ok()) << v.name;
      EXPECT_EQ(HeaderOrEmpty(r, "authorization"), HeaderOrEmpty(v.request, "authorization"))
          << v.name;
    }
  }
}

}  // namespace
}  // namespace skybox::aws
