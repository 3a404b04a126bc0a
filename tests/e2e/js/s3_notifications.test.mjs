// S3 event notifications and SNS fan-out through the AWS SDK for JavaScript v3: a bucket's
// notification configuration (REST-XML, as the JS SDK serializes it) sends an ObjectCreated:Put
// record to SQS; a topic fans out to queues with attribute and message-body filter policies; a
// bucket publishes to a topic whose SQS subscriber gets the record inside SNS's envelope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  S3Client, CreateBucketCommand, PutObjectCommand, PutBucketNotificationConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
} from '@aws-sdk/client-s3';
import {
  SNSClient, CreateTopicCommand, SubscribeCommand, PublishCommand, GetSubscriptionAttributesCommand,
} from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startSkyboxForSdk } from './skybox.mjs';
import { createQueue, drainQueue } from './queues.mjs';

const runId = randomBytes(4).toString('hex');

let skybox;
let s3;
let sns;
let sqs;
before(async () => {
  skybox = await startSkyboxForSdk();
  s3 = new S3Client({ forcePathStyle: true, maxAttempts: 1 });
  sns = new SNSClient({ maxAttempts: 1 });
  sqs = new SQSClient({ maxAttempts: 1 });
});
after(async () => {
  assert.equal(await skybox.stop(), 0);
});

const queue = (name) => createQueue(sqs, `${name}-${runId}`);
// Parsed bodies (see drainQueue).
const drain = async (url, count, timeout) => (await drainQueue(sqs, url, count, timeout)).map((b) => JSON.parse(b));

test('PutObject sends an ObjectCreated:Put record to the configured queue', async () => {
  const Bucket = `js-notify-${runId}`;
  await s3.send(new CreateBucketCommand({ Bucket }));
  const q = await queue('js-notify');
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket, NotificationConfiguration: {
      QueueConfigurations: [{
        Id: 'js-uploads', QueueArn: q.arn, Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }, { Name: 'suffix', Value: '.txt' }] } },
      }],
    },
  }));
  const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
  assert.equal(config.QueueConfigurations.length, 1);
  const [cfg] = config.QueueConfigurations;
  assert.equal(cfg.Id, 'js-uploads');
  assert.equal(cfg.QueueArn, q.arn);
  assert.deepEqual(cfg.Events, ['s3:ObjectCreated:*']);
  assert.deepEqual(cfg.Filter.Key.FilterRules,
    [{ Name: 'Prefix', Value: 'in/' }, { Name: 'Suffix', Value: '.txt' }]);
  // A new destination first gets S3's test event.
  const [testEvent] = await drain(q.url, 1);
  assert.equal(testEvent.Event, 's3:TestEvent');
  assert.equal(testEvent.Bucket, Bucket);

  await s3.send(new PutObjectCommand({ Bucket, Key: 'out/skipped.txt', Body: 'no' }));
  await s3.send(new PutObjectCommand({ Bucket, Key: 'in/skipped.jpg', Body: 'no' }));
  const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'in/report 1.txt', Body: 'hello js' }));
  const bodies = await drain(q.url, 1);
  assert.equal(bodies.length, 1, JSON.stringify(bodies));
  const [record, ...more] = bodies[0].Records;
  assert.deepEqual(more, []);
  assert.equal(record.eventSource, 'aws:s3');
  assert.equal(record.eventName, 'ObjectCreated:Put');
  assert.equal(record.awsRegion, 'us-east-1');
  assert.equal(record.s3.configurationId, 'js-uploads');
  assert.equal(record.s3.bucket.name, Bucket);
  assert.equal(record.s3.bucket.arn, `arn:aws:s3:::${Bucket}`);
  assert.equal(record.s3.object.key, 'in/report+1.txt');
  assert.equal(record.s3.object.size, 8);
  assert.equal(record.s3.object.eTag, put.ETag.replaceAll('"', ''));
  assert.equal(record.responseElements['x-amz-request-id'], put.$metadata.requestId);
});

test('a topic fans out to queues through attribute and message-body filter policies', async () => {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `js-orders-${runId}` }));
  const big = await queue('js-big');
  const eu = await queue('js-eu');
  const all = await queue('js-all');
  const subscribe = async (target, Attributes) => (await sns.send(new SubscribeCommand({
    TopicArn, Protocol: 'sqs', Endpoint: target.arn, Attributes, ReturnSubscriptionArn: true,
  }))).SubscriptionArn;
  await subscribe(big, {
    RawMessageDelivery: 'true',
    FilterPolicy: JSON.stringify({ price: [{ numeric: ['>=', 100] }], store: [{ prefix: 'shop-' }] }),
  });
  const euArn = await subscribe(eu, {
    FilterPolicyScope: 'MessageBody',
    FilterPolicy: JSON.stringify({ order: { region: [{ 'anything-but': ['us', 'ap'] }] } }),
  });
  await subscribe(all, {});
  const scoped = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: euArn }));
  assert.equal(scoped.Attributes.FilterPolicyScope, 'MessageBody');

  const publish = async (order, price, store) => (await sns.send(new PublishCommand({
    TopicArn, Message: JSON.stringify({ order }), MessageAttributes: {
      price: { DataType: 'Number', StringValue: String(price) },
      store: { DataType: 'String', StringValue: store },
    },
  }))).MessageId;
  const ids = {
    cheapEu: await publish({ id: 1, region: 'eu' }, 20, 'shop-berlin'),
    bigUs: await publish({ id: 2, region: 'us' }, 250, 'shop-nyc'),
    bigOutlet: await publish({ id: 3, region: 'ap' }, 900, 'outlet-tokyo'),
  };

  // Raw delivery: the body is the message itself.
  assert.deepEqual(await drain(big.url, 1), [{ order: { id: 2, region: 'us' } }]);
  // SNS's envelope, filtered on the JSON message body.
  const euBodies = await drain(eu.url, 1);
  assert.equal(euBodies.length, 1, JSON.stringify(euBodies));
  const [note] = euBodies;
  assert.equal(note.Type, 'Notification');
  assert.equal(note.MessageId, ids.cheapEu);
  assert.equal(note.TopicArn, TopicArn);
  assert.deepEqual(JSON.parse(note.Message), { order: { id: 1, region: 'eu' } });
  assert.deepEqual(note.MessageAttributes.price, { Type: 'Number', Value: '20' });
  assert.deepEqual(note.MessageAttributes.store, { Type: 'String', Value: 'shop-berlin' });
  // No filter policy: everything.
  const everything = await drain(all.url, 3);
  assert.deepEqual(everything.map((n) => n.MessageId).sort(), Object.values(ids).sort());
});

test('a bucket publishes to a topic and its SQS subscriber gets the record', async () => {
  const Bucket = `js-to-topic-${runId}`;
  await s3.send(new CreateBucketCommand({ Bucket }));
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `js-uploads-${runId}` }));
  const q = await queue('js-from-topic');
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket, NotificationConfiguration: {
      TopicConfigurations: [{ Id: 'to-topic', TopicArn, Events: ['s3:ObjectCreated:Put'] }],
    },
  }));
  const [testNote] = await drain(q.url, 1);
  assert.equal(JSON.parse(testNote.Message).Event, 's3:TestEvent');

  const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'photo.jpg', Body: Buffer.alloc(1234, 7) }));
  const notes = await drain(q.url, 1);
  assert.equal(notes.length, 1, JSON.stringify(notes));
  const [note] = notes;
  assert.equal(note.Type, 'Notification');
  assert.equal(note.TopicArn, TopicArn);
  assert.equal(note.Subject, 'Amazon S3 Notification');
  const [record] = JSON.parse(note.Message).Records;
  assert.equal(record.eventName, 'ObjectCreated:Put');
  assert.equal(record.s3.configurationId, 'to-topic');
  assert.equal(record.s3.object.key, 'photo.jpg');
  assert.equal(record.s3.object.size, 1234);
  assert.equal(record.s3.object.eTag, put.ETag.replaceAll('"', ''));
});
