// DynamoDB through the AWS SDK for JavaScript v3: the low-level client and the document client
// of @aws-sdk/lib-dynamodb (native JS values marshalled to AttributeValues).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DynamoDBClient, CreateTableCommand, DescribeTableCommand, ConditionalCheckFailedException,
  ResourceNotFoundException, TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient, PutCommand, GetCommand, UpdateCommand, QueryCommand, DeleteCommand,
  BatchWriteCommand, TransactWriteCommand, ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { startSkybox } from './skybox.mjs';

let skybox;
let ddb;
let doc;
before(async () => {
  skybox = await startSkybox();
  ddb = new DynamoDBClient({
    endpoint: skybox.endpoint, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  doc = DynamoDBDocumentClient.from(ddb);
  await ddb.send(new CreateTableCommand({
    TableName: 'js-table',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
});
after(async () => {
  assert.equal(await skybox.stop(), 0);
});

test('describe table', async () => {
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'js-table' }));
  assert.equal(Table.TableStatus, 'ACTIVE');
  assert.ok(Table.CreationDateTime instanceof Date);
  await assert.rejects(ddb.send(new DescribeTableCommand({ TableName: 'nope' })), ResourceNotFoundException);
});

test('document client put/get/update/delete with native values', async () => {
  await doc.send(new PutCommand({
    TableName: 'js-table',
    Item: { pk: 'user', sk: 1, name: 'Ada', tags: new Set(['a', 'b']), nested: { list: [1, 'x', null, true] } },
  }));
  const { Item } = await doc.send(new GetCommand({ TableName: 'js-table', Key: { pk: 'user', sk: 1 } }));
  assert.equal(Item.name, 'Ada');
  assert.deepEqual([...Item.tags].sort(), ['a', 'b']);
  assert.deepEqual(Item.nested.list, [1, 'x', null, true]);
  const { Attributes } = await doc.send(new UpdateCommand({
    TableName: 'js-table', Key: { pk: 'user', sk: 1 },
    UpdateExpression: 'SET visits = if_not_exists(visits, :zero) + :one',
    ExpressionAttributeValues: { ':zero': 0, ':one': 1 }, ReturnValues: 'ALL_NEW',
  }));
  assert.equal(Attributes.visits, 1);
  await assert.rejects(doc.send(new PutCommand({
    TableName: 'js-table', Item: { pk: 'user', sk: 1 }, ConditionExpression: 'attribute_not_exists(pk)',
  })), ConditionalCheckFailedException);
  await doc.send(new DeleteCommand({ TableName: 'js-table', Key: { pk: 'user', sk: 1 } }));
  const after = await doc.send(new GetCommand({ TableName: 'js-table', Key: { pk: 'user', sk: 1 } }));
  assert.equal(after.Item, undefined);
});

test('batch write, query pages and scan', async () => {
  const items = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: 'q', sk: i, even: i % 2 === 0 } } }));
  await doc.send(new BatchWriteCommand({ RequestItems: { 'js-table': items } }));
  const seen = [];
  let ExclusiveStartKey;
  do {
    const page = await doc.send(new QueryCommand({
      TableName: 'js-table', KeyConditionExpression: 'pk = :p AND sk >= :from',
      ExpressionAttributeValues: { ':p': 'q', ':from': 5 }, Limit: 6, ExclusiveStartKey,
    }));
    seen.push(...page.Items.map((i) => i.sk));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => i + 5));
  const evens = await doc.send(new ScanCommand({
    TableName: 'js-table', FilterExpression: 'even = :t', ExpressionAttributeValues: { ':t': true },
  }));
  assert.equal(evens.Count, 13);
});

test('transactions cancel atomically', async () => {
  await doc.send(new PutCommand({ TableName: 'js-table', Item: { pk: 'tx', sk: 1, n: 1 } }));
  await assert.rejects(doc.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: 'js-table', Item: { pk: 'tx', sk: 2 } } },
      { ConditionCheck: { TableName: 'js-table', Key: { pk: 'tx', sk: 1 }, ConditionExpression: 'n = :two',
                          ExpressionAttributeValues: { ':two': 2 } } },
    ],
  })), (err) => err instanceof TransactionCanceledException &&
                 err.message.includes('[None, ConditionalCheckFailed]'));
  const { Item } = await doc.send(new GetCommand({ TableName: 'js-table', Key: { pk: 'tx', sk: 2 } }));
  assert.equal(Item, undefined);
});
