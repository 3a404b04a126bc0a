// The bucket record (keys.h: B<bucket>): when the bucket was created, its region, and the
// sequence that tells buckets of one name apart. Stored as a small JSON object,
// {"c": created ms, "r": region, "s": sequence}.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace skybox::s3 {

struct BucketRecord {
  int64_t created_ms = 0;
  std::string region;
  uint64_t sequence = 0;  // NextSeq() at the create: tells buckets of one name apart (BucketState::incarnation)
};

std::string EncodeBucket(const BucketRecord& record);

// A record that does not parse (none is written so) reads as created at 0 in us-east-1.
BucketRecord DecodeBucket(std::string_view value);

}  // namespace skybox::s3
