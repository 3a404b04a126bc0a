// S3 through the AWS SDK for JavaScript v3 (path-style addressing). The SDK's defaults stay on:
// it sends a CRC32 flexible checksum with every PutObject/UploadPart (in a header for in-memory
// bodies, as an aws-chunked trailer for streams) and validates the checksum of GetObject answers.
// S3_TEST_ENDPOINT=http://host:port runs the tests against an already running server instead of
// starting skybox (bucket names are unique per run, and every bucket made is removed at the end).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  S3Client, CreateBucketCommand, DeleteBucketCommand, HeadBucketCommand, ListBucketsCommand,
  PutObjectCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand, DeleteObjectsCommand,
  CopyObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutBucketVersioningCommand,
  GetBucketVersioningCommand, paginateListObjectsV2, NoSuchKey, NoSuchBucket,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startSkybox } from './skybox.mjs';

const MiB = 1024 * 1024;
const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const md5 = (data) => createHash('md5').update(data).digest('hex');
const crc32Base64 = (data) => {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(data));
  return value.toString('base64');
};
// CRC-64/NVME bit by bit (reflected polynomial 0x9a6c9329ac4bc9b5, all-ones start and end).
const crc64NvmeBase64 = (data) => {
  const mask = (1n << 64n) - 1n;
  let crc = mask;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ 0x9a6c9329ac4bc9b5n : crc >> 1n;
  }
  const value = Buffer.alloc(8);
  value.writeBigUInt64BE(crc ^ mask);
  return value.toString('base64');
};

let skybox;
let endpoint;
let s3;
let scratch;
const sent = [];  // the last requests as signed, for checking what the SDK put on the wire
const buckets = new Set();

before(async () => {
  endpoint = process.env.S3_TEST_ENDPOINT;
  if (!endpoint) {
    skybox = await startSkybox();
    endpoint = skybox.endpoint;
  }
  s3 = new S3Client({
    endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  s3.middlewareStack.add((next) => async (args) => {
    const { method, path, query, headers } = args.request;
    sent.push({ method, path, query: { ...query }, headers: { ...headers } });
    if (sent.length > 20) sent.shift();
    return next(args);
  }, { step: 'finalizeRequest', priority: 'low', name: 'recordSentRequests' });
  scratch = mkdtempSync(join(tmpdir(), 'skybox-js-s3-'));
});

after(async () => {
  for (const bucket of buckets) await removeBucket(bucket);
  rmSync(scratch, { recursive: true, force: true });
  if (skybox) assert.equal(await skybox.stop(), 0);
});

async function makeBucket(suffix) {
  const bucket = `js-${suffix}-${runId}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  buckets.add(bucket);
  return bucket;
}

async function removeBucket(bucket) {
  let page = {};
  do {
    page = await s3.send(new ListObjectVersionsCommand({
      Bucket: bucket, KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker,
    }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
      .map(({ Key, VersionId }) => ({ Key, VersionId }));
    if (objects.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
  } while (page.IsTruncated);
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  buckets.delete(bucket);
}

async function bodyBytes(output) {
  return Buffer.from(await output.Body.transformToByteArray());
}

// Asserts that `promise` rejects with the named S3 error and HTTP status.
async function rejectsWith(promise, name, status, type) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.name, name, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (type) assert.ok(err instanceof type, `${err.name} is not a ${type.name}`);
    return true;
  });
}

test('buckets are created, listed, found and deleted', async () => {
  const bucket = await makeBucket('life');
  const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
  const listed = Buckets.find((b) => b.Name === bucket);
  assert.ok(listed, `${bucket} not listed`);
  assert.ok(listed.CreationDate instanceof Date);
  assert.ok(Owner?.ID);
  const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  assert.equal(head.$metadata.httpStatusCode, 200);
  await removeBucket(bucket);
  const after = await s3.send(new ListBucketsCommand({}));
  assert.ok(!after.Buckets?.some((b) => b.Name === bucket));
  await rejectsWith(s3.send(new HeadBucketCommand({ Bucket: bucket })), 'NotFound', 404);
});

test('string, Buffer and stream bodies round-trip with metadata and MD5 ETags', async () => {
  const bucket = await makeBucket('bodies');
  const text = 'hello, skybox ✓';
  const put = await s3.send(new PutObjectCommand({
    Bucket: bucket, Key: 'dir/text.txt', Body: text, ContentType: 'text/plain; charset=utf-8',
    Metadata: { colour: 'blue' }, CacheControl: 'max-age=60',
  }));
  assert.equal(put.ETag, `"${md5(text)}"`);
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/text.txt' }));
  assert.equal(await got.Body.transformToString(), text);
  assert.equal(got.ContentType, 'text/plain; charset=utf-8');
  assert.equal(got.ContentLength, Buffer.byteLength(text));
  assert.equal(got.CacheControl, 'max-age=60');
  assert.deepEqual(got.Metadata, { colour: 'blue' });
  assert.equal(got.ETag, put.ETag);

  const binary = randomBytes(200 * 1024);
  binary[0] = 0;  // no text-safe assumptions anywhere
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'binary.bin', Body: binary }));
  const gotBinary = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'binary.bin' }));
  assert.ok((await bodyBytes(gotBinary)).equals(binary));
  assert.equal(gotBinary.ContentType, 'application/octet-stream');

  const file = join(scratch, 'stream.bin');
  const streamed = randomBytes(300 * 1024 + 7);
  writeFileSync(file, streamed);
  const putStream = await s3.send(new PutObjectCommand({
    Bucket: bucket, Key: 'stream.bin', Body: createReadStream(file), ContentLength: streamed.length,
  }));
  assert.equal(putStream.ETag, `"${md5(streamed)}"`);
  const gotStream = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'stream.bin' }));
  assert.ok((await bodyBytes(gotStream)).equals(streamed));

  const empty = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'empty', Body: '' }));
  assert.equal(empty.ETag, '"d41d8cd98f00b204e9800998ecf8427e"');
  const gotEmpty = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'empty' }));
  assert.equal((await bodyBytes(gotEmpty)).length, 0);
});

test('HeadObject describes the object without a body; a missing key is NotFound', async () => {
  const bucket = await makeBucket('head');
  const body = randomBytes(1234);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: body, Metadata: { a: '1' } }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'k' }));
  assert.equal(head.ContentLength, 1234);
  assert.equal(head.ETag, `"${md5(body)}"`);
  assert.deepEqual(head.Metadata, { a: '1' });
  assert.ok(head.LastModified instanceof Date);
  assert.ok(Math.abs(head.LastModified.getTime() - Date.now()) < 5 * 60 * 1000);
  assert.equal(head.AcceptRanges, 'bytes');
  await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'missing' })), 'NotFound', 404);
});

test('ranged GETs answer 206 with Content-Range; an unsatisfiable range is InvalidRange', async () => {
  const bucket = await makeBucket('ranges');
  const body = randomBytes(1000);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'r', Body: body }));
  const cases = [['bytes=0-9', 0, 10], ['bytes=990-', 990, 1000], ['bytes=-5', 995, 1000], ['bytes=500-5000', 500, 1000]];
  for (const [range, start, end] of cases) {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'r', Range: range }));
    assert.equal(got.$metadata.httpStatusCode, 206, range);
    assert.equal(got.ContentRange, `bytes ${start}-${end - 1}/1000`, range);
    assert.equal(got.ContentLength, end - start, range);
    assert.ok((await bodyBytes(got)).equals(body.subarray(start, end)), range);
  }
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'r', Range: 'bytes=1000-1100' })),
    'InvalidRange', 416);
});

test('CopyObject copies bytes and replaces metadata on request', async () => {
  const bucket = await makeBucket('copy');
  const body = randomBytes(4096);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'src key', Body: body, Metadata: { v: 'src' } }));
  const kept = await s3.send(new CopyObjectCommand({
    Bucket: bucket, Key: 'copy-kept', CopySource: `${bucket}/${encodeURIComponent('src key')}`,
  }));
  assert.equal(kept.CopyObjectResult.ETag, `"${md5(body)}"`);
  const gotKept = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy-kept' }));
  assert.ok((await bodyBytes(gotKept)).equals(body));
  assert.deepEqual(gotKept.Metadata, { v: 'src' });

  await s3.send(new CopyObjectCommand({
    Bucket: bucket, Key: 'copy-replaced', CopySource: `${bucket}/${encodeURIComponent('src key')}`,
    MetadataDirective: 'REPLACE', Metadata: { v: 'new' }, ContentType: 'application/x-test',
  }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'copy-replaced' }));
  assert.deepEqual(head.Metadata, { v: 'new' });
  assert.equal(head.ContentType, 'application/x-test');
  await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'x', CopySource: `${bucket}/missing` })),
    'NoSuchKey', 404);
});

test('DeleteObjects removes several keys and reports missing ones as deleted', async () => {
  const bucket = await makeBucket('multidelete');
  for (const key of ['a', 'b', 'c']) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
  const out = await s3.send(new DeleteObjectsCommand({
    Bucket: bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'never-existed' }] },
  }));
  assert.deepEqual(out.Deleted.map((d) => d.Key).sort(), ['a', 'b', 'never-existed']);
  assert.equal(out.Errors, undefined);
  const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'c' }], Quiet: true } }));
  assert.equal(quiet.Deleted, undefined);
  const list = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  assert.equal(list.KeyCount, 0);
  assert.equal(list.Contents, undefined);
});

test('keys with control characters and DEL list back exactly and can be read and deleted by the listed key', async () => {
  const bucket = await makeBucket('ctrlkeys');
  const keys = ['ctrl\u0001x', 'del\u007fx', 'tab\tx', 'unit\u001fsep'];
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }));
  const listed = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents.map((c) => c.Key);
  assert.deepEqual(listed, [...keys].sort());
  for (const Key of listed) {
    assert.equal(await bodyBytes(await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).then(String), Key);
  }
  const out = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'del\u007fx' }] } }));
  assert.deepEqual(out.Deleted.map((d) => d.Key), ['del\u007fx']);
  for (const Key of ['ctrl\u0001x', 'tab\tx', 'unit\u001fsep']) {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
  }
});

test('ListObjectsV2 pages with continuation tokens, prefixes, delimiters and StartAfter', async () => {
  const bucket = await makeBucket('list');
  const keys = [];
  for (let i = 0; i < 25; i++) keys.push(`photos/${String(i).padStart(3, '0')}.jpg`);
  keys.push('docs/a.txt', 'docs/sub/b.txt', 'root.txt');
  await Promise.all(keys.map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }))));

  const pages = [];
  for await (const page of paginateListObjectsV2({ client: s3, pageSize: 10 }, { Bucket: bucket, Prefix: 'photos/' })) {
    pages.push(page);
  }
  assert.deepEqual(pages.map((p) => p.KeyCount), [10, 10, 5]);
  assert.deepEqual(pages.map((p) => p.IsTruncated), [true, true, false]);
  assert.deepEqual(pages.flatMap((p) => p.Contents.map((c) => c.Key)), keys.slice(0, 25));
  const first = pages[0].Contents[0];
  assert.equal(first.Size, first.Key.length);
  assert.equal(first.ETag, `"${md5(first.Key)}"`);
  assert.equal(first.StorageClass, 'STANDARD');

  const top = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
  assert.deepEqual(top.CommonPrefixes.map((p) => p.Prefix), ['docs/', 'photos/']);
  assert.deepEqual(top.Contents.map((c) => c.Key), ['root.txt']);
  assert.equal(top.KeyCount, 3);

  const docs = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'docs/', Delimiter: '/' }));
  assert.deepEqual(docs.Contents.map((c) => c.Key), ['docs/a.txt']);
  assert.deepEqual(docs.CommonPrefixes.map((p) => p.Prefix), ['docs/sub/']);

  const after = await s3.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: 'photos/022.jpg' }));
  assert.deepEqual(after.Contents.map((c) => c.Key), ['photos/023.jpg', 'photos/024.jpg', 'root.txt']);
});

test('lib-storage Upload sends a 12 MiB body as a 3-part multipart upload with CRC32 checksums', async () => {
  const bucket = await makeBucket('multipart');
  const body = randomBytes(12 * MiB);
  const parts = [];
  const upload = new Upload({
    client: s3, partSize: 5 * MiB, queueSize: 2, leavePartsOnError: false,
    params: { Bucket: bucket, Key: 'big/object.bin', Body: body, ChecksumAlgorithm: 'CRC32', ContentType: 'application/x-big' },
  });
  upload.on('httpUploadProgress', (p) => parts.push(p.part));
  const done = await upload.done();
  assert.match(done.ETag, /^"[0-9a-f]{32}-3"$/);
  // The multipart ETag is the MD5 of the parts' binary MD5s, then "-<part count>".
  const partMd5s = [0, 1, 2].map((i) => createHash('md5').update(body.subarray(i * 5 * MiB, (i + 1) * 5 * MiB)).digest());
  assert.equal(done.ETag, `"${md5(Buffer.concat(partMd5s))}-3"`);
  assert.deepEqual([...new Set(parts)].sort(), [1, 2, 3]);
  const uploadParts = sent.filter((r) => r.method === 'PUT' && r.query.partNumber);
  assert.equal(uploadParts.length, 3);
  for (const part of uploadParts) assert.match(part.headers['x-amz-checksum-crc32'], /^[A-Za-z0-9+/]{6}==$/);

  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big/object.bin' }));
  assert.equal(head.ContentLength, 12 * MiB);
  assert.equal(head.ContentType, 'application/x-big');
  assert.equal(head.ETag, done.ETag);
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big/object.bin' }));
  assert.equal(md5(await bodyBytes(got)), md5(body));
  const tail = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big/object.bin', Range: `bytes=${10 * MiB - 3}-${10 * MiB + 2}` }));
  assert.ok((await bodyBytes(tail)).equals(body.subarray(10 * MiB - 3, 10 * MiB + 3)), 'a range across a part boundary');
});

test('the SDK default flexible checksum (CRC32) is sent as a header and as an aws-chunked trailer', async () => {
  const bucket = await makeBucket('checksums');
  const body = randomBytes(100 * 1024 + 3);
  const expected = crc32Base64(body);

  const inMemory = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'header', Body: body }));
  const headerRequest = sent.at(-1);
  assert.equal(headerRequest.headers['x-amz-checksum-crc32'], expected);
  assert.equal(inMemory.ChecksumCRC32, expected);

  const file = join(scratch, 'trailer.bin');
  writeFileSync(file, body);
  const streamed = await s3.send(new PutObjectCommand({
    Bucket: bucket, Key: 'trailer', Body: createReadStream(file), ContentLength: body.length,
  }));
  const trailerRequest = sent.at(-1);
  assert.match(trailerRequest.headers['content-encoding'], /aws-chunked/);
  assert.equal(trailerRequest.headers['x-amz-trailer'], 'x-amz-checksum-crc32');
  assert.equal(trailerRequest.headers['x-amz-content-sha256'], 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
  assert.equal(trailerRequest.headers['x-amz-decoded-content-length'], String(body.length));
  assert.equal(streamed.ChecksumCRC32, expected);
  assert.equal(streamed.ETag, `"${md5(body)}"`);

  // The SDK validates the checksum of the answer itself (ChecksumMode is set by default).
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'trailer', ChecksumMode: 'ENABLED' }));
  assert.equal(got.ChecksumCRC32, expected);
  assert.ok((await bodyBytes(got)).equals(body), 'aws-chunked framing must not leak into the object');
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'trailer' }));
  assert.equal(head.ContentLength, body.length);
  assert.equal(head.ContentEncoding, undefined, 'aws-chunked is not stored as Content-Encoding');

  const wrong = crc32Base64(Buffer.from('something else'));
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bad', Body: body, ChecksumCRC32: wrong })),
    'BadDigest', 400);
  await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bad' })), 'NotFound', 404);

  // A listing names each object's checksum; a copy asked for another algorithm gets one.
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  assert.deepEqual(listed.Contents.map((o) => [o.Key, o.ChecksumAlgorithm, o.ChecksumType]),
    [['header', ['CRC32'], 'FULL_OBJECT'], ['trailer', ['CRC32'], 'FULL_OBJECT']]);
  const copied = await s3.send(new CopyObjectCommand({
    Bucket: bucket, Key: 'sha256-copy', CopySource: `${bucket}/header`, ChecksumAlgorithm: 'SHA256',
  }));
  assert.equal(copied.CopyObjectResult.ChecksumSHA256, createHash('sha256').update(body).digest('base64'));
});

test('presigned GET and PUT URLs work with plain fetch; a tampered one is refused', async () => {
  const bucket = await makeBucket('presign');
  const body = randomBytes(2048);
  const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'p/signed.bin' }), { expiresIn: 300 });
  const put = await fetch(putUrl, { method: 'PUT', body });
  assert.equal(put.status, 200, await put.text());
  // Sent without a checksum: the object gets S3's default CRC64NVME, which the SDK checks on GET.
  assert.equal(put.headers.get('x-amz-checksum-crc64nvme'), crc64NvmeBase64(body));
  const checked = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'p/signed.bin', ChecksumMode: 'ENABLED' }));
  assert.equal(checked.ChecksumCRC64NVME, crc64NvmeBase64(body));
  assert.equal(checked.ChecksumType, 'FULL_OBJECT');
  assert.ok((await bodyBytes(checked)).equals(body));
  const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'p/signed.bin' }), { expiresIn: 300 });
  assert.match(getUrl, /X-Amz-Signature=[0-9a-f]{64}/);
  const got = await fetch(getUrl);
  assert.equal(got.status, 200);
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(body));
  assert.equal(got.headers.get('etag'), `"${md5(body)}"`);

  const tampered = getUrl.replace(/X-Amz-Signature=[0-9a-f]/, (m) => m.slice(0, -1) + (m.at(-1) === '0' ? '1' : '0'));
  const refused = await fetch(tampered);
  assert.equal(refused.status, 403);
  assert.match(await refused.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
});

test('versioning keeps old versions and DeleteObject leaves a delete marker', async () => {
  const bucket = await makeBucket('versions');
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status, 'Enabled');
  const v1 = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc', Body: 'one' }));
  const v2 = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc', Body: 'two' }));
  assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
  const old = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc', VersionId: v1.VersionId }));
  assert.equal(await old.Body.transformToString(), 'one');
  assert.equal(old.VersionId, v1.VersionId);

  const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'doc' }));
  assert.equal(marker.DeleteMarker, true);
  assert.ok(marker.VersionId);
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc' })), 'NoSuchKey', 404, NoSuchKey);
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc', VersionId: marker.VersionId })),
    'MethodNotAllowed', 405);
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  assert.equal(listed.KeyCount, 0);

  const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'doc' }));
  assert.deepEqual(versions.Versions.map((v) => [v.VersionId, v.IsLatest]), [[v2.VersionId, false], [v1.VersionId, false]]);
  assert.deepEqual(versions.DeleteMarkers.map((d) => [d.VersionId, d.IsLatest]), [[marker.VersionId, true]]);

  // Deleting the marker itself brings v2 back.
  const undo = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'doc', VersionId: marker.VersionId }));
  assert.equal(undo.DeleteMarker, true);
  assert.equal(undo.VersionId, marker.VersionId);
  const back = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc' }));
  assert.equal(await back.Body.transformToString(), 'two');
  assert.equal(back.VersionId, v2.VersionId);
});

test('S3 errors reach the SDK by name: NoSuchKey, NoSuchBucket, BucketNotEmpty', async () => {
  const bucket = await makeBucket('errors');
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nope' })), 'NoSuchKey', 404, NoSuchKey);
  const missingBucket = `js-missing-${runId}`;
  await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: missingBucket })), 'NoSuchBucket', 404, NoSuchBucket);
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: missingBucket, Key: 'k' })), 'NoSuchBucket', 404);
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: missingBucket, Key: 'k', Body: 'x' })), 'NoSuchBucket', 404);
  await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: missingBucket })), 'NoSuchBucket', 404);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'keep', Body: 'x' }));
  await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: bucket })), 'BucketNotEmpty', 409);
  await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'Invalid_Bucket_Name' })), 'InvalidBucketName', 400);
});

test('a bucket in another region redirects; followRegionRedirects signs again for its region', async () => {
  const client = (region, extra = {}) => new S3Client({
    endpoint, region, forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, ...extra,
  });
  const eu = client('eu-west-1');
  const bucket = `js-region-${runId}`;
  await eu.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  try {
    await eu.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'in ireland' }));
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' })), (err) => {
      assert.equal(err.name, 'PermanentRedirect', err.message);
      assert.equal(err.$metadata.httpStatusCode, 301);
      assert.equal(err.$response.headers['x-amz-bucket-region'], 'eu-west-1');
      return true;
    });
    const following = client('us-east-1', { followRegionRedirects: true });
    const got = await following.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }));
    assert.equal((await bodyBytes(got)).toString(), 'in ireland');
    const head = await following.send(new HeadBucketCommand({ Bucket: bucket }));
    assert.equal(head.BucketRegion, 'eu-west-1');
  } finally {
    await eu.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k' }));
    await eu.send(new DeleteBucketCommand({ Bucket: bucket }));
  }
});
