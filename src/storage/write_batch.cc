#include "storage/write_batch.h"

namespace skybox::storage {

void WriteBatch::Put(Namespace ns, std::string_view key, std::string value) {
  bytes_ += key.size() + value.size();
  ops_.push_back(Op{OpKind::kPut, ns, std::string(key), std::move(value)});
}

void WriteBatch::Delete(Namespace ns, std::string_view key, size_t freed_bytes) {
  ops_.push_back(Op{OpKind::kDelete, ns, std::string(key), {}});
  bytes_ += key.size();
  freed_bytes_ += freed_bytes;
}

void WriteBatch::DeleteRange(Namespace ns, std::string_view begin, std::string_view end) {
  if (begin >= end) return;
  ops_.push_back(Op{OpKind::kDeleteRange, ns, std::string(begin), std::string(end)});
  bytes_ += begin.size() + end.size();
}

void WriteBatch::Clear() {
  ops_.clear();
  bytes_ = 0;
  freed_bytes_ = 0;
}

}  // namespace skybox::storage
