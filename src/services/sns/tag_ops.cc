#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"
#include "services/sns/tags.h"

namespace skybox::services::sns {

void TagResource(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "ResourceArn");
  auto tags = TagsFromInput(call.input, "Tags");
  if (!tags.ok()) return done(tags.status());
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().topics.find(arn);
    if (it == backend.State().topics.end()) return done(ResourceNotFound());
    if (Status s = MergeTags(it->second.tags, *tags); !s.ok()) return done(s);
    backend.PutTopic(batch, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void UntagResource(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "ResourceArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().topics.find(arn);
    if (it == backend.State().topics.end()) return done(ResourceNotFound());
    if (call.input.contains("TagKeys") && call.input["TagKeys"].is_array()) {
      for (const auto& key : call.input["TagKeys"]) {
        if (key.is_string()) it->second.tags.erase(key.get<std::string>());
      }
    }
    backend.PutTopic(batch, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void ListTagsForResource(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "ResourceArn");
  auto lock = backend.Lock();
  auto it = backend.State().topics.find(arn);
  if (it == backend.State().topics.end()) return done(ResourceNotFound());
  aws::Document output{{"Tags", TagsOutput(it->second.tags)}};
  lock.unlock();
  done(std::move(output));
}

}  // namespace skybox::services::sns
