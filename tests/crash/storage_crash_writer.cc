// The process the storage crash test kills: commits checksummed batches from several threads
// and prints "ACK <batch-id>" once each is acknowledged durable; or, with --verify, reopens
// the store and reports every batch it finds.
//
//   storage_crash_writer --dir DIR [--cycle N] [--threads T]   (runs until killed)
//   storage_crash_writer --dir DIR --verify
//
// Each batch writes kKeysPerBatch keys alternating over two namespaces; every value is
// "<batch-id>|<index>|<count>|<payload>|<checksum>", the checksum covering all before it.
// Verify prints "BATCH <id> <keys found>", "CORRUPT <key> <why>" and "SUMMARY ...".
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <random>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "base/crypto.h"
#include "storage/store.h"

namespace skybox::storage {
namespace {

constexpr int kKeysPerBatch = 4;
constexpr int kInFlightPerThread = 4;

std::string Checksum(std::string_view text) { return HexEncode(Sha256(text)).substr(0, 16); }

struct Args {
  std::string dir;
  bool verify = false;
  int cycle = 0;
  int threads = 4;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    bool has_value = i + 1 < argc;
    if (flag == "--verify") {
      args->verify = true;
    } else if (flag == "--dir" && has_value) {
      args->dir = argv[++i];
    } else if (flag == "--cycle" && has_value) {
      args->cycle = std::atoi(argv[++i]);
    } else if (flag == "--threads" && has_value) {
      args->threads = std::atoi(argv[++i]);
    } else {
      return false;
    }
  }
  return !args->dir.empty() && args->threads > 0;
}

struct Namespaces {
  Namespace even, odd;
  Namespace For(int index) const { return index % 2 == 0 ? even : odd; }
};

void CommitForever(Store& store, Namespaces ns, const std::string& prefix, unsigned seed) {
  static std::mutex stdout_mu;
  std::counting_semaphore<kInFlightPerThread> slots(kInFlightPerThread);
  std::mt19937 rng(seed);
  for (uint64_t n = 0;; ++n) {
    std::string id = prefix + "-" + std::to_string(n);
    WriteBatch batch;
    for (int k = 0; k < kKeysPerBatch; ++k) {
      std::string payload(16 + rng() % 400, static_cast<char>('a' + rng() % 26));
      std::string body = id + "|" + std::to_string(k) + "|" + std::to_string(kKeysPerBatch) +
                         "|" + payload;
      batch.Put(ns.For(k), id + "/" + std::to_string(k), body + "|" + Checksum(body));
    }
    slots.acquire();
    store.Commit(std::move(batch), [id, &slots](Status s) {
      if (s.ok()) {
        std::lock_guard lock(stdout_mu);
        std::printf("ACK %s\n", id.c_str());
        std::fflush(stdout);
      } else {
        std::fprintf(stderr, "commit %s failed: %s\n", id.c_str(), s.ToString().c_str());
      }
      slots.release();
    });
  }
}

// Returns an empty string when `value` is intact and belongs under `key`, else why not.
std::string CheckValue(const std::string& key, const std::string& value, std::string* batch_id) {
  size_t cut = value.rfind('|');
  if (cut == std::string::npos) return "no checksum";
  std::string body = value.substr(0, cut);
  if (Checksum(body) != value.substr(cut + 1)) return "checksum mismatch";
  size_t bar = body.find('|');
  *batch_id = body.substr(0, bar);
  size_t index_end = body.find('|', bar + 1);
  if (key != *batch_id + "/" + body.substr(bar + 1, index_end - bar - 1)) return "wrong key";
  return "";
}

int Verify(Store& store, Namespaces ns) {
  std::map<std::string, int> found;
  int corrupt = 0;
  for (Namespace n : {ns.even, ns.odd}) {
    auto it = store.NewIterator(n);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string key(it->key()), batch_id;
      std::string why = CheckValue(key, std::string(it->value()), &batch_id);
      if (!why.empty()) {
        std::printf("CORRUPT %s %s\n", key.c_str(), why.c_str());
        ++corrupt;
        continue;
      }
      ++found[batch_id];
    }
    if (!it->status().ok()) {
      std::printf("CORRUPT - iterator: %s\n", it->status().ToString().c_str());
      ++corrupt;
    }
  }
  for (const auto& [id, count] : found) std::printf("BATCH %s %d\n", id.c_str(), count);
  std::printf("SUMMARY batches=%zu corrupt=%d keys_per_batch=%d\n", found.size(), corrupt,
              kKeysPerBatch);
  return 0;
}

int Main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr, "usage: %s --dir DIR [--verify] [--cycle N] [--threads T]\n", argv[0]);
    return 2;
  }
  StoreOptions options;
  options.data_dir = args.dir;
  options.durability = Durability::kSync;
  auto store = Store::Open(options);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
    return 1;
  }
  auto even = (*store)->OpenNamespace("crash.even");
  auto odd = (*store)->OpenNamespace("crash.odd");
  if (!even.ok() || !odd.ok()) {
    std::fprintf(stderr, "namespaces: %s\n", (even.ok() ? odd : even).status().ToString().c_str());
    return 1;
  }
  Namespaces ns{*even, *odd};
  if (args.verify) return Verify(**store, ns);
  std::vector<std::thread> threads;
  for (int t = 0; t < args.threads; ++t) {
    std::string prefix = "c" + std::to_string(args.cycle) + "-t" + std::to_string(t);
    threads.emplace_back(CommitForever, std::ref(**store), ns, prefix, args.cycle * 100 + t);
  }
  for (auto& t : threads) t.join();  // never: the test kills this process
  return 0;
}

}  // namespace
}  // namespace skybox::storage

int main(int argc, char** argv) { return skybox::storage::Main(argc, argv); }
