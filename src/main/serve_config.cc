#include "main/serve_config.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <set>

extern char** environ;

namespace skybox::cli {
namespace {

// The settings that have a flag, an environment twin and a config-file key.
struct Setting {
  const char* flag;      // "--listen"
  const char* env;       // "SKYBOX_LISTEN"
  const char* file_key;  // "listen"
  bool is_switch;        // takes no value on the command line
};

constexpr Setting kSettings[] = {
    {"--listen", "SKYBOX_LISTEN", "listen", false},
    {"--data-dir", "SKYBOX_DATA_DIR", "data_dir", false},
    {"--ephemeral", "SKYBOX_EPHEMERAL", "ephemeral", true},
    {"--durability", "SKYBOX_DURABILITY", "durability", false},
    {"--log-format", "SKYBOX_LOG_FORMAT", "log_format", false},
    {"--log-level", "SKYBOX_LOG_LEVEL", "log_level", false},
    {"--threads", "SKYBOX_THREADS", "threads", false},
    {"--region", "SKYBOX_REGION", "region", false},
    {"--s3-domain", "SKYBOX_S3_DOMAIN", "s3_domain", false},
};

Status Invalid(const std::string& where, const std::string& what) {
  return InvalidArgument(where + ": " + what);
}

Result<bool> ParseBool(const std::string& where, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return Invalid(where, "expected true or false, got '" + v + "'");
}

Status ParseListen(const std::string& where, const std::string& v, ServeConfig& c) {
  std::string host, port;
  if (!v.empty() && v[0] == '[') {
    size_t close = v.find(']');
    if (close == std::string::npos || close + 1 >= v.size() || v[close + 1] != ':') {
      return Invalid(where, "expected [ipv6]:port, got '" + v + "'");
    }
    host = v.substr(1, close - 1);
    port = v.substr(close + 2);
  } else {
    size_t colon = v.rfind(':');
    if (colon == std::string::npos) {
      return Invalid(where, "expected host:port, got '" + v + "'");
    }
    host = v.substr(0, colon);
    port = v.substr(colon + 1);
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return Invalid(where, "port must be a number from 0 to 65535, got '" + port + "'");
  }
  // "localhost" is what LocalStack users type; the listener needs an address.
  c.listen_host = host.empty() || host == "localhost" ? "127.0.0.1" : host;
  c.listen_port = static_cast<uint16_t>(value);
  return Status::Ok();
}

Status Apply(const Setting& s, const std::string& where, const std::string& v, ServeConfig& c) {
  std::string key = s.file_key;
  if (key == "listen") return ParseListen(where, v, c);
  if (key == "data_dir") {
    if (v.empty()) return Invalid(where, "the data directory must not be empty");
    c.data_dir = v;
  } else if (key == "ephemeral") {
    SKYBOX_ASSIGN_OR_RETURN(c.ephemeral, ParseBool(where, v));
  } else if (key == "durability") {
    if (v != "sync" && v != "async") return Invalid(where, "expected sync or async, got '" + v + "'");
    c.durability_sync = v == "sync";
  } else if (key == "log_format") {
    if (!ParseLogFormat(v, &c.log_format)) return Invalid(where, "expected text or json, got '" + v + "'");
  } else if (key == "log_level") {
    if (!ParseLogLevel(v, &c.log_level)) {
      return Invalid(where, "expected debug, info, warn or error, got '" + v + "'");
    }
  } else if (key == "threads") {
    int n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < 0 || n > 256) {
      return Invalid(where, "expected a thread count from 0 (one per core) to 256, got '" + v + "'");
    }
    c.threads = n;
  } else if (key == "region") {
    if (v.empty()) return Invalid(where, "the region must not be empty");
    c.region = v;
  } else if (key == "s3_domain") {
    if (v.empty() || v.front() == '.' || v.back() == '.' || v.find_first_of(" /:") != std::string::npos) {
      return Invalid(where, "expected a DNS domain such as s3.example.test, got '" + v + "'");
    }
    c.s3_domain = v;
  }
  return Status::Ok();
}

Status ApplyFile(const std::string& path, ServeConfig& c) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return InvalidArgument("config file " + path + ": cannot be read (not a regular file)");
  }
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return InvalidArgument("config file " + path + ": cannot be read");
  } catch (const std::exception& e) {  // YAML::Exception, or an I/O failure from the stream
    return InvalidArgument("config file " + path + ": " + e.what());
  }
  if (root.IsNull()) return Status::Ok();
  if (!root.IsMap()) return InvalidArgument("config file " + path + ": expected a mapping of keys");
  std::set<std::string> known = {"credentials"};
  for (const Setting& s : kSettings) known.insert(s.file_key);
  try {
    for (const auto& entry : root) {
      std::string key = entry.first.as<std::string>();
      if (!known.count(key)) {
        return InvalidArgument("config file " + path + ": unknown key '" + key + "'");
      }
      if (key == "credentials") continue;
      for (const Setting& s : kSettings) {
        if (key == s.file_key) {
          SKYBOX_RETURN_IF_ERROR(
              Apply(s, "config file " + path + " key " + key, entry.second.as<std::string>(), c));
        }
      }
    }
    if (const YAML::Node creds = root["credentials"]) {
      if (!creds.IsSequence()) {
        return InvalidArgument("config file " + path + ": credentials must be a list");
      }
      for (const auto& item : creds) {
        CredentialConfig cred;
        if (item["access_key"]) cred.access_key_id = item["access_key"].as<std::string>();
        if (item["secret_key"]) cred.secret_access_key = item["secret_key"].as<std::string>();
        if (item["user"]) cred.user = item["user"].as<std::string>();
        if (cred.access_key_id.empty() || cred.secret_access_key.empty()) {
          return InvalidArgument("config file " + path +
                                 ": each credentials entry needs access_key and secret_key");
        }
        c.credentials.push_back(std::move(cred));
      }
    }
  } catch (const std::exception& e) {
    return InvalidArgument("config file " + path + ": " + e.what());
  }
  return Status::Ok();
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::map<std::string, std::string> SkyboxEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (kv.rfind("SKYBOX_", 0) != 0) continue;
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return env;
}

Result<ServeConfig> LoadServeConfig(const ConfigSources& sources) {
  ServeConfig c;
  // Split the command line first so that --config is known before anything is applied.
  std::vector<std::pair<const Setting*, std::string>> flags;
  std::string config_path;
  if (auto it = sources.env.find("SKYBOX_CONFIG"); it != sources.env.end()) config_path = it->second;
  const auto& args = sources.args;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    if (arg == "--config") {
      if (!has_value) {
        if (i + 1 >= args.size()) return InvalidArgument("flag --config needs a value");
        value = args[++i];
      }
      config_path = value;
      continue;
    }
    const Setting* match = nullptr;
    for (const Setting& s : kSettings) {
      if (arg == s.flag) match = &s;
    }
    if (match == nullptr) return InvalidArgument("unknown flag '" + args[i] + "'");
    if (match->is_switch) {
      if (!has_value) value = "true";
    } else if (!has_value) {
      if (i + 1 >= args.size()) return InvalidArgument(std::string("flag ") + match->flag + " needs a value");
      value = args[++i];
    }
    flags.emplace_back(match, value);
  }

  if (!config_path.empty()) SKYBOX_RETURN_IF_ERROR(ApplyFile(config_path, c));
  for (const Setting& s : kSettings) {
    if (auto it = sources.env.find(s.env); it != sources.env.end()) {
      SKYBOX_RETURN_IF_ERROR(Apply(s, std::string("environment variable ") + s.env, it->second, c));
    }
  }
  for (const auto& [setting, value] : flags) {
    SKYBOX_RETURN_IF_ERROR(Apply(*setting, std::string("flag ") + setting->flag, value, c));
  }

  auto key = sources.env.find("SKYBOX_ACCESS_KEY_ID");
  auto secret = sources.env.find("SKYBOX_SECRET_ACCESS_KEY");
  if ((key == sources.env.end()) != (secret == sources.env.end())) {
    return InvalidArgument("SKYBOX_ACCESS_KEY_ID and SKYBOX_SECRET_ACCESS_KEY must be set together");
  }
  if (key != sources.env.end() && (key->second.empty() || secret->second.empty())) {
    return InvalidArgument("SKYBOX_ACCESS_KEY_ID and SKYBOX_SECRET_ACCESS_KEY must not be empty");
  }
  if (key != sources.env.end()) {
    c.credentials.insert(c.credentials.begin(), CredentialConfig{key->second, secret->second, ""});
  }
  if (c.credentials.empty()) {
    if (!IsLoopbackHost(c.listen_host)) {
      return InvalidArgument("refusing to listen on " + c.listen_host +
                             " without credentials: configure a key pair (SKYBOX_ACCESS_KEY_ID and "
                             "SKYBOX_SECRET_ACCESS_KEY, or `credentials:` in the config file), or "
                             "listen on a loopback address");
    }
    c.credentials.push_back(CredentialConfig{"test", "test", ""});
    c.using_default_credentials = true;
  }
  return c;
}

const char* ServeUsage() {
  return R"(usage: skybox serve [flags]
       skybox version

flags (each also an environment variable and a config-file key; flags win over
environment, environment over the file):
  --listen HOST:PORT       address to serve on            SKYBOX_LISTEN      (127.0.0.1:4566)
  --data-dir DIR           where state is kept            SKYBOX_DATA_DIR    (./skybox-data)
  --ephemeral              keep state in memory only      SKYBOX_EPHEMERAL   (false)
  --durability sync|async  sync: acknowledge after fsync  SKYBOX_DURABILITY  (sync)
  --log-format text|json                                  SKYBOX_LOG_FORMAT  (text)
  --log-level LEVEL        debug, info, warn or error     SKYBOX_LOG_LEVEL   (info)
  --threads N              event loops, 0 = one per core  SKYBOX_THREADS     (0)
  --region REGION          the region Skybox reports      SKYBOX_REGION      (us-east-1)
  --s3-domain DOMAIN       also serve <bucket>.DOMAIN     SKYBOX_S3_DOMAIN   (none)
  --config FILE            YAML config file               SKYBOX_CONFIG
credentials: SKYBOX_ACCESS_KEY_ID + SKYBOX_SECRET_ACCESS_KEY, or `credentials:` in the
config file; with none and a loopback listener, the key pair test/test is accepted.
)";
}

}  // namespace skybox::cli
