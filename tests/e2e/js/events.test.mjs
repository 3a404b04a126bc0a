// EventBridge through the AWS SDK for JavaScript v3 (JSON 1.1 protocol): a rule on a custom bus
// with a prefix + numeric event pattern routes to SQS through an InputTransformer, PutEvents of
// matching and non-matching events, TestEventPattern, and InvalidEventPatternException.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventBridgeClient, CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, PutEventsCommand,
  TestEventPatternCommand, DescribeRuleCommand, InvalidEventPatternException, ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startSkyboxForSdk } from './skybox.mjs';
import { createQueue, drainQueue } from './queues.mjs';

const ACCOUNT = '000000000000';
// Orders from any "shop." source with 100 <= total < 1000.
const BIG_ORDERS = {
  source: [{ prefix: 'shop.' }],
  'detail-type': ['OrderPlaced'],
  detail: { total: [{ numeric: ['>=', 100, '<', 1000] }] },
};

let skybox;
let events;
let sqs;
before(async () => {
  skybox = await startSkyboxForSdk();
  events = new EventBridgeClient({ maxAttempts: 1 });
  sqs = new SQSClient({ maxAttempts: 1 });
});
after(async () => {
  assert.equal(await skybox.stop(), 0);
});

const queue = (name) => createQueue(sqs, name);
const drain = (url, count, timeout) => drainQueue(sqs, url, count, timeout);

function order(source, id, total, extra = {}) {
  return { Source: source, DetailType: 'OrderPlaced', Detail: JSON.stringify({ id, total }), ...extra };
}

test('a rule on a custom bus delivers only matching events, transformed, to SQS', async () => {
  const bus = await events.send(new CreateEventBusCommand({ Name: 'js-orders' }));
  assert.equal(bus.EventBusArn, `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/js-orders`);
  const rule = await events.send(new PutRuleCommand({
    Name: 'js-big-orders', EventBusName: 'js-orders', EventPattern: JSON.stringify(BIG_ORDERS),
  }));
  assert.equal(rule.RuleArn, `arn:aws:events:us-east-1:${ACCOUNT}:rule/js-orders/js-big-orders`);

  const transformed = await queue('js-big-orders-q');
  const whole = await queue('js-big-orders-whole-q');
  const targets = await events.send(new PutTargetsCommand({
    Rule: 'js-big-orders', EventBusName: 'js-orders', Targets: [
      {
        Id: 'transformed', Arn: transformed.arn, InputTransformer: {
          InputPathsMap: { id: '$.detail.id', total: '$.detail.total', src: '$.source' },
          InputTemplate: '{"order": <id>, "total": <total>, "from": "<src>", "rule": "<aws.events.rule-name>"}',
        },
      },
      { Id: 'whole', Arn: whole.arn },
    ],
  }));
  assert.equal(targets.FailedEntryCount, 0);
  assert.deepEqual(targets.FailedEntries, []);

  const time = new Date('2024-05-01T12:34:56Z');  // the SDK sends it as epoch seconds
  const put = await events.send(new PutEventsCommand({
    Entries: [
      order('shop.web', 'o-small', 5),            // numeric: below the range
      order('other.shop', 'o-other', 300),        // prefix: not "shop."
      order('shop.web', 'o-edge', 1000),          // numeric: the upper bound is exclusive
      order('shop.web', 'o-big', 100, { Time: time, Resources: ['arn:aws:s3:::orders'] }),
    ].map((e) => ({ ...e, EventBusName: 'js-orders' })),
  }));
  assert.equal(put.FailedEntryCount, 0);
  assert.equal(put.Entries.length, 4);
  for (const entry of put.Entries) assert.match(entry.EventId, /^[0-9a-f-]{36}$/);

  assert.deepEqual(await drain(transformed.url, 1),
    ['{"order": "o-big", "total": 100, "from": "shop.web", "rule": "js-big-orders"}']);
  const [body, ...rest] = await drain(whole.url, 1);
  assert.deepEqual(rest, []);
  const event = JSON.parse(body);
  assert.equal(event.id, put.Entries[3].EventId);
  assert.equal(event.source, 'shop.web');
  assert.equal(event['detail-type'], 'OrderPlaced');
  assert.equal(event.account, ACCOUNT);
  assert.equal(event.region, 'us-east-1');
  assert.equal(event.time, '2024-05-01T12:34:56Z');
  assert.deepEqual(event.resources, ['arn:aws:s3:::orders']);
  assert.deepEqual(event.detail, { id: 'o-big', total: 100 });
});

test('TestEventPattern answers true and false', async () => {
  const event = (source, total) => JSON.stringify({
    version: '0', id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', 'detail-type': 'OrderPlaced', source,
    account: ACCOUNT, time: '2024-05-01T12:34:56Z', region: 'us-east-1', resources: [], detail: { total },
  });
  const pattern = JSON.stringify(BIG_ORDERS);
  const result = async (e) => (await events.send(new TestEventPatternCommand({ EventPattern: pattern, Event: e }))).Result;
  assert.equal(await result(event('shop.mobile', 999.5)), true);
  assert.equal(await result(event('shop.mobile', 99.99)), false);
  assert.equal(await result(event('shopping', 500)), false);
});

test('a bad pattern is InvalidEventPatternException and creates no rule', async () => {
  const bad = [
    '{"source": [{"numeric": [">"]}]}',   // operator without a value
    '{"source": "shop.web"}',             // a leaf must be an array
    '{"source": [{"prefix": 5}]}',        // prefix takes a string
    '{"source": [{"no-such-operator": "x"}]}',
    'not json',
  ];
  for (const EventPattern of bad) {
    await assert.rejects(events.send(new PutRuleCommand({ Name: 'js-bad-rule', EventPattern })), (err) => {
      assert.ok(err instanceof InvalidEventPatternException, `${EventPattern}: ${err.name}: ${err.message}`);
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.match(err.message, /^Event pattern is not valid\. Reason: /);
      return true;
    });
  }
  await assert.rejects(events.send(new DescribeRuleCommand({ Name: 'js-bad-rule' })), (err) => {
    assert.ok(err instanceof ResourceNotFoundException, err.name);
    assert.equal(err.message, 'Rule js-bad-rule does not exist on EventBus default.');
    return true;
  });
  await assert.rejects(events.send(new TestEventPatternCommand({
    EventPattern: bad[0], Event: JSON.stringify({ id: '1', source: 's', 'detail-type': 't', account: ACCOUNT,
      time: '2024-05-01T12:34:56Z', region: 'us-east-1', resources: [], detail: {} }),
  })), InvalidEventPatternException);
});
