// The configuration of `skybox serve`: defaults, then the YAML config file, then SKYBOX_*
// environment variables, then command-line flags (later sources win).
//
// Thread-safety: plain values; built once at startup.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/log.h"
#include "base/result.h"

namespace skybox::cli {

struct CredentialConfig {
  std::string access_key_id;
  std::string secret_access_key;
  std::string user;  // empty: the account's root identity
};

struct ServeConfig {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 4566;
  std::string data_dir = "./skybox-data";
  bool ephemeral = false;
  bool durability_sync = true;  // false: async (fsync at least every 100 ms)
  LogLevel log_level = LogLevel::kInfo;
  LogFormat log_format = LogFormat::kText;
  int threads = 0;  // 0: one event loop per core
  std::string region = "us-east-1";
  // A domain whose subdomains name S3 buckets (virtual-hosted style) besides localhost and
  // s3.localhost; empty for none.
  std::string s3_domain;
  std::vector<CredentialConfig> credentials;
  // Set when no credentials were configured and the well-known test/test pair is in use.
  bool using_default_credentials = false;
};

// Where each source comes from; tests pass their own environment and file reader.
struct ConfigSources {
  std::vector<std::string> args;               // arguments after "serve"
  std::map<std::string, std::string> env;      // SKYBOX_* variables
};

// Builds the configuration. Errors name the offending flag, variable or file line, in words
// a user can act on (the CLI prints them and exits non-zero).
Result<ServeConfig> LoadServeConfig(const ConfigSources& sources);

// The SKYBOX_* variables of this process's environment.
std::map<std::string, std::string> SkyboxEnvironment();

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(const std::string& host);

// The usage text printed by `skybox help` and after a bad flag.
const char* ServeUsage();

}  // namespace skybox::cli
