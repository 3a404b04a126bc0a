#include "services/s3/body_upload.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>

#include "aws/payload_reader.h"
#include "aws/protocol/payload_digests.h"
#include "base/ascii.h"
#include "base/crypto.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

constexpr size_t kFlushBytes = 1 << 20;

// One upload in progress. Reading runs on the connection's event loop. A large body's buffers
// go through two stages on the worker pool, each run by one drainer at a time: MD5, then the
// flexible checksum and the write to the blob. The stages overlap, so the slower of the two
// (MD5, on one core) sets the pace rather than their sum, while the loop reads the next buffer;
// a CRC (every upload has one: S3's default CRC64NVME) costs the pace nothing that way. At most
// kMaxInFlight buffers are read and not yet written, so memory stays bounded.
class Receiver : public std::enable_shared_from_this<Receiver> {
 public:
  // `payload` is the same stream as `reader` when it is an AWS payload (it may carry trailers).
  Receiver(S3Backend& backend, std::shared_ptr<net::RequestBodyStream> reader,
           std::shared_ptr<aws::PayloadReader> payload, IntegrityClaims claims,
           std::function<void(Result<UploadedBody>)> done)
      : backend_(backend), reader_(std::move(reader)), payload_(std::move(payload)), claims_(std::move(claims)),
        done_(std::move(done)),
        md5_(StreamingHash::NewMd5()) {
    // An MD5 flexible checksum is the ETag's MD5: the bytes are hashed once.
    if (claims_.algorithm && *claims_.algorithm != ChecksumAlgorithm::kMd5) {
      checksum_ = StreamingHash::New(*claims_.algorithm);
    }
  }

  void ReadNext() {
    reader_->Read([self = shared_from_this()](net::BodyPiece piece) { self->OnPiece(std::move(piece)); });
  }

 private:
  static constexpr size_t kMaxInFlight = 3;

  void OnPiece(net::BodyPiece piece) {
    if (failed_) return;
    if (!piece.status.ok()) return Fail(piece.status);
    size_ += piece.bytes.size();
    if (pending_.empty()) pending_.reserve(spilled_ ? kFlushBytes : piece.bytes.size());
    pending_ += piece.bytes;
    spilled_ = spilled_ || size_ > backend_.options().inline_max_bytes;
    if (!spilled_) {
      if (!piece.last) return ReadNext();
      md5_->Update(pending_);
      if (checksum_) checksum_->Update(pending_);
      return Finish();
    }
    if (!piece.last && pending_.size() < kFlushBytes) return ReadNext();
    Enqueue(std::exchange(pending_, std::string()), piece.last);
  }

  // Hands a full buffer to the hashing stage; reads on unless enough buffers are in flight.
  void Enqueue(std::string buffer, bool last) {
    bool start_hasher, read_more;
    {
      std::lock_guard lock(mu_);
      to_hash_.push_back(std::move(buffer));
      ++in_flight_;
      input_done_ = last;
      start_hasher = !hashing_;
      hashing_ = true;
      read_more = !last && in_flight_ < kMaxInFlight;
      paused_ = !last && !read_more;
    }
    if (start_hasher) backend_.pool().Post([self = shared_from_this()] { self->DrainHashing(); });
    if (read_more) ReadNext();
  }

  // On the pool: MD5s queued buffers in order and passes each on to the writing stage.
  void DrainHashing() {
    for (;;) {
      std::string buffer;
      {
        std::lock_guard lock(mu_);
        if (failed_ || to_hash_.empty()) {
          hashing_ = false;
          return;
        }
        buffer = std::move(to_hash_.front());
        to_hash_.pop_front();
      }
      md5_->Update(buffer);
      bool start_writer;
      {
        std::lock_guard lock(mu_);
        to_write_.push_back(std::move(buffer));
        start_writer = !writing_;
        writing_ = true;
      }
      if (start_writer) backend_.pool().Post([self = shared_from_this()] { self->DrainWriting(); });
    }
  }

  // On the pool: checksums hashed buffers and appends them to the blob, in order; finishes once
  // the last is written.
  void DrainWriting() {
    for (;;) {
      std::string buffer;
      {
        std::lock_guard lock(mu_);
        if (failed_) {
          writing_ = false;
          return;
        }
        if (to_write_.empty()) {
          writing_ = false;
          if (input_done_ && in_flight_ == 0) break;
          return;
        }
        buffer = std::move(to_write_.front());
        to_write_.pop_front();
      }
      if (!writer_) {
        blob_ = backend_.blobs().NewId();
        auto writer = backend_.blobs().Create(blob_);
        if (!writer.ok()) return Fail(S3InternalError(writer.status()));
        writer_ = std::move(writer).value();
      }
      if (checksum_) checksum_->Update(buffer);
      Status st = writer_->Append(buffer);
      if (!st.ok()) return Fail(S3InternalError(st));
      bool resume;
      {
        std::lock_guard lock(mu_);
        --in_flight_;
        resume = std::exchange(paused_, false);
      }
      if (resume) ReadNext();  // a buffer is free: the loop reads while the next ones are hashed
    }
    Finish();
  }

  // After the last byte: verify, then make a blob durable (on the pool when there is one).
  void Finish() {
    UploadedBody body;
    body.size = size_;
    body.md5 = md5_->Finish();
    if (claims_.content_md5) {
      auto claimed = Base64Decode(*claims_.content_md5);
      if (!claimed || claimed->size() != 16) return Fail(aws::InvalidContentMd5(*claims_.content_md5));
      if (*claimed != body.md5) return Fail(aws::ContentMd5Mismatch(*claimed, body.md5));
    }
    if (claims_.algorithm) {
      body.checksum = checksum_ ? checksum_->Finish() : body.md5;
      std::optional<std::string> claimed = claims_.checksum;
      if (!claimed && payload_) {
        std::string header(ChecksumHeader(*claims_.algorithm));
        for (const auto& [name, value] : payload_->trailers()) {
          if (name == header) claimed = value;
        }
      }
      if (claimed && Base64Decode(*claimed) != body.checksum) return Fail(aws::ChecksumMismatch(*claims_.algorithm));
    }
    if (!writer_) {
      body.inline_data = std::move(pending_);
      return Succeed(std::move(body));
    }
    body.blob = blob_;
    Status st = writer_->Commit();
    if (!st.ok()) return Fail(S3InternalError(st));
    writer_.reset();
    Succeed(std::move(body));
  }

  void Fail(Status status) {
    {
      std::lock_guard lock(mu_);
      if (failed_) return;
      failed_ = true;
    }
    // An uncommitted blob removes itself when the writer goes with the last reference.
    auto done = std::move(done_);
    if (done) done(std::move(status));
  }
  void Succeed(UploadedBody body) {
    auto done = std::move(done_);
    done(std::move(body));
  }

  S3Backend& backend_;
  std::shared_ptr<net::RequestBodyStream> reader_;
  std::shared_ptr<aws::PayloadReader> payload_;
  IntegrityClaims claims_;
  std::function<void(Result<UploadedBody>)> done_;
  std::unique_ptr<StreamingHash> md5_;
  std::unique_ptr<StreamingHash> checksum_;  // the claimed algorithm's; null without one, or for MD5 (md5_)
  std::unique_ptr<BlobWriter> writer_;
  BlobId blob_ = 0;
  uint64_t size_ = 0;
  bool spilled_ = false;  // the body is larger than the inline limit: it goes to a blob
  std::string pending_;   // read, not yet handed to the drainer (event-loop side)
  std::mutex mu_;
  std::deque<std::string> to_hash_;   // GUARDED_BY(mu_): full buffers waiting to be hashed
  std::deque<std::string> to_write_;  // GUARDED_BY(mu_): hashed buffers waiting to be written
  size_t in_flight_ = 0;              // GUARDED_BY(mu_): buffers queued and not yet written
  bool hashing_ = false;              // GUARDED_BY(mu_): a DrainHashing task owns md5_
  bool writing_ = false;              // GUARDED_BY(mu_): a DrainWriting task owns checksum_, writer_
  bool input_done_ = false;           // GUARDED_BY(mu_): the last buffer was queued
  bool paused_ = false;               // GUARDED_BY(mu_): reading waits for a free slot
  std::atomic<bool> failed_{false};
};

}  // namespace

Status RequireDeclaredLength(const aws::Call& call) {
  if (RequestHeader(call, "content-length") || RequestHeader(call, "transfer-encoding")) return Status();
  return Status::Aws(StatusCode::kInvalidArgument, 411, "MissingContentLength",
                     "You must provide the Content-Length HTTP header.");
}

Result<IntegrityClaims> ReadIntegrityClaims(const aws::Call& call) {
  IntegrityClaims claims;
  const aws::Document& in = call.input;
  if (in.contains("ContentMD5")) claims.content_md5 = in["ContentMD5"].get<std::string>();
  for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
    auto it = in.find(std::string(ChecksumMember(algorithm)));
    if (it == in.end()) continue;
    if (claims.algorithm && *claims.algorithm != algorithm) {
      return aws::MultipleChecksums();
    }
    claims.algorithm = algorithm;
    claims.checksum = it->get<std::string>();
  }
  std::optional<std::string> named;
  if (in.contains("ChecksumAlgorithm")) named = in["ChecksumAlgorithm"].get<std::string>();
  for (const net::HttpHeader& h : call.headers) {
    if (h.name == "x-amz-trailer" && AsciiLowercase(h.value).starts_with("x-amz-checksum-")) {
      named = AsciiLowercase(h.value).substr(15);
    }
  }
  if (named && !claims.algorithm) {
    auto algorithm = ParseChecksumAlgorithm(*named);
    if (!algorithm) return UnsupportedChecksumAlgorithm();
    claims.algorithm = algorithm;
  }
  if (claims.checksum) {
    auto raw = Base64Decode(*claims.checksum);
    if (!raw || raw->size() != ChecksumDigestSize(*claims.algorithm)) {
      return aws::InvalidChecksumValue(*claims.algorithm);
    }
  }
  return claims;
}

void DefaultToCrc64Nvme(IntegrityClaims& claims) {
  if (!claims.algorithm) claims.algorithm = ChecksumAlgorithm::kCrc64Nvme;
}

void ReceiveBody(S3Backend& backend, const aws::Call& call, IntegrityClaims claims,
                 std::function<void(Result<UploadedBody>)> done) {
  if (!call.http || !call.http->request_body) {
    return done(Status(StatusCode::kInternal, "ReceiveBody without a request body"));
  }
  auto receiver = std::make_shared<Receiver>(backend, call.http->request_body, call.http->request_body,
                                             std::move(claims), std::move(done));
  receiver->ReadNext();
}

void ReceiveBody(S3Backend& backend, std::shared_ptr<net::RequestBodyStream> body, IntegrityClaims claims,
                 std::function<void(Result<UploadedBody>)> done) {
  auto receiver = std::make_shared<Receiver>(backend, std::move(body), nullptr, std::move(claims), std::move(done));
  receiver->ReadNext();
}

void StoreBodyInVersion(UploadedBody body, std::optional<ChecksumAlgorithm> algorithm, ObjectVersion& version) {
  version.size = body.size;
  version.etag = EtagOfMd5(body.md5);
  version.last_modified_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  if (body.checksum && algorithm) {
    version.checksum = StoredChecksum{std::string(ChecksumName(*algorithm)), Base64Encode(*body.checksum), "FULL_OBJECT"};
  }
  if (body.blob != 0) {
    version.parts.push_back({body.blob, body.size, "", ""});
  } else {
    version.inline_data = std::move(body.inline_data);
  }
}

std::string EtagOfMd5(const std::string& raw_md5) { return "\"" + HexEncode(raw_md5) + "\""; }

}  // namespace skybox::s3
