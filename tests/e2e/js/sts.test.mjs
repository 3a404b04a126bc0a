// STS through the AWS SDK for JavaScript v3, configured the way users do it: AWS_ENDPOINT_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { STSClient, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { startSkyboxForSdk } from './skybox.mjs';

let skybox;
before(async () => {
  skybox = await startSkyboxForSdk();
});
after(async () => {
  assert.equal(await skybox.stop(), 0);
});

test('GetCallerIdentity returns the default account', async () => {
  const sts = new STSClient({});
  const out = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(out.Account, '000000000000');
  assert.equal(out.Arn, 'arn:aws:iam::000000000000:root');
  assert.match(out.$metadata.requestId, /^[0-9a-f-]{36}$/);
});

test('a wrong secret is SignatureDoesNotMatch', async () => {
  const sts = new STSClient({ credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' }, maxAttempts: 1 });
  await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (err) => {
    assert.equal(err.name, 'SignatureDoesNotMatch');
    assert.equal(err.$metadata.httpStatusCode, 403);
    return true;
  });
});

test('an operation Skybox lacks is NotImplemented, naming it', async () => {
  const sts = new STSClient({ maxAttempts: 1 });
  await assert.rejects(sts.send(new GetSessionTokenCommand({})), (err) => {
    assert.equal(err.name, 'NotImplemented');
    assert.match(err.message, /GetSessionToken/);
    assert.equal(err.$metadata.httpStatusCode, 501);
    return true;
  });
});
