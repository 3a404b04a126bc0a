#include "aws/auth/aws_chunked.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "aws/auth/signing_key.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

using Trailers = std::vector<std::pair<std::string, std::string>>;

constexpr char kEmptySha256Hex[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// AWS's published examples ("sigv4-streaming" and "sigv4-streaming-trailers" in the S3 API
// reference): secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, 20130524T000000Z, us-east-1,
// a 66560-byte object of 'a' sent as 64 KiB + 1 KiB + the final empty chunk. Every signature
// below was also recomputed independently with Python's hmac/hashlib.
ChunkSigningContext DocContext(std::string seed_signature) {
  return {
      DeriveSigningKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3"),
      "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", std::move(seed_signature)};
}

std::string DocBody(const std::string (&signatures)[3], std::string_view trailer_section) {
  std::string body = "10000;chunk-signature=" + signatures[0] + "\r\n";
  body.append(65536, 'a');
  body += "\r\n400;chunk-signature=" + signatures[1] + "\r\n";
  body.append(1024, 'a');
  body += "\r\n0;chunk-signature=" + signatures[2] + "\r\n";
  body += trailer_section;
  return body;
}

const std::string kDocSignatures[3] = {
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};
const char kDocSeed[] = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

const std::string kDocTrailerSignatures[3] = {
    "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
    "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
    "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"};
const char kDocTrailerSeed[] = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
const char kDocTrailerSection[] =
    "x-amz-checksum-crc32c:sOO8/Q==\r\n"
    "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n"
    "\r\n";

struct Decoded {
  Status feed;    // the first failed Feed, or OK
  Status finish;  // Finish(), run only when every Feed succeeded
  std::string payload;
  Trailers trailers;
};

// Feeds `wire` split at each offset in `cuts` (ascending), then finishes.
Decoded DecodeWithCuts(StreamingPayload mode, const ChunkSigningContext& ctx, std::string_view wire,
                       const std::vector<size_t>& cuts) {
  AwsChunkedDecoder decoder(mode, ctx);
  Decoded d;
  size_t start = 0;
  std::vector<size_t> ends = cuts;
  ends.push_back(wire.size());
  for (size_t end : ends) {
    d.feed = decoder.Feed(wire.substr(start, end - start), &d.payload);
    if (!d.feed.ok()) return d;
    start = end;
  }
  d.finish = decoder.Finish();
  d.trailers = decoder.trailers();
  EXPECT_EQ(decoder.decoded_bytes(), d.payload.size());
  return d;
}

Decoded Decode(StreamingPayload mode, const ChunkSigningContext& ctx, std::string_view wire) {
  return DecodeWithCuts(mode, ctx, wire, {});
}

Decoded DecodeByteByByte(StreamingPayload mode, const ChunkSigningContext& ctx,
                         std::string_view wire) {
  std::vector<size_t> cuts;
  for (size_t i = 1; i < wire.size(); ++i) cuts.push_back(i);
  return DecodeWithCuts(mode, ctx, wire, cuts);
}

// The first error a decode produced ("" when it succeeded).
std::string AwsCode(const Decoded& d) {
  return !d.feed.ok() ? d.feed.aws_code() : d.finish.aws_code();
}

// A test-side signer for bodies other than AWS's examples (the decoder's chain is anchored by
// the published vectors above).
struct Signer {
  ChunkSigningContext ctx = DocContext(kDocSeed);
  std::string previous = kDocSeed;

  std::string Chunk(std::string_view data) {
    std::string to_sign = "AWS4-HMAC-SHA256-PAYLOAD\n" + ctx.amz_date + "\n" + ctx.scope + "\n" +
                          previous + "\n" + kEmptySha256Hex + "\n" + HexEncode(Sha256(data));
    previous = SignatureHex(ctx.signing_key, to_sign);
    char size[20];
    snprintf(size, sizeof size, "%zx", data.size());
    std::string wire = std::string(size) + ";chunk-signature=" + previous + "\r\n";
    wire.append(data);
    return data.empty() ? wire : wire + "\r\n";
  }

  std::string Trailer(std::string_view canonical) {
    std::string to_sign = "AWS4-HMAC-SHA256-TRAILER\n" + ctx.amz_date + "\n" + ctx.scope + "\n" +
                          previous + "\n" + HexEncode(Sha256(canonical));
    return SignatureHex(ctx.signing_key, to_sign);
  }
};

TEST(ParseStreamingPayloadTest, KnowsTheThreeStreamingModes) {
  EXPECT_EQ(ParseStreamingPayload("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            StreamingPayload::kSignedChunks);
  EXPECT_EQ(ParseStreamingPayload("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
            StreamingPayload::kSignedChunksWithTrailer);
  EXPECT_EQ(ParseStreamingPayload("STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
            StreamingPayload::kUnsignedChunksWithTrailer);
  EXPECT_EQ(ParseStreamingPayload("UNSIGNED-PAYLOAD"), std::nullopt);
  EXPECT_EQ(ParseStreamingPayload(kEmptySha256Hex), std::nullopt);
  EXPECT_EQ(ParseStreamingPayload("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"), std::nullopt);
  EXPECT_EQ(ParseStreamingPayload("streaming-aws4-hmac-sha256-payload"), std::nullopt);
}

TEST(AwsChunkedDecoderTest, DecodesAwsDocumentedSignedUpload) {
  std::string body = DocBody(kDocSignatures, "\r\n");
  ASSERT_EQ(body.size(), 66824u);  // the Content-Length AWS's example gives
  Decoded d = Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed), body);
  ASSERT_TRUE(d.feed.ok()) << d.feed.ToString();
  ASSERT_TRUE(d.finish.ok()) << d.finish.ToString();
  EXPECT_EQ(d.payload, std::string(66560, 'a'));
  EXPECT_TRUE(d.trailers.empty());
}

TEST(AwsChunkedDecoderTest, DecodesAwsDocumentedSignedUploadWithTrailer) {
  std::string body = DocBody(kDocTrailerSignatures, kDocTrailerSection);
  Decoded d = Decode(StreamingPayload::kSignedChunksWithTrailer, DocContext(kDocTrailerSeed), body);
  ASSERT_TRUE(d.feed.ok()) << d.feed.ToString();
  ASSERT_TRUE(d.finish.ok()) << d.finish.ToString();
  EXPECT_EQ(d.payload, std::string(66560, 'a'));
  EXPECT_EQ(d.trailers, (Trailers{{"x-amz-checksum-crc32c", "sOO8/Q=="}}));
}

TEST(AwsChunkedDecoderTest, DecodesBotocoreUnsignedTrailerBody) {
  // What botocore's AwsChunkedWrapper writes for a small PutObject with a CRC32 checksum.
  std::string body = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
  Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, body);
  ASSERT_TRUE(d.finish.ok()) << d.feed.ToString() << d.finish.ToString();
  EXPECT_EQ(d.payload, "hello world");
  EXPECT_EQ(d.trailers, (Trailers{{"x-amz-checksum-crc32", "DUoRhQ=="}}));
}

TEST(AwsChunkedDecoderTest, AcceptsClientVariationsOfTheEnd) {
  for (std::string body : {
           "3\r\nabc\r\n0\r\n\r\n",  // botocore without a checksum
           "3\r\nabc\r\n0\r\n",      // JS v3 without a checksum: nothing after the last chunk
           "3\nabc\n0\nx-amz-checksum-crc32:NSRBwg==\n\n",  // bare LF line ends
       }) {
    Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, body);
    EXPECT_TRUE(d.feed.ok() && d.finish.ok()) << body << AwsCode(d);
    EXPECT_EQ(d.payload, "abc");
  }
  // A signed upload whose final empty line is missing.
  std::string body = DocBody(kDocSignatures, "");
  Decoded d = Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed), body);
  EXPECT_TRUE(d.feed.ok() && d.finish.ok()) << AwsCode(d);
}

TEST(AwsChunkedDecoderTest, NormalisesTrailerNamesAndValues) {
  std::string body = "0\r\nX-Amz-Checksum-CRC32 :  NSRBwg== \r\nx-amz-meta-a:\r\n\r\n";
  Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, body);
  ASSERT_TRUE(d.finish.ok()) << AwsCode(d);
  EXPECT_EQ(d.payload, "");
  EXPECT_EQ(d.trailers, (Trailers{{"x-amz-checksum-crc32", "NSRBwg=="}, {"x-amz-meta-a", ""}}));
}

TEST(AwsChunkedDecoderTest, EverySplitGivesTheSameResultInAllModes) {
  Signer signer;
  std::string data(100, 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + i % 26);
  // One statement per chunk: the signer is stateful and `+` operands are unsequenced.
  std::string signed_body = signer.Chunk(data);
  signed_body += signer.Chunk("");
  signed_body += "\r\n";

  Signer trailer_signer;
  std::string trailer_body = trailer_signer.Chunk(data);
  trailer_body += trailer_signer.Chunk("");
  std::string canonical = "x-amz-checksum-sha256:abc=\n";
  trailer_body +=
      "x-amz-checksum-sha256:abc=\r\nx-amz-trailer-signature:" + trailer_signer.Trailer(canonical) +
      "\r\n\r\n";

  std::string unsigned_body = "64\r\n" + data + "\r\n0\r\nx-amz-checksum-sha256:abc=\r\n\r\n";

  struct Case {
    StreamingPayload mode;
    std::string body;
    Trailers trailers;
  } cases[] = {
      {StreamingPayload::kSignedChunks, signed_body, {}},
      {StreamingPayload::kSignedChunksWithTrailer,
       trailer_body,
       {{"x-amz-checksum-sha256", "abc="}}},
      {StreamingPayload::kUnsignedChunksWithTrailer,
       unsigned_body,
       {{"x-amz-checksum-sha256", "abc="}}},
  };
  for (const Case& c : cases) {
    for (size_t cut = 0; cut <= c.body.size(); ++cut) {
      Decoded d = DecodeWithCuts(c.mode, signer.ctx, c.body, {cut});
      ASSERT_TRUE(d.feed.ok() && d.finish.ok()) << "cut " << cut << ": " << AwsCode(d);
      ASSERT_EQ(d.payload, data) << "cut " << cut;
      ASSERT_EQ(d.trailers, c.trailers) << "cut " << cut;
    }
    Decoded d = DecodeByteByByte(c.mode, signer.ctx, c.body);
    ASSERT_TRUE(d.feed.ok() && d.finish.ok()) << AwsCode(d);
    EXPECT_EQ(d.payload, data);
  }
}

TEST(AwsChunkedDecoderTest, ByteByByteDocumentedUploadWithTrailer) {
  std::string body = DocBody(kDocTrailerSignatures, kDocTrailerSection);
  Decoded d = DecodeByteByByte(StreamingPayload::kSignedChunksWithTrailer,
                               DocContext(kDocTrailerSeed), body);
  ASSERT_TRUE(d.feed.ok() && d.finish.ok()) << AwsCode(d);
  EXPECT_EQ(d.payload.size(), 66560u);
}

TEST(AwsChunkedDecoderTest, RejectsTamperedChunkData) {
  std::string body = DocBody(kDocSignatures, "\r\n");
  body[88 + 65536 + 2 + 86 + 10] = 'b';  // inside the 1 KiB chunk
  AwsChunkedDecoder decoder(StreamingPayload::kSignedChunks, DocContext(kDocSeed));
  std::string out;
  Status status = decoder.Feed(body, &out);
  EXPECT_EQ(status.aws_code(), "SignatureDoesNotMatch");
  EXPECT_EQ(status.http_status(), 403);
  // The decoder stays failed.
  EXPECT_EQ(decoder.Feed("0\r\n", &out).aws_code(), "SignatureDoesNotMatch");
  EXPECT_EQ(decoder.Finish().aws_code(), "SignatureDoesNotMatch");
}

TEST(AwsChunkedDecoderTest, RejectsWrongSeedAndBrokenChain) {
  std::string body = DocBody(kDocSignatures, "\r\n");
  ChunkSigningContext wrong_seed = DocContext(std::string(64, '0'));
  EXPECT_EQ(AwsCode(Decode(StreamingPayload::kSignedChunks, wrong_seed, body)),
            "SignatureDoesNotMatch");
  // Chunks reordered keep valid-looking signatures but break the chain.
  const std::string swapped[3] = {kDocSignatures[0], kDocSignatures[2], kDocSignatures[1]};
  EXPECT_EQ(AwsCode(Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed),
                           DocBody(swapped, "\r\n"))),
            "SignatureDoesNotMatch");
}

TEST(AwsChunkedDecoderTest, SignedChunkWithoutSignatureIsIncomplete) {
  Decoded d =
      Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed), "3\r\nabc\r\n0\r\n\r\n");
  EXPECT_EQ(AwsCode(d), "IncompleteBody");
  d = Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed),
             "3;chunk-signature=abc\r\nabc\r\n");
  EXPECT_EQ(AwsCode(d), "IncompleteBody");
}

TEST(AwsChunkedDecoderTest, TruncatedBodiesFailAtFinish) {
  std::string body = DocBody(kDocSignatures, "\r\n");
  // Inside the first header, inside each chunk's data, before a data CRLF, inside the final
  // header.
  for (size_t keep : {size_t{0}, size_t{5}, size_t{100}, size_t{65536 + 88}, size_t{65536 + 89},
                      size_t{66000}, body.size() - 40}) {
    Decoded d = Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed),
                       std::string_view(body).substr(0, keep));
    EXPECT_TRUE(d.feed.ok()) << keep;
    EXPECT_EQ(d.finish.aws_code(), "IncompleteBody") << keep;
    EXPECT_EQ(d.finish.http_status(), 400);
  }
  // The signed trailer variant needs its trailer signature.
  std::string trailer_body = DocBody(kDocTrailerSignatures, "x-amz-checksum-crc32c:sOO8/Q==\r\n");
  EXPECT_EQ(AwsCode(Decode(StreamingPayload::kSignedChunksWithTrailer, DocContext(kDocTrailerSeed),
                           trailer_body)),
            "IncompleteBody");
  // A half-received trailer line.
  EXPECT_EQ(AwsCode(Decode(StreamingPayload::kUnsignedChunksWithTrailer, {},
                           "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSR")),
            "IncompleteBody");
}

TEST(AwsChunkedDecoderTest, RejectsBadHexSizes) {
  for (std::string body : {"zz\r\nabc\r\n0\r\n\r\n", "\r\n", ";x=1\r\n", "0x3\r\nabc\r\n",
                           "-3\r\nabc\r\n", "10000000000000000\r\n"}) {
    Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, body);
    EXPECT_EQ(d.feed.aws_code(), "IncompleteBody") << body;
  }
  // Sixteen hex digits still fit; the body then simply ends too early.
  Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, "ffffffffffffffff\r\nab");
  EXPECT_TRUE(d.feed.ok());
  EXPECT_EQ(d.finish.aws_code(), "IncompleteBody");
}

TEST(AwsChunkedDecoderTest, RejectsMissingDataTerminator) {
  Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, "3\r\nabcd\r\n0\r\n\r\n");
  EXPECT_EQ(d.feed.aws_code(), "IncompleteBody");
}

TEST(AwsChunkedDecoderTest, RejectsOversizeHeaderLineWithoutBufferingIt) {
  AwsChunkedDecoder decoder(StreamingPayload::kUnsignedChunksWithTrailer, {});
  std::string out;
  std::string header = "3;" + std::string(AwsChunkedDecoder::kMaxLineBytes, 'x');
  Status status = decoder.Feed(header, &out);  // no newline yet: fails on the length alone
  EXPECT_EQ(status.aws_code(), "IncompleteBody");
  // A line just under the cap is fine.
  std::string ok_header = "3;" + std::string(AwsChunkedDecoder::kMaxLineBytes - 4, 'x') + "\r\n";
  Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, ok_header + "abc\r\n0\r\n");
  EXPECT_TRUE(d.feed.ok() && d.finish.ok()) << AwsCode(d);
  // An oversize trailer line is a malformed trailer.
  d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {},
             "0\r\nx-amz-meta:" + std::string(5000, 'v') + "\r\n\r\n");
  EXPECT_EQ(AwsCode(d), "MalformedTrailerError");
}

TEST(AwsChunkedDecoderTest, OnlyTheLastChunkMayBeSmall) {
  Decoded d =
      Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
  EXPECT_EQ(d.feed.aws_code(), "InvalidChunkSizeError");
  EXPECT_EQ(d.feed.http_status(), 400);
  std::string big(AwsChunkedDecoder::kMinChunkSize, 'b');
  d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {},
             "2000\r\n" + big + "\r\n3\r\ndef\r\n0\r\n\r\n");
  ASSERT_TRUE(d.feed.ok() && d.finish.ok()) << AwsCode(d);
  EXPECT_EQ(d.payload, big + "def");
  // The signed variants follow the same rule.
  Signer signer;
  std::string body = signer.Chunk("abc");
  body += signer.Chunk("def");
  body += signer.Chunk("");
  body += "\r\n";
  EXPECT_EQ(AwsCode(Decode(StreamingPayload::kSignedChunks, signer.ctx, body)),
            "InvalidChunkSizeError");
}

TEST(AwsChunkedDecoderTest, RejectsTrailerSignatureMismatch) {
  std::string tampered = kDocTrailerSection;
  tampered.replace(tampered.find("sOO8"), 4, "AAAA");
  Decoded d = Decode(StreamingPayload::kSignedChunksWithTrailer, DocContext(kDocTrailerSeed),
                     DocBody(kDocTrailerSignatures, tampered));
  EXPECT_EQ(AwsCode(d), "SignatureDoesNotMatch");
  EXPECT_EQ(d.feed.http_status(), 403);
  // A trailer after the trailer signature is not covered by it.
  std::string appended = kDocTrailerSection;
  appended.insert(appended.size() - 2, "x-amz-meta-late:1\r\n");
  d = Decode(StreamingPayload::kSignedChunksWithTrailer, DocContext(kDocTrailerSeed),
             DocBody(kDocTrailerSignatures, appended));
  EXPECT_EQ(AwsCode(d), "MalformedTrailerError");
}

TEST(AwsChunkedDecoderTest, RejectsMalformedTrailers) {
  for (std::string section :
       {"no-colon-here\r\n\r\n", ":value\r\n\r\n", "x-amz-trailer-signature:abc\r\n\r\n"}) {
    Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, "0\r\n" + section);
    EXPECT_EQ(AwsCode(d), "MalformedTrailerError") << section;
  }
  // STREAMING-AWS4-HMAC-SHA256-PAYLOAD carries no trailers.
  Decoded d = Decode(StreamingPayload::kSignedChunks, DocContext(kDocSeed),
                     DocBody(kDocSignatures, "x-amz-checksum-crc32:NSRBwg==\r\n\r\n"));
  EXPECT_EQ(AwsCode(d), "MalformedTrailerError");
  // Too many trailer bytes in all.
  std::string many = "0\r\n";
  for (int i = 0; i < 10; ++i)
    many += "x-amz-meta-" + std::to_string(i) + ":" + std::string(1000, 'v') + "\r\n";
  EXPECT_EQ(AwsCode(Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, many + "\r\n")),
            "MalformedTrailerError");
}

TEST(AwsChunkedDecoderTest, RejectsBytesAfterTheEnd) {
  Decoded d = Decode(StreamingPayload::kUnsignedChunksWithTrailer, {}, "3\r\nabc\r\n0\r\n\r\nX");
  EXPECT_EQ(d.feed.aws_code(), "IncompleteBody");
}

}  // namespace
}  // namespace skybox::aws
