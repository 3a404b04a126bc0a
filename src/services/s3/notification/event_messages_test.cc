#include "services/s3/notification/event_messages.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace skybox::s3 {
namespace {

using Json = nlohmann::json;

ObjectEvent Event(std::string name) {
  ObjectEvent e;
  e.name = std::move(name);
  e.bucket = "photos";
  e.key = "in/my cat+1.jpg";
  e.size = 5;
  e.etag = "b1946ac92492d2347c6235b4d2611184";
  e.sequence = 0x617f08299329d189ULL;
  e.time_ms = 1636675200123;  // 2021-11-12T00:00:00.123Z
  e.origin = {"REQ1", "000000000000", "127.0.0.1", "000000000000"};
  return e;
}

TEST(EventMessages, KeysAreFormEncodedKeepingSlashes) {
  EXPECT_EQ(EventKey("in/my cat+1.jpg"), "in/my+cat%2B1.jpg");
  EXPECT_EQ(EventKey("a-b_c.d*e"), "a-b_c.d*e");
  EXPECT_EQ(EventKey("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(Sequencer(0x617f08299329d189ULL), "00617F08299329D189");
}

TEST(EventMessages, S3RecordHasAwsShape) {
  Json m = Json::parse(S3EventMessage(Event("ObjectCreated:Put"), "cfg-1", "us-east-1"));
  ASSERT_EQ(m["Records"].size(), 1u);
  const Json& r = m["Records"][0];
  EXPECT_EQ(r["eventVersion"], "2.1");
  EXPECT_EQ(r["eventSource"], "aws:s3");
  EXPECT_EQ(r["awsRegion"], "us-east-1");
  EXPECT_EQ(r["eventTime"], "2021-11-12T00:00:00.123Z");
  EXPECT_EQ(r["eventName"], "ObjectCreated:Put");
  EXPECT_EQ(r["userIdentity"]["principalId"], "000000000000");
  EXPECT_EQ(r["requestParameters"]["sourceIPAddress"], "127.0.0.1");
  EXPECT_EQ(r["responseElements"]["x-amz-request-id"], "REQ1");
  EXPECT_FALSE(r["responseElements"]["x-amz-id-2"].get<std::string>().empty());
  const Json& s3 = r["s3"];
  EXPECT_EQ(s3["s3SchemaVersion"], "1.0");
  EXPECT_EQ(s3["configurationId"], "cfg-1");
  EXPECT_EQ(s3["bucket"]["name"], "photos");
  EXPECT_EQ(s3["bucket"]["arn"], "arn:aws:s3:::photos");
  EXPECT_EQ(s3["bucket"]["ownerIdentity"]["principalId"], "000000000000");
  EXPECT_EQ(s3["object"]["key"], "in/my+cat%2B1.jpg");
  EXPECT_EQ(s3["object"]["size"], 5);
  EXPECT_EQ(s3["object"]["eTag"], "b1946ac92492d2347c6235b4d2611184");
  EXPECT_EQ(s3["object"]["sequencer"], "00617F08299329D189");
  EXPECT_FALSE(s3["object"].contains("versionId"));  // unversioned bucket
}

TEST(EventMessages, RemovalRecordsHaveNoSizeOrEtag) {
  ObjectEvent e = Event("ObjectRemoved:DeleteMarkerCreated");
  e.size.reset();
  e.etag.clear();
  e.version_id = "v1";
  Json o = Json::parse(S3EventMessage(e, "c", "us-east-1"))["Records"][0]["s3"]["object"];
  EXPECT_FALSE(o.contains("size"));
  EXPECT_FALSE(o.contains("eTag"));
  EXPECT_EQ(o["versionId"], "v1");
}

TEST(EventMessages, EventBridgeEventHasAwsShape) {
  Json m = Json::parse(EventBridgeMessage(Event("ObjectCreated:CompleteMultipartUpload"), "us-east-1"));
  EXPECT_EQ(m["version"], "0");
  EXPECT_EQ(m["source"], "aws.s3");
  EXPECT_EQ(m["detail-type"], "Object Created");
  EXPECT_EQ(m["account"], "000000000000");
  EXPECT_EQ(m["time"], "2021-11-12T00:00:00Z");
  EXPECT_EQ(m["region"], "us-east-1");
  EXPECT_EQ(m["resources"], Json::array({"arn:aws:s3:::photos"}));
  EXPECT_EQ(m["id"].get<std::string>().size(), 36u);
  const Json& d = m["detail"];
  EXPECT_EQ(d["version"], "0");
  EXPECT_EQ(d["bucket"]["name"], "photos");
  EXPECT_EQ(d["object"]["key"], "in/my cat+1.jpg");  // EventBridge carries the key as is
  EXPECT_EQ(d["object"]["etag"], "b1946ac92492d2347c6235b4d2611184");
  EXPECT_EQ(d["request-id"], "REQ1");
  EXPECT_EQ(d["reason"], "CompleteMultipartUpload");

  ObjectEvent del = Event("ObjectRemoved:DeleteMarkerCreated");
  Json dd = Json::parse(EventBridgeMessage(del, "us-east-1"));
  EXPECT_EQ(dd["detail-type"], "Object Deleted");
  EXPECT_EQ(dd["detail"]["deletion-type"], "Delete Marker Created");
  EXPECT_EQ(dd["detail"]["reason"], "DeleteObject");
  EXPECT_EQ(Json::parse(EventBridgeMessage(Event("ObjectTagging:Put"), "us-east-1"))["detail-type"], "Object Tags Added");
}

TEST(EventMessages, RestoreEventsNameTheArchiveAndTheExpiry) {
  ObjectEvent initiated = Event("ObjectRestore:Post");
  initiated.source_storage_class = "GLACIER";
  ObjectEvent completed = Event("ObjectRestore:Completed");
  completed.source_storage_class = "DEEP_ARCHIVE";
  completed.restore_expiry_ms = 1636761600000;  // 2021-11-13T00:00:00Z
  Json record = Json::parse(S3EventMessage(completed, "c", "us-east-1"))["Records"][0];
  EXPECT_EQ(record["glacierEventData"], (Json{{"restoreEventData",
                                               {{"lifecycleRestorationExpiryTime", "2021-11-13T00:00:00.000Z"},
                                                {"lifecycleRestoreStorageClass", "DEEP_ARCHIVE"}}}}));
  EXPECT_FALSE(Json::parse(S3EventMessage(initiated, "c", "us-east-1"))["Records"][0].contains("glacierEventData"));
  Json done = Json::parse(EventBridgeMessage(completed, "us-east-1"));
  EXPECT_EQ(done["detail-type"], "Object Restore Completed");
  EXPECT_EQ(done["detail"]["restore-expiry-time"], "2021-11-13T00:00:00Z");
  EXPECT_EQ(done["detail"]["source-storage-class"], "DEEP_ARCHIVE");
  EXPECT_EQ(done["detail"]["requester"], "s3.amazonaws.com");  // S3 completes it, not the client
  EXPECT_FALSE(done["detail"].contains("source-ip-address"));
  EXPECT_FALSE(done["detail"]["object"].contains("sequencer"));
  Json started = Json::parse(EventBridgeMessage(initiated, "us-east-1"));
  EXPECT_EQ(started["detail-type"], "Object Restore Initiated");
  EXPECT_EQ(started["detail"]["source-storage-class"], "GLACIER");
  EXPECT_FALSE(started["detail"].contains("restore-expiry-time"));
  EXPECT_EQ(started["detail"]["requester"], "000000000000");
  EXPECT_EQ(started["detail"]["source-ip-address"], "127.0.0.1");
}

TEST(EventMessages, TestEvent) {
  Json m = Json::parse(TestEventMessage("photos", "REQ2", 1636675200123));
  EXPECT_EQ(m, (Json{{"Service", "Amazon S3"}, {"Event", "s3:TestEvent"}, {"Time", "2021-11-12T00:00:00.123Z"},
                     {"Bucket", "photos"}, {"RequestId", "REQ2"}, {"HostId", m["HostId"]}}));
}

}  // namespace
}  // namespace skybox::s3
