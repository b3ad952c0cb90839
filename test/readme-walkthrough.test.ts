import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestPki } from '../pki/test-pki.ts';
import { readmeBlock } from './readme-sandbox.ts';

/**
 * The README's curl walkthroughs, run as written against `npm run sandbox`'s entry point. The
 * only change is the port numbers: the sandbox listens on free ports here, so the test does not
 * depend on 9446/8243 being free (and `npm run tpp` is pointed at it with OBC_IS_URL).
 */
const ROOT = join(import.meta.dirname, '..');


interface Sandbox { child: ChildProcess; is: string; gateway: string }

function startSandbox(database: string, env: NodeJS.ProcessEnv = {}): Promise<Sandbox> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/main.ts', '--database', database,
    '--is-port', '0', '--apim-port', '0', '--gateway-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const is = /Identity Server\s+(https:\/\/\S+)/.exec(out)?.[1];
      const gateway = /Gateway\s+(https:\/\/\S+)/.exec(out)?.[1];
      if (is && gateway && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, is, gateway });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Run a README block with bash, the default ports replaced by the sandbox's. */
function paste(block: string, s: Sandbox): { stdout: string; stderr: string } {
  const script = block.replaceAll('https://localhost:9446', s.is).replaceAll('https://localhost:8243', s.gateway);
  const res = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OBC_IS_URL: s.is }, timeout: 120_000 });
  assert.equal(res.status, 0, `the walkthrough exits 0:\n${res.stdout}\n${res.stderr}`);
  return { stdout: res.stdout, stderr: res.stderr };
}

async function withSandbox(env: NodeJS.ProcessEnv, fn: (s: Sandbox) => void): Promise<void> {
  await ensureTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'obc-readme-'));
  const s = await startSandbox(join(dir, 'sandbox.db'), env);
  try {
    fn(s);
  } finally {
    await stop(s.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('README: the seed\'s client_credentials call works when pasted', { timeout: 120_000 }, async () => {
  await withSandbox({}, (s) => {
    const { stdout, stderr } = paste(readmeBlock("Try the seed's token call with curl"), s);
    const answer = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    // The whole output on failure: an error answer here names which of the three steps failed.
    const why = `printed:\n${stdout}\n[stderr]\n${stderr}`;
    assert.equal(answer.token_type, 'Bearer', why);
    assert.equal(answer.scope, 'accounts openid', why);
    assert.equal(typeof answer.access_token, 'string', why);
  });
});

test('README: the Open Banking DCR flow works when pasted, twice in a row', { timeout: 180_000 }, async () => {
  await withSandbox({}, (s) => {
    const block = readmeBlock('Onboard a TPP with Open Banking DCR, step by step');
    for (let run = 1; run <= 2; run++) {
      const { stdout, stderr } = paste(block, s);
      const lines = stdout.trim().split('\n');
      const why = `run ${run} printed:\n${stdout}\n[stderr]\n${stderr}`;
      assert.match(lines[0]!, /^registered [A-Za-z0-9_-]{10,}$/, `run ${run}: registered`);
      const clientId = lines[0]!.slice('registered '.length);
      const read = JSON.parse(lines[1]!) as Record<string, unknown>;
      assert.equal(read.client_id, clientId, why);
      assert.equal(read.token_endpoint_auth_method, 'private_key_jwt', why);
      const updated = JSON.parse(lines[2]!) as Record<string, unknown>;
      assert.equal(updated.token_endpoint_auth_method, 'tls_client_auth', why);
      assert.equal(lines[3], '204', why);
      assert.match(lines[4]!, /"900901".* 401$/, why);
    }
  });
});
