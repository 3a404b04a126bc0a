// SQS through the AWS SDK for JavaScript v3 (configured with AWS_ENDPOINT_URL, so the SDK also
// sends requests to the queue URLs Skybox hands out). The SDK verifies MD5OfMessageBody and
// MD5OfMessageAttributes itself and throws on a mismatch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQSClient, CreateQueueCommand, SendMessageCommand, SendMessageBatchCommand, ReceiveMessageCommand,
  DeleteMessageCommand, GetQueueAttributesCommand, ListQueuesCommand, GetQueueUrlCommand, QueueDoesNotExist,
} from '@aws-sdk/client-sqs';
import { startSkyboxForSdk } from './skybox.mjs';

let skybox;
let sqs;
before(async () => {
  skybox = await startSkyboxForSdk();
  sqs = new SQSClient({ maxAttempts: 1 });
});
after(async () => {
  assert.equal(await skybox.stop(), 0);
});

test('queue URLs point at the server and can be listed', async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-queue' }));
  assert.equal(QueueUrl, `${skybox.endpoint}/000000000000/js-queue`);
  const list = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'js-' }));
  assert.deepEqual(list.QueueUrls, [QueueUrl]);
  const byName = await sqs.send(new GetQueueUrlCommand({ QueueName: 'js-queue' }));
  assert.equal(byName.QueueUrl, QueueUrl);
});

test('send and receive with attributes pass the SDK MD5 checks', async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-md5' }));
  const attrs = {
    text: { DataType: 'String', StringValue: 'hello' },
    num: { DataType: 'Number', StringValue: '42' },
    bin: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 255]) },
  };
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'body ✓', MessageAttributes: attrs }));
  assert.match(sent.MessageId, /^[0-9a-f-]{36}$/);
  const batch = await sqs.send(new SendMessageBatchCommand({
    QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', MessageAttributes: attrs }],
  }));
  assert.equal(batch.Successful.length, 2);
  const got = await sqs.send(new ReceiveMessageCommand({
    QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'],
  }));
  assert.equal(got.Messages.length, 3);
  const first = got.Messages.find((m) => m.Body === 'body ✓');
  assert.equal(first.MessageAttributes.text.StringValue, 'hello');
  assert.deepEqual([...first.MessageAttributes.bin.BinaryValue], [0, 1, 255]);
  assert.equal(first.Attributes.ApproximateReceiveCount, '1');
  for (const m of got.Messages) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
  assert.equal(attributes.Attributes.ApproximateNumberOfMessages, '0');
  assert.equal(attributes.Attributes.ApproximateNumberOfMessagesNotVisible, '0');
});

test('long polling wakes on send', async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-long-poll' }));
  const started = Date.now();
  const pending = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
  await new Promise((r) => setTimeout(r, 300));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake' }));
  const got = await pending;
  assert.equal(got.Messages[0].Body, 'wake');
  assert.ok(Date.now() - started < 3000);
});

test('a missing queue is QueueDoesNotExist', async () => {
  await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'js-missing' })), (err) => {
    assert.ok(err instanceof QueueDoesNotExist, err.name);
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
});
