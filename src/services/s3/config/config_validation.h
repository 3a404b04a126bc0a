// S3's checks of bucket configuration documents beyond what the API model expresses (enums,
// limits, cross-field rules), with S3's error codes and messages. Each function takes the
// document a Put received and returns what to store, or the AWS error.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::s3 {

// The ID S3 gives a lifecycle rule or notification destination sent without one: base64 of a
// random UUID, shaped like the IDs S3 generates.
std::string GeneratedConfigurationId();

// Tagging {TagSet}: at most 50 tags, keys 1..128 and values <= 256 characters, unique keys,
// no "aws:" keys -> InvalidTag.
Result<aws::Document> NormalizeBucketTagging(aws::Document tagging);
// VersioningConfiguration: Status Enabled|Suspended, MfaDelete Enabled|Disabled -> MalformedXML.
Result<aws::Document> NormalizeVersioning(aws::Document config);
// CORSConfiguration: 1..100 rules, methods GET|PUT|HEAD|POST|DELETE, at most one '*' per
// AllowedOrigin / AllowedHeader -> InvalidRequest / MalformedXML.
Result<aws::Document> NormalizeCors(aws::Document config);
// A bucket policy (a string) for `bucket`: a JSON object of at most 20 KB (without whitespace)
// whose statements have the shape S3 requires (bucket_policy_grammar.h) -> MalformedPolicy.
Result<aws::Document> NormalizePolicy(aws::Document policy, std::string_view bucket);
// ServerSideEncryptionConfiguration: rules with a known SSEAlgorithm; a KMS key only for KMS.
Result<aws::Document> NormalizeEncryption(aws::Document config);
// OwnershipControls: exactly one rule with a known ObjectOwnership -> MalformedXML.
Result<aws::Document> NormalizeOwnershipControls(aws::Document config);
// AccelerateConfiguration: Status Enabled|Suspended -> MalformedXML.
Result<aws::Document> NormalizeAccelerate(aws::Document config);
// RequestPaymentConfiguration: Payer Requester|BucketOwner -> MalformedXML.
Result<aws::Document> NormalizeRequestPayment(aws::Document config);
// WebsiteConfiguration: an IndexDocument (a Suffix without '/') or a RedirectAllRequestsTo, not
// both kinds; Protocol http|https (else MalformedXML); a routing rule redirects with
// ReplaceKeyWith or ReplaceKeyPrefixWith, not both, and a 3XX code other than 300; its Condition,
// when present, names a prefix or a 4XX/5XX error code (else InvalidRequest).
Result<aws::Document> NormalizeWebsite(aws::Document config);
// ReplicationConfiguration: each rule's Status (and its DeleteMarkerReplication and
// ExistingObjectReplication Status) Enabled or Disabled -> else MalformedXML; a rule sent without
// an ID gets one.
Result<aws::Document> NormalizeReplication(aws::Document config);

}  // namespace skybox::s3
