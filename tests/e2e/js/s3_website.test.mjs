// An S3 static website in a real browser: the bucket is set up with the AWS SDK for JavaScript
// v3, then Debian's Chromium (driven by playwright-core) browses
// http://<bucket>.s3-website.localhost:<port>/ as a visitor would: the index document runs a
// script that fetches a JSON object of the same site, a link to "docs" is redirected to
// "docs/" and its index document, and a missing page shows the error document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import {
  S3Client, CreateBucketCommand, DeletePublicAccessBlockCommand, PutBucketPolicyCommand, PutBucketWebsiteCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { startSkyboxForSdk } from './skybox.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const bucket = `site-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
let skybox;
let browser;
let site;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  skybox = await startSkyboxForSdk();
  const s3 = new S3Client({ forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  // A public site: the new bucket's Block Public Access goes first, as on AWS.
  await s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
  await s3.send(new PutBucketPolicyCommand({
    Bucket: bucket,
    Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{
      Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] }),
  }));
  await s3.send(new PutBucketWebsiteCommand({
    Bucket: bucket,
    WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } },
  }));
  const pages = {
    'index.html': ['text/html', `<html><body><h1 id="title">loading</h1><a id="docs" href="docs">Docs</a>
      <script>fetch('data.json').then((r) => r.json()).then((j) => {
        document.getElementById('title').textContent = j.title; });</script></body></html>`],
    'data.json': ['application/json', JSON.stringify({ title: 'Home, from JSON' })],
    'docs/index.html': ['text/html', '<html><body><h1 id="title">Docs</h1></body></html>'],
    'error.html': ['text/html', '<html><body><h1 id="title">Not here</h1></body></html>'],
  };
  for (const [key, [type, body]] of Object.entries(pages)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: type }));
  }
  // As root (CI) Chromium runs only without its sandbox; /dev/shm may be small in containers.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  site = `http://${bucket}.s3-website.localhost:${new URL(skybox.endpoint).port}`;
});

after(async () => {
  await browser?.close();
  await skybox?.stop();
});

test('the index document runs and fetches from its own site', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${site}/`);
  assert.equal(response.status(), 200);
  await page.waitForFunction(() => document.getElementById('title').textContent !== 'loading');
  assert.equal(await page.textContent('#title'), 'Home, from JSON');
  await page.close();
});

test('a folder link is redirected to its index document', async () => {
  const page = await browser.newPage();
  await page.goto(`${site}/`);
  await Promise.all([page.waitForURL(`${site}/docs/`), page.click('#docs')]);
  assert.equal(await page.textContent('#title'), 'Docs');
  await page.close();
});

test('a missing page shows the error document', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${site}/no/such/page.html`);
  // The policy grants no listing, so S3 answers a missing key with 403.
  assert.equal(response.status(), 403);
  assert.equal(await page.textContent('#title'), 'Not here');
  await page.close();
});
