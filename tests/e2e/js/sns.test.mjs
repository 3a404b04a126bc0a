// SNS through the AWS SDK for JavaScript v3 (query protocol): topic CRUD and errors, fan-out to
// SQS with a filter policy and raw delivery, FIFO publish with sequence numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SNSClient, CreateTopicCommand, GetTopicAttributesCommand, ListTopicsCommand, SubscribeCommand,
  PublishCommand, PublishBatchCommand, DeleteTopicCommand, NotFoundException,
} from '@aws-sdk/client-sns';
import { SQSClient, CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startSkyboxForSdk } from './skybox.mjs';

let skybox;
let sns;
let sqs;
before(async () => {
  skybox = await startSkyboxForSdk();
  sns = new SNSClient({ maxAttempts: 1 });
  sqs = new SQSClient({ maxAttempts: 1 });
});
after(async () => {
  assert.equal(await skybox.stop(), 0);
});

async function receive(QueueUrl, count) {
  const got = [];
  for (let i = 0; i < 10 && got.length < count; i++) {
    const r = await sqs.send(new ReceiveMessageCommand({
      QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'],
    }));
    got.push(...(r.Messages ?? []));
  }
  return got;
}

test('topics are created, listed, described and deleted', async () => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'js-topic', Attributes: { DisplayName: 'JS' } }));
  assert.equal(TopicArn, 'arn:aws:sns:us-east-1:000000000000:js-topic');
  const { Topics } = await sns.send(new ListTopicsCommand({}));
  assert.ok(Topics.some((t) => t.TopicArn === TopicArn));
  const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
  assert.equal(Attributes.DisplayName, 'JS');
  await sns.send(new DeleteTopicCommand({ TopicArn }));
  await assert.rejects(sns.send(new GetTopicAttributesCommand({ TopicArn })), (e) => {
    assert.ok(e instanceof NotFoundException);
    assert.equal(e.message, 'Topic does not exist');
    return true;
  });
});

test('publish fans out to SQS with a filter policy and raw delivery', async () => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'js-fanout' }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'js-fanout-q' }));
  await sns.send(new SubscribeCommand({
    TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:js-fanout-q',
    Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ kind: ['keep'] }) },
  }));
  await sns.send(new PublishCommand({
    TopicArn, Message: 'dropped', MessageAttributes: { kind: { DataType: 'String', StringValue: 'drop' } },
  }));
  const { MessageId } = await sns.send(new PublishCommand({
    TopicArn, Message: 'kept', MessageAttributes: { kind: { DataType: 'String', StringValue: 'keep' } },
  }));
  assert.match(MessageId, /^[0-9a-f-]{36}$/);
  const got = await receive(QueueUrl, 1);
  assert.deepEqual(got.map((m) => m.Body), ['kept']);
  assert.equal(got[0].MessageAttributes.kind.StringValue, 'keep');
});

test('FIFO batch publish returns sequence numbers', async () => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({
    Name: 'js-orders.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' },
  }));
  const r = await sns.send(new PublishBatchCommand({
    TopicArn,
    PublishBatchRequestEntries: [
      { Id: 'a', Message: 'one', MessageGroupId: 'g' },
      { Id: 'b', Message: 'two', MessageGroupId: 'g' },
      { Id: 'c', Message: 'three' },
    ],
  }));
  assert.deepEqual(r.Successful.map((s) => s.Id), ['a', 'b']);
  assert.ok(r.Successful[0].SequenceNumber < r.Successful[1].SequenceNumber);
  assert.equal(r.Failed[0].Id, 'c');
  assert.equal(r.Failed[0].Code, 'InvalidParameter');
});
