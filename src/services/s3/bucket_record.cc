#include "services/s3/bucket_record.h"

#include <nlohmann/json.hpp>

namespace skybox::s3 {

std::string EncodeBucket(const BucketRecord& record) {
  return nlohmann::json{{"c", record.created_ms}, {"r", record.region}, {"s", record.sequence}}.dump();
}

BucketRecord DecodeBucket(std::string_view value) {
  nlohmann::json j = nlohmann::json::parse(value, nullptr, false);
  BucketRecord record;
  record.region = "us-east-1";
  if (j.is_object()) {
    record.created_ms = j.value("c", int64_t{0});
    record.region = j.value("r", record.region);
    record.sequence = j.value("s", uint64_t{0});
  }
  return record;
}

}  // namespace skybox::s3
