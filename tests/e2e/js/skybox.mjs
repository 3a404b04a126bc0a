// Starts the real skybox binary on a free port with a temporary data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.SKYBOX_BINARY ?? join(here, '../../../build/release/src/main/skybox');

export async function startSkybox(extraArgs = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'skybox-js-'));
  const proc = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...extraArgs],
                     { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('skybox not ready:\n' + log)), 10000);
    proc.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /skybox ready .*listen=\S+:(\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', (code) => reject(new Error(`skybox exited ${code}:\n${log}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      const code = await new Promise((resolve) => { proc.on('exit', resolve); proc.kill('SIGTERM'); });
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

// Starts skybox and points every AWS SDK client created afterwards at it (the environment the
// SDK reads: endpoint, region, the loopback test credentials).
export async function startSkyboxForSdk(extraArgs = []) {
  const skybox = await startSkybox(extraArgs);
  process.env.AWS_ENDPOINT_URL = skybox.endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  return skybox;
}
