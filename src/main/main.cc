// skybox: the only code that builds the executable. Parses the command line, opens storage,
// builds the services and serves them until SIGTERM/SIGINT.
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "aws/admin_endpoints.h"
#include "aws/auth/credential_store.h"
#include "aws/dispatcher.h"
#include "base/log.h"
#include "main/serve_config.h"
#include "main/version.h"
#include "net/http_server.h"
#include "services/delivery/http_sink.h"
#include "services/delivery/outbox.h"
#include "services/dynamodb/dynamodb_service.h"
#include "services/events/events_service.h"
#include "services/s3/s3_service.h"
#include "services/sns/sns_service.h"
#include "services/sqs/sqs_service.h"
#include "services/sts/sts_service.h"
#include "storage/store.h"

namespace skybox {
namespace {

int Fail(const std::string& message) {
  FlushLogs();
  std::fprintf(stderr, "skybox: %s\n", message.c_str());
  return 1;
}

// "127.0.0.1:4566", or "[::1]:4566" for an IPv6 literal.
std::string HostPort(const std::string& host, uint16_t port) {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// How long each start-up step took, logged at debug level once the server listens: start-up
// time is a target (docs/benchmarks.md), and this says where it goes.
class StartupPhases {
 public:
  // Ends the step `phase` (a step runs from the previous Mark, or from construction).
  void Mark(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    char step[64];
    std::snprintf(step, sizeof step, "%s%s=%.1fms", summary_.empty() ? "" : " ", phase,
                  std::chrono::duration<double, std::milli>(now - last_).count());
    summary_ += step;
    last_ = now;
  }
  void Log() const { skybox::Log(LogLevel::kDebug, "start-up phases", {{"phases", summary_}}); }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::string summary_;
};

aws::CredentialStore BuildCredentials(const cli::ServeConfig& config) {
  std::vector<aws::Credential> list;
  for (const cli::CredentialConfig& c : config.credentials) {
    aws::Credential cred;
    cred.access_key_id = c.access_key_id;
    cred.secret_access_key = c.secret_access_key;
    cred.user_name = c.user;
    list.push_back(std::move(cred));
  }
  return aws::CredentialStore(std::move(list));
}

int Serve(std::vector<std::string> args) {
  auto config = cli::LoadServeConfig({std::move(args), cli::SkyboxEnvironment()});
  if (!config.ok()) {
    std::fprintf(stderr, "skybox: %s\n\n%s", config.status().message().c_str(), cli::ServeUsage());
    return 2;
  }
  ConfigureLogging(config->log_level, config->log_format);
  StartupPhases phases;
  // State (message bodies, objects, keys) is private to the user running Skybox.
  umask(0077);
  // A peer that closes its connection mid-write (an HTTP subscriber over TLS, whose writes go
  // through OpenSSL's plain write()) must cost that delivery an error, not the process.
  signal(SIGPIPE, SIG_IGN);

  storage::StoreOptions store_options;
  store_options.data_dir = config->data_dir;
  store_options.ephemeral = config->ephemeral;
  store_options.durability =
      config->durability_sync ? storage::Durability::kSync : storage::Durability::kAsync;
  auto store = storage::Store::Open(store_options);
  if (!store.ok()) return Fail(store.status().message());
  phases.Mark("store");

  aws::CredentialStore credentials = BuildCredentials(*config);
  // Events between services (S3 notifications, SNS fan-out, EventBridge targets) go through the
  // durable outbox to the sinks the services register; the dispatcher starts once all are in.
  services::delivery::SinkRegistry sinks;
  sinks.Register("http://", std::make_shared<services::delivery::HttpSink>());
  sinks.Register("https://", std::make_shared<services::delivery::HttpSink>());
  auto opened_outbox = services::delivery::Outbox::Open(store->get(), &sinks);
  if (!opened_outbox.ok()) return Fail(opened_outbox.status().message());
  std::shared_ptr<services::delivery::Outbox> outbox = std::move(*opened_outbox);
  phases.Mark("outbox");
  aws::ServiceRegistry services;
  services.Add(services::MakeStsService());
  // Queue URLs of clients that send no Host name the bound port, known once the server
  // listens (see below).
  std::string listen = HostPort(config->listen_host, config->listen_port);
  auto sqs = services::MakeSqsService(store->get(), {config->region, [&listen] { return listen; }}, &sinks);
  if (!sqs.ok()) return Fail(sqs.status().message());
  phases.Mark("sqs");
  services.Add(std::move(*sqs));
  auto dynamodb = services::MakeDynamoDbServices(store->get(), {config->region});
  if (!dynamodb.ok()) return Fail(dynamodb.status().message());
  phases.Mark("dynamodb");
  for (auto& service : *dynamodb) services.Add(std::move(service));
  s3::S3Options s3_options;
  s3_options.region = config->region;
  // Large objects live in files beside the key-value store; ephemeral servers keep them in memory.
  if (!config->ephemeral) s3_options.blob_dir = config->data_dir + "/s3-blobs";
  auto s3 = services::MakeS3Service(store->get(), s3_options, &credentials, outbox, &sinks);
  if (!s3.ok()) return Fail(s3.status().message());
  phases.Mark("s3");
  services.Add(std::move(*s3));
  services::sns::SnsOptions sns_options;
  sns_options.region = config->region;
  sns_options.endpoint = [&listen] { return listen; };
  auto sns = services::MakeSnsService(store->get(), outbox.get(), &sinks, std::move(sns_options));
  if (!sns.ok()) return Fail(sns.status().message());
  phases.Mark("sns");
  services.Add(std::move(*sns));
  auto events = services::MakeEventsService(store->get(), &sinks, outbox, {.region = config->region});
  if (!events.ok()) return Fail(events.status().message());
  phases.Mark("events");
  services.Add(std::move(*events));
  aws::AdminEndpoints admin(&services, kSkyboxVersion);
  aws::DispatcherOptions dispatch_options;
  dispatch_options.region = config->region;
  if (!config->s3_domain.empty()) dispatch_options.router.s3_domains.push_back(config->s3_domain);
  aws::Dispatcher dispatcher(dispatch_options, &credentials, &services, &admin);

  net::HttpServerOptions server_options;
  server_options.address = config->listen_host;
  server_options.port = config->listen_port;
  server_options.threads = config->threads;
  server_options.on_shutdown_started = [&services] { services.BeginShutdown(); };
  auto server = net::HttpServer::Create(server_options, &dispatcher);
  if (!server.ok()) return Fail(server.status().message());
  phases.Mark("listen");
  listen = HostPort(config->listen_host, (*server)->port());

  Log(LogLevel::kInfo, "skybox ready",
      {{"listen", listen},
       {"data_dir", config->ephemeral ? std::string("(ephemeral)") : config->data_dir},
       {"durability", config->durability_sync ? "sync" : "async"},
       {"version", kSkyboxVersion}});
  phases.Log();
  if (config->using_default_credentials) {
    Log(LogLevel::kInfo, "no credentials configured: accepting access key 'test' on loopback");
  }
  outbox->Start();
  (*server)->Run();
  outbox->Stop();

  Status flushed = (*store)->Flush();
  if (!flushed.ok()) return Fail("flushing storage at shutdown: " + flushed.message());
  Log(LogLevel::kInfo, "skybox stopped");
  FlushLogs();
  return 0;
}

}  // namespace
}  // namespace skybox

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::fputs(skybox::cli::ServeUsage(), args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "version" || args[0] == "--version") {
    std::printf("skybox %s\n", skybox::kSkyboxVersion);
    return 0;
  }
  if (args[0] == "serve") return skybox::Serve({args.begin() + 1, args.end()});
  std::fprintf(stderr, "skybox: unknown command '%s'\n\n%s", args[0].c_str(),
               skybox::cli::ServeUsage());
  return 2;
}
