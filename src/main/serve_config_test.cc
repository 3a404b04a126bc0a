#include "main/serve_config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include <unistd.h>

namespace skybox::cli {
namespace {

Result<ServeConfig> Load(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  return LoadServeConfig(ConfigSources{std::move(args), std::move(env)});
}

std::string WriteFile(const std::string& text) {
  char path[] = "/tmp/skybox_config_testXXXXXX";
  int fd = mkstemp(path);
  close(fd);
  std::ofstream(path) << text;
  return path;
}

TEST(ServeConfigTest, DefaultsAreLoopbackSyncAndTestCredentials) {
  auto c = Load({});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen_host, "127.0.0.1");
  EXPECT_EQ(c->listen_port, 4566);
  EXPECT_EQ(c->data_dir, "./skybox-data");
  EXPECT_TRUE(c->durability_sync);
  EXPECT_FALSE(c->ephemeral);
  ASSERT_EQ(c->credentials.size(), 1u);
  EXPECT_EQ(c->credentials[0].access_key_id, "test");
  EXPECT_TRUE(c->using_default_credentials);
}

TEST(ServeConfigTest, FlagsBeatEnvironmentWhichBeatsFile) {
  std::string file = WriteFile("listen: 127.0.0.1:1000\ndata_dir: /from/file\ndurability: async\n"
                               "log_level: warn\n");
  auto c = Load({"--config", file, "--listen=127.0.0.1:3000"},
                {{"SKYBOX_LISTEN", "127.0.0.1:2000"}, {"SKYBOX_DATA_DIR", "/from/env"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen_port, 3000);
  EXPECT_EQ(c->data_dir, "/from/env");
  EXPECT_FALSE(c->durability_sync);
  EXPECT_EQ(c->log_level, LogLevel::kWarn);
  std::remove(file.c_str());
}

TEST(ServeConfigTest, S3DomainFromFlagOrEnvironment) {
  auto flag = Load({"--s3-domain", "s3.example.test"});
  ASSERT_TRUE(flag.ok()) << flag.status().ToString();
  EXPECT_EQ(flag->s3_domain, "s3.example.test");
  auto env = Load({}, {{"SKYBOX_S3_DOMAIN", "objects.test"}});
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->s3_domain, "objects.test");
  EXPECT_FALSE(Load({"--s3-domain", ".bad"}).ok());
  EXPECT_FALSE(Load({"--s3-domain", "host:1"}).ok());
}

TEST(ServeConfigTest, BadInputIsNamed) {
  auto bad_flag = Load({"--bogus"});
  EXPECT_EQ(bad_flag.status().message(), "unknown flag '--bogus'");
  auto bad_port = Load({"--listen", "127.0.0.1:99999"});
  EXPECT_NE(bad_port.status().message().find("flag --listen"), std::string::npos);
  auto bad_env = Load({}, {{"SKYBOX_DURABILITY", "maybe"}});
  EXPECT_NE(bad_env.status().message().find("SKYBOX_DURABILITY"), std::string::npos);
  auto missing_value = Load({"--data-dir"});
  EXPECT_EQ(missing_value.status().message(), "flag --data-dir needs a value");
  auto missing_file = Load({"--config", "/nonexistent/skybox.yaml"});
  EXPECT_NE(missing_file.status().message().find("cannot be read"), std::string::npos);
}

TEST(ServeConfigTest, NonLoopbackNeedsCredentials) {
  auto refused = Load({"--listen", "0.0.0.0:4566"});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("refusing to listen on 0.0.0.0"), std::string::npos);
  auto ok = Load({"--listen", "0.0.0.0:4566"},
                 {{"SKYBOX_ACCESS_KEY_ID", "AKIAX"}, {"SKYBOX_SECRET_ACCESS_KEY", "s3cret"}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_FALSE(ok->using_default_credentials);
  EXPECT_EQ(ok->credentials.size(), 1u);
}

TEST(ServeConfigTest, EmptySecretsAreRefused) {
  auto c = Load({"--listen", "0.0.0.0:4566"},
                {{"SKYBOX_ACCESS_KEY_ID", "admin"}, {"SKYBOX_SECRET_ACCESS_KEY", ""}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("must not be empty"), std::string::npos);
}

TEST(ServeConfigTest, LocalhostMeansLoopbackAddress) {
  auto c = Load({"--listen", "localhost:4566"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen_host, "127.0.0.1");
}

TEST(ServeConfigTest, DirectoryAsConfigFileIsAnError) {
  auto c = Load({"--config", "/tmp"});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("not a regular file"), std::string::npos);
}

TEST(ServeConfigTest, CredentialsFromFileWithUsers) {
  std::string file = WriteFile(
      "credentials:\n  - access_key: AKIAROOT\n    secret_key: rootsecret\n"
      "  - access_key: AKIAALICE\n    secret_key: alicesecret\n    user: alice\n");
  auto c = Load({"--config", file});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->credentials.size(), 2u);
  EXPECT_EQ(c->credentials[0].user, "");
  EXPECT_EQ(c->credentials[1].user, "alice");
  std::remove(file.c_str());
}

}  // namespace
}  // namespace skybox::cli
