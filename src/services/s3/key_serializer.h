// KeySerializer: runs the writes to one object key one after another, each from its read of
// the key's state to the moment its batch is durable.
//
// Why: readers see a batch only once it is durable, so a writer that reads an object's head,
// decides (replace the null version, add a version, honour If-None-Match) and commits must not
// overlap another writer of the same key, or both would decide from the same old state. The
// hold spans asynchronous work (the commit completes on the committer thread), so this is an
// asynchronous queue, not a mutex. Writes to different keys run concurrently.
//
// Thread-safety: thread-safe. `work` runs on the thread that calls Run when the key is free;
// work that waited is started through `handoff` (the releasing thread is often the store's
// committer, which must not run other requests' reads).
#pragma once

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
  // Like Run, holding every key of `keys`, taken one after another in the given order (callers
  // that take several keys list them in one global order, so they never wait on each other in
  // a cycle); one `release` frees them all.
  void RunAll(std::vector<std::string> keys, std::function<void(Release)> work);

 private:
  void Start(const std::string& key, std::function<void(Release)> work);
  void Acquire(std::shared_ptr<std::vector<std::string>> keys, size_t next, std::vector<Release> held,
               std::function<void(Release)> work);
  void Done(const std::string& key);

  std::function<void(std::function<void()>)> handoff_;
  std::mutex mu_;
  // A key is present while some work on it runs; the deque holds the works waiting for it.
  std::unordered_map<std::string, std::deque<std::function<void(Release)>>> busy_;  // GUARDED_BY(mu_)
};

}  // namespace skybox::s3
