// KeySerializer: runs the writes to one object key one after another, each from its read of
// the key's state to the moment its batch is durable; and lets writes hold a key shared, so
// that one exclusive holder (DeleteBucket holding the bucket's record) waits for all of them
// and they for it.
//
// Why: readers see a batch only once it is durable, so a writer that reads an object's head,
// decides (replace the null version, add a version, honour If-None-Match) and commits must not
// overlap another writer of the same key, or both would decide from the same old state. The
// hold spans asynchronous work (the commit completes on the committer thread), so this is an
// asynchronous queue, not a mutex. Writes to different keys run concurrently.
//
// Waiting works are admitted in arrival order: a shared work that arrives while an exclusive
// one waits queues behind it, so a steady stream of shared holders cannot starve it.
//
// Thread-safety: thread-safe. `work` runs on the thread that calls Run when the key is free;
// work that waited is started through `handoff` (the releasing thread is often the store's
// committer, which must not run other requests' reads).
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace skybox::s3 {

class KeySerializer {
 public:
  // `handoff` runs a task somewhere other than the calling thread (a worker pool).
  explicit KeySerializer(std::function<void(std::function<void()>)> handoff) : handoff_(std::move(handoff)) {}

  // Calls `work(release)` once every earlier work on `key` released it; `release` must be
  // called exactly once, from any thread, when the work is done (or failed).
  using Release = std::function<void()>;
  void Run(std::string key, std::function<void(Release)> work);
  // Like Run, but alongside other shared works of `key`: only exclusive works (Run) wait for it
  // and it for them.
  void RunShared(std::string key, std::function<void(Release)> work);
  // Like Run, holding every key of `keys`, taken one after another in the given order (callers
  // that take several keys list them in one global order, so they never wait on each other in
  // a cycle); one `release` frees them all.
  void RunAll(std::vector<std::string> keys, std::function<void(Release)> work);

 private:
  struct Waiting {
    bool shared;
    std::function<void(Release)> work;
  };
  // Present while some work holds the key.
  struct Holders {
    size_t shared = 0;
    bool exclusive = false;
    std::deque<Waiting> waiting;
  };

  void Enter(std::string key, bool shared, std::function<void(Release)> work);
  void Acquire(std::shared_ptr<std::vector<std::string>> keys, size_t next, std::vector<Release> held,
               std::function<void(Release)> work);
  void Start(const std::string& key, bool shared, std::function<void(Release)> work);
  void Leave(const std::string& key, bool shared);

  std::function<void(std::function<void()>)> handoff_;
  std::mutex mu_;
  std::unordered_map<std::string, Holders> busy_;  // GUARDED_BY(mu_)
};

// `done` preceded by `release`: how work done under a hold answers, so that the hold ends
// before the answer goes out (the next holder's work may start meanwhile).
template <typename... Args>
std::function<void(Args...)> ReleaseThen(KeySerializer::Release release, std::function<void(Args...)> done) {
  return [release = std::move(release), done = std::move(done)](Args... args) {
    release();
    done(std::forward<Args>(args)...);
  };
}

}  // namespace skybox::s3
