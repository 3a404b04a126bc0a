// ObjectEvent: one change to an object as S3's event notifications describe it — what
// happened, to which key and version, and who caused it. The S3 core fills these in while it
// builds a change's batch; bucket_notifier.h turns them into messages for the bucket's
// configured destinations.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "aws/service.h"

namespace skybox::s3 {

// Who caused an event (the record's userIdentity, requestParameters and responseElements).
struct EventOrigin {
  std::string request_id;
  std::string principal_id;
  std::string source_ip = "127.0.0.1";
  std::string account_id = "000000000000";  // the bucket owner's account
};

// The origin of a request: its id and signer. Skybox does not see the client's address at
// this layer; it reports the loopback address (Skybox listens on loopback by default).
EventOrigin OriginOf(const aws::Call& call);
// The origin of changes S3 makes by itself (lifecycle expiration): principal "s3.amazonaws.com".
EventOrigin ServiceOrigin();

// Why an object changes, as its caller knows it: the event name of a write
// ("ObjectCreated:Put"), or, for a delete, the family ("ObjectRemoved", "LifecycleExpiration")
// that the delete completes with ":Delete" or ":DeleteMarkerCreated" once it knows which it did.
struct EventCause {
  std::string event_name;
  EventOrigin origin;
};

struct ObjectEvent {
  std::string name;  // "ObjectCreated:Put" (no "s3:")
  std::string bucket;
  std::string key;  // as stored (not yet URL-encoded)
  std::optional<uint64_t> size;  // absent for removals
  std::string etag;              // without quotes; empty when the event has none
  std::string version_id;        // empty for objects of unversioned buckets (the "null" version)
  uint64_t sequence = 0;         // orders the events of one key (the record's "sequencer")
  int64_t time_ms = 0;
  EventOrigin origin;
  // ObjectRestore events: the archived version's storage class and, once restored, until when
  // the restored copy lasts (0: not known).
  std::string source_storage_class;
  int64_t restore_expiry_ms = 0;
};

}  // namespace skybox::s3
