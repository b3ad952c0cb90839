import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { ensureTestPki } from '../pki/test-pki.ts';

const ROOT = join(import.meta.dirname, '..');

/** Start `npm run sandbox`'s entry point on free ports and wait for its banner. */
function startSandbox(database: string): Promise<{ child: ChildProcess; isUrl: string; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/main.ts', '--database', database,
    '--is-port', '0', '--apim-port', '0', '--gateway-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Identity Server\s+(https:\/\/\S+)/.exec(out);
      if (m && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, isUrl: m[1]!, banner: out });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

test('a second npm run sandbox on the same data file keeps what the first stored', { timeout: 90_000 }, async () => {
  const pki = await ensureTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'obc-restart-'));
  const database = join(dir, 'sandbox.db');
  const agent = new Agent({ connect: { ca: readFileSync(pki.ca.cert, 'utf8') } });
  const kids = async (isUrl: string) => {
    const res = await request(`${isUrl}/oauth2/jwks`, { dispatcher: agent });
    assert.equal(res.statusCode, 200);
    return ((await res.body.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  };
  try {
    const first = await startSandbox(database);
    assert.match(first.banner, /Trust this CA\s+\S*ca\.pem/);
    assert.match(first.banner, /curl --cacert/);
    const before = await kids(first.isUrl);
    assert.equal(await stop(first.child, 'SIGINT'), 0, 'SIGINT stops the sandbox cleanly');

    const second = await startSandbox(database);
    assert.deepEqual(await kids(second.isUrl), before, 'the signing keys survive a restart');
    assert.equal(await stop(second.child, 'SIGTERM'), 0, 'SIGTERM stops the sandbox cleanly');
  } finally {
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
