// SQS helpers for tests whose events end up in queues (EventBridge targets, S3 notifications,
// SNS subscriptions).
import {
  CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, DeleteMessageCommand,
} from '@aws-sdk/client-sqs';

// Creates queue `name`; its URL and ARN.
export async function createQueue(sqs, name) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl, arn: Attributes.QueueArn };
}

// Bodies that arrive within `timeout` ms, each deleted once read: long-polls until `count` are
// in, then one more empty long poll (1 s) shows nothing else is on its way.
export async function drainQueue(sqs, QueueUrl, count, timeout = 10000) {
  const bodies = [];
  const deadline = Date.now() + timeout;
  for (;;) {
    const enough = bodies.length >= count;
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of r.Messages ?? []) {
      bodies.push(m.Body);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
    if ((enough && !(r.Messages ?? []).length) || Date.now() > deadline) return bodies;
  }
}
