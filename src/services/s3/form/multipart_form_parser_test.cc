#include "services/s3/form/multipart_form_parser.h"

#include <gtest/gtest.h>

#include <vector>

namespace skybox::s3 {
namespace {

using Kind = FormEvent::Kind;

constexpr std::string_view kBoundary = "XyZ123";

std::string Part(std::string_view name, std::string_view value, std::string_view extra_headers = "") {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
         "\"\r\n" + std::string(extra_headers) + "\r\n" + std::string(value) + "\r\n";
}

std::string FilePart(std::string_view filename, std::string_view bytes) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
         std::string(filename) + "\"\r\nContent-Type: text/plain\r\n\r\n" + std::string(bytes) + "\r\n";
}

std::string Close() { return "--" + std::string(kBoundary) + "--\r\n"; }

// What a whole parse yields: fields, the file's bytes joined, and the first error.
struct Parsed {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string filename, file_type, file;
  int file_pieces = 0;
  bool file_ended = false, ended = false;
  Status error;
};

// Feeds `body` in pieces of `piece` bytes, draining events after each.
Parsed Parse(std::string_view body, size_t piece, size_t max_field_bytes = MultipartFormParser::kDefaultMaxFieldBytes) {
  MultipartFormParser parser{std::string(kBoundary), max_field_bytes};
  Parsed out;
  size_t fed = 0;
  while (true) {
    auto event = parser.Next();
    if (!event.ok()) {
      out.error = event.status();
      return out;
    }
    switch (event->kind) {
      case Kind::kNeedInput: {
        if (fed == body.size()) {
          parser.FinishInput();
          break;
        }
        size_t n = std::min(piece, body.size() - fed);
        parser.Feed(body.substr(fed, n));
        fed += n;
        break;
      }
      case Kind::kField: out.fields.emplace_back(event->name, event->value); break;
      case Kind::kFileStart:
        out.filename = event->filename;
        out.file_type = event->content_type;
        break;
      case Kind::kFileData:
        EXPECT_FALSE(event->value.empty());
        out.file += event->value;
        ++out.file_pieces;
        break;
      case Kind::kFileEnd: out.file_ended = true; break;
      case Kind::kEnd: out.ended = true; return out;
    }
  }
}

TEST(FormBoundaryOf, ReadsPlainAndQuotedBoundaries) {
  EXPECT_EQ(FormBoundaryOf("multipart/form-data; boundary=abc").value(), "abc");
  EXPECT_EQ(FormBoundaryOf("Multipart/Form-Data;boundary=\"a b;c\"").value(), "a b;c");
  EXPECT_EQ(FormBoundaryOf("multipart/form-data; charset=utf-8; boundary=----WebKit12").value(), "----WebKit12");
}

TEST(FormBoundaryOf, RejectsOtherTypesAndMissingBoundary) {
  for (std::string_view type : {"multipart/form-data", "multipart/form-data; charset=x", "text/plain; boundary=x",
                                "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unclosed"}) {
    auto boundary = FormBoundaryOf(type);
    ASSERT_FALSE(boundary.ok()) << type;
    EXPECT_EQ(boundary.status().aws_code(), "MalformedPOSTRequest");
    EXPECT_EQ(boundary.status().http_status(), 400);
  }
  EXPECT_FALSE(FormBoundaryOf("multipart/form-data; boundary=" + std::string(71, 'b')).ok());
}

TEST(MultipartFormParser, YieldsFieldsThenTheFileWhateverThePieceSize) {
  std::string file = "line one\r\nline two\r\n--XyZ12 not a delimiter\r\n-";
  std::string body = Part("key", "uploads/${filename}") + Part("X-Amz-Meta-Color", "blue") +
                     Part("empty", "") + FilePart("a.txt", file) + Close();
  for (size_t piece : {1, 2, 3, 7, 64, 100000}) {
    Parsed p = Parse(body, piece);
    ASSERT_TRUE(p.error.ok()) << piece << ": " << p.error.ToString();
    ASSERT_EQ(p.fields.size(), 3u);
    EXPECT_EQ(p.fields[0], std::make_pair(std::string("key"), std::string("uploads/${filename}")));
    EXPECT_EQ(p.fields[1], std::make_pair(std::string("x-amz-meta-color"), std::string("blue")));
    EXPECT_EQ(p.fields[2], std::make_pair(std::string("empty"), std::string()));
    EXPECT_EQ(p.filename, "a.txt");
    EXPECT_EQ(p.file_type, "text/plain");
    EXPECT_EQ(p.file, file) << piece;
    EXPECT_TRUE(p.file_ended);
    EXPECT_TRUE(p.ended);
  }
}

TEST(MultipartFormParser, AcceptsPreambleTransportPaddingAndFieldsAfterTheFile) {
  std::string body = "ignored preamble\r\n" + Part("key", "k");
  body.insert(body.find("\r\nContent-Disposition"), "  \t");
  body += FilePart("", "data") + Part("late", "x") + Close() + "epilogue";
  Parsed p = Parse(body, 5);
  ASSERT_TRUE(p.error.ok()) << p.error.ToString();
  ASSERT_EQ(p.fields.size(), 2u);
  EXPECT_EQ(p.fields[0].second, "k");
  EXPECT_EQ(p.fields[1].first, "late");
  EXPECT_EQ(p.file, "data");
  EXPECT_TRUE(p.ended);
}

TEST(MultipartFormParser, StreamsTheFileWithoutHoldingIt) {
  MultipartFormParser parser{std::string(kBoundary)};
  parser.Feed(Part("key", "k") + "--XyZ123\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n");
  ASSERT_EQ(parser.Next()->kind, Kind::kField);
  ASSERT_EQ(parser.Next()->kind, Kind::kFileStart);
  ASSERT_EQ(parser.Next()->kind, Kind::kNeedInput);
  size_t streamed = 0;
  const std::string chunk(64 * 1024, 'z');
  for (int i = 0; i < 32; ++i) {
    parser.Feed(chunk);
    auto event = parser.Next();
    ASSERT_EQ(event->kind, Kind::kFileData);
    streamed += event->value.size();
    ASSERT_EQ(parser.Next()->kind, Kind::kNeedInput);  // at most a delimiter's length is held back
  }
  parser.Feed("\r\n--XyZ123--");
  auto rest = parser.Next();
  ASSERT_EQ(rest->kind, Kind::kFileData);
  EXPECT_EQ(streamed + rest->value.size(), 32 * chunk.size());
  EXPECT_EQ(parser.Next()->kind, Kind::kFileEnd);
  EXPECT_EQ(parser.Next()->kind, Kind::kEnd);
  EXPECT_EQ(parser.Next()->kind, Kind::kEnd);
}

TEST(MultipartFormParser, RejectsMalformedBodies) {
  const std::string no_disposition = "--XyZ123\r\nContent-Type: text/plain\r\n\r\nv\r\n" + Close();
  const std::string no_name = "--XyZ123\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n" + Close();
  const std::string not_form_data = "--XyZ123\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n" + Close();
  const std::string bad_header = "--XyZ123\r\nno colon here\r\n\r\nv\r\n" + Close();
  const std::string junk_after_delimiter = "--XyZ123junk\r\n" + Close();
  const std::string truncated_file = Part("key", "k") + FilePart("a", "data").substr(0, 80);
  const std::string unclosed = Part("key", "k");
  for (const std::string& body : {std::string(), std::string("no boundary at all"), no_disposition, no_name,
                                  not_form_data, bad_header, junk_after_delimiter, truncated_file, unclosed}) {
    Parsed p = Parse(body, 3);
    EXPECT_EQ(p.error.aws_code(), "MalformedPOSTRequest") << body;
    EXPECT_EQ(p.error.message(), "The body of your POST request is not well-formed multipart/form-data.");
  }
}

TEST(MultipartFormParser, CapsTheOrdinaryFields) {
  std::string body = Part("a", std::string(600, 'x')) + Part("b", std::string(600, 'y')) + FilePart("f", "d") + Close();
  EXPECT_TRUE(Parse(body, 50, 2000).error.ok());
  for (size_t piece : {50, 100000}) {
    Parsed p = Parse(body, piece, 1000);
    EXPECT_EQ(p.error.aws_code(), "MaxPostPreDataLengthExceededError");
    EXPECT_EQ(p.error.http_status(), 400);
  }
  // A field that never ends is refused once it passes the cap, not buffered forever.
  MultipartFormParser parser{std::string(kBoundary), 1000};
  parser.Feed("--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n");
  ASSERT_EQ(parser.Next()->kind, Kind::kNeedInput);
  parser.Feed(std::string(2000, 'x'));
  EXPECT_FALSE(parser.Next().ok());
  EXPECT_FALSE(parser.Next().ok());  // errors are final
}

}  // namespace
}  // namespace skybox::s3
