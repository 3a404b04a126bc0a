#include "services/s3/archive_restore.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kMidnight = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

ObjectVersion Version(std::string storage_class, int64_t restore_expiry_ms = 0) {
  ObjectVersion v;
  v.storage_class = std::move(storage_class);
  v.restore_expiry_ms = restore_expiry_ms;
  return v;
}

TEST(ArchiveRestoreTest, ExpiryIsTheDaysRoundedUpToMidnightUtc) {
  EXPECT_EQ(RestoreExpiryMs(kMidnight + 1, 1), kMidnight + 2 * kDayMs);
  EXPECT_EQ(RestoreExpiryMs(kMidnight + kDayMs - 1, 1), kMidnight + 2 * kDayMs);
  EXPECT_EQ(RestoreExpiryMs(kMidnight, 3), kMidnight + 3 * kDayMs);  // already at midnight
  // Days the clock cannot count (past 2262) never expire, rather than wrapping into the past.
  EXPECT_GT(RestoreExpiryMs(kMidnight, 2147483647), RestoreExpiryMs(kMidnight, 80000));
}

TEST(ArchiveRestoreTest, ArchivedBytesAreReadableOnlyWhileARestoredCopyLasts) {
  const int64_t now = kMidnight + 5000;
  EXPECT_TRUE(CheckReadableArchive(Version("STANDARD"), now, false).ok());
  EXPECT_TRUE(CheckReadableArchive(Version("GLACIER_IR"), now, false).ok());
  for (const char* archived : {"GLACIER", "DEEP_ARCHIVE"}) {
    Status never = CheckReadableArchive(Version(archived), now, false);
    EXPECT_EQ(never.aws_code(), "InvalidObjectState");
    EXPECT_EQ(never.http_status(), 403);
    EXPECT_TRUE(CheckReadableArchive(Version(archived, now + 1), now, true).ok());
    Status expired = CheckReadableArchive(Version(archived, now), now, true);
    EXPECT_EQ(expired.message(), "Operation is not valid for the source object's storage class");
  }
}

TEST(ArchiveRestoreTest, RestoreHeaderOnlyWhileTheCopyLasts) {
  aws::Document out = aws::Document::object();
  AddRestoreOutput(Version("GLACIER", kMidnight + kDayMs), kMidnight, out);
  EXPECT_EQ(out["Restore"], "ongoing-request=\"false\", expiry-date=\"Fri, 02 Jan 2026 00:00:00 GMT\"");
  aws::Document expired = aws::Document::object();
  AddRestoreOutput(Version("GLACIER", kMidnight), kMidnight, expired);
  AddRestoreOutput(Version("STANDARD", kMidnight + kDayMs), kMidnight, expired);
  EXPECT_TRUE(expired.empty());
}

TEST(ArchiveRestoreTest, ListingsReportRestoreStatusWhenAskedAndRestored) {
  EXPECT_FALSE(WantsRestoreStatus(aws::Document::object()));
  EXPECT_TRUE(WantsRestoreStatus({{"OptionalObjectAttributes", aws::Document::array({"RestoreStatus"})}}));
  EXPECT_TRUE(WantsRestoreStatus({{"OptionalObjectAttributes", "RestoreStatus"}}));
  EXPECT_FALSE(WantsRestoreStatus({{"OptionalObjectAttributes", aws::Document::array({"Other"})}}));
  aws::Document entry = aws::Document::object();
  AddRestoreStatus("DEEP_ARCHIVE", kMidnight + kDayMs, kMidnight, entry);
  EXPECT_EQ(entry["RestoreStatus"]["IsRestoreInProgress"], false);
  EXPECT_EQ(entry["RestoreStatus"]["RestoreExpiryDate"], (kMidnight + kDayMs) / 1000);
  aws::Document none = aws::Document::object();
  AddRestoreStatus("DEEP_ARCHIVE", kMidnight, kMidnight, none);  // expired
  AddRestoreStatus("STANDARD", kMidnight + kDayMs, kMidnight, none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace skybox::s3
