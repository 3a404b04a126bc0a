// GetObjectAttributes (?attributes on an object): the attributes x-amz-object-attributes asks
// for (ETag, Checksum, ObjectParts, StorageClass, ObjectSize), without the object's bytes.
//
// As S3 answers it: the ETag is unquoted; a multipart object's composite checksum loses its
// "-<parts>" suffix; ObjectParts appears only for multipart objects — the part count alone for
// a FULL_OBJECT checksum, else a ListParts-like page of parts (x-amz-max-parts,
// x-amz-part-number-marker) with each part's size and checksum.
//
// Thread-safety: pure function and handler over the thread-safe S3Backend.
#pragma once

#include <cstdint>

#include "aws/service.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

struct PartsPage {
  int64_t max_parts = 1000;        // at most 1000, as ListParts
  int64_t part_number_marker = 0;  // parts after this number
};

// GetObjectAttributes' output members for `version` (LastModified and VersionId included),
// `requested` being the ObjectAttributes list.
aws::Document ObjectAttributesOutput(const ObjectVersion& version, const aws::Document& requested,
                                     PartsPage page);

void GetObjectAttributes(S3Backend& backend, aws::Call call, aws::CallDone done);

}  // namespace skybox::s3
