// The idle-memory floor of Skybox's prescribed dependencies on this machine: a program that
// does only what any durable Skybox does before it serves (open a RocksDB store with Debian's
// library, linked statically as skybox links it, and hash once with Debian's OpenSSL, as the
// first signed request does), then idles while `bench/startup.py --with-floor` reads its VmRSS.
// Whatever this program holds, skybox cannot hold less.
//
// Usage: rss_floor DATA_DIR   (prints "ready" once the store is open and the hash computed)
#include <openssl/evp.h>
#include <rocksdb/db.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status st = rocksdb::DB::Open(options, argv[1], &raw);
  if (!st.ok()) {
    std::fprintf(stderr, "open: %s\n", st.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest("abc", 3, digest, &length, EVP_sha256(), nullptr) != 1) return 1;
  std::printf("ready\n");
  std::fflush(stdout);
  pause();  // until startup.py stops it
}
