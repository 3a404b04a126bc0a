"""SNS's record-only parts through boto3: platform applications and endpoints, SMS settings,
the SMS sandbox, topic permissions, and the not-implemented answer of anything unregistered."""
import json
import unittest
import urllib.request

import botocore.exceptions

from skybox_harness import SkyboxServer


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


class SnsMobileTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.sns = cls.server.client("sns")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def deliveries(self):
        with urllib.request.urlopen(f"{self.server.endpoint}/_skybox/sns/deliveries") as r:
            return json.loads(r.read())

    def test_platform_application_and_endpoints(self):
        app = self.sns.create_platform_application(Name="app", Platform="GCM",
                                                   Attributes={"PlatformCredential": "secret"})
        app_arn = app["PlatformApplicationArn"]
        self.assertTrue(app_arn.endswith(":app/GCM/app"))
        attrs = self.sns.get_platform_application_attributes(PlatformApplicationArn=app_arn)["Attributes"]
        self.assertNotIn("PlatformCredential", attrs)
        endpoint = self.sns.create_platform_endpoint(PlatformApplicationArn=app_arn, Token="device-1",
                                                     CustomUserData="u")["EndpointArn"]
        again = self.sns.create_platform_endpoint(PlatformApplicationArn=app_arn, Token="device-1")["EndpointArn"]
        self.assertEqual(endpoint, again)
        attrs = self.sns.get_endpoint_attributes(EndpointArn=endpoint)["Attributes"]
        self.assertEqual((attrs["Token"], attrs["Enabled"], attrs["CustomUserData"]), ("device-1", "true", "u"))
        self.sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={"Enabled": "false"})
        self.assertEqual(self.sns.get_endpoint_attributes(EndpointArn=endpoint)["Attributes"]["Enabled"], "false")
        listed = self.sns.list_endpoints_by_platform_application(PlatformApplicationArn=app_arn)["Endpoints"]
        self.assertEqual([e["EndpointArn"] for e in listed], [endpoint])
        self.assertIn(app_arn, [a["PlatformApplicationArn"]
                                for a in self.sns.list_platform_applications()["PlatformApplications"]])
        message_id = self.sns.publish(TargetArn=endpoint, Message="push!")["MessageId"]
        self.assertTrue(any(d.get("MessageId") == message_id and d["Protocol"] == "application"
                            for d in self.deliveries()))
        self.sns.delete_platform_application(PlatformApplicationArn=app_arn)
        self.assertEqual(error_code(self.sns.get_endpoint_attributes, EndpointArn=endpoint), "NotFound")
        self.assertEqual(error_code(self.sns.create_platform_application, Name="x", Platform="FAX",
                                    Attributes={"PlatformCredential": "c"}), "InvalidParameter")

    def test_sms_settings_and_sandbox(self):
        self.sns.set_sms_attributes(attributes={"DefaultSMSType": "Transactional"})
        self.assertEqual(self.sns.get_sms_attributes()["attributes"], {"DefaultSMSType": "Transactional"})
        self.assertEqual(error_code(self.sns.set_sms_attributes, attributes={"Color": "red"}), "InvalidParameter")
        self.assertFalse(self.sns.check_if_phone_number_is_opted_out(phoneNumber="+15555550100")["isOptedOut"])
        self.assertEqual(self.sns.list_phone_numbers_opted_out()["phoneNumbers"], [])
        self.assertTrue(self.sns.get_sms_sandbox_account_status()["IsInSandbox"])
        self.sns.create_sms_sandbox_phone_number(PhoneNumber="+15555550111")
        otp = [d for d in self.deliveries() if d.get("Endpoint") == "+15555550111"][-1]["Message"].split()[-1]
        self.assertEqual(error_code(self.sns.verify_sms_sandbox_phone_number, PhoneNumber="+15555550111",
                                    OneTimePassword="000000" if otp != "000000" else "111111"),
                         "VerificationException")
        self.sns.verify_sms_sandbox_phone_number(PhoneNumber="+15555550111", OneTimePassword=otp)
        self.assertEqual(self.sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"],
                         [{"PhoneNumber": "+15555550111", "Status": "Verified"}])
        self.sns.delete_sms_sandbox_phone_number(PhoneNumber="+15555550111")
        self.assertEqual(self.sns.list_sms_sandbox_phone_numbers()["PhoneNumbers"], [])

    def test_permissions(self):
        arn = self.sns.create_topic(Name="shared")["TopicArn"]
        self.sns.add_permission(TopicArn=arn, Label="partner", AWSAccountId=["111122223333"],
                                ActionName=["Publish"])
        policy = json.loads(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
        statement = [s for s in policy["Statement"] if s["Sid"] == "partner"][0]
        self.assertEqual(statement["Action"], ["SNS:Publish"])
        self.assertEqual(error_code(self.sns.add_permission, TopicArn=arn, Label="partner",
                                    AWSAccountId=["111122223333"], ActionName=["Publish"]), "InvalidParameter")
        self.sns.remove_permission(TopicArn=arn, Label="partner")
        policy = json.loads(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
        self.assertNotIn("partner", [s["Sid"] for s in policy["Statement"]])


if __name__ == "__main__":
    unittest.main()
