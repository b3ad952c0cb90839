import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestPki } from '../pki/test-pki.ts';

/**
 * The README's Developer Portal walkthrough (seed 000's TPP steps and seed 002's mapping), run as
 * written against `npm run sandbox -- --profile generic`'s entry point; only the ports differ.
 */
const ROOT = join(import.meta.dirname, '..');
const HEADING = 'Onboard a TPP in the Developer Portal (seeds 000 and 002)';

interface Running { child: ChildProcess; is: string; apim: string; dir: string }

function startSandbox(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'obc-devportal-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/main.ts', '--profile', 'generic', '--database', join(dir, 'sandbox.db'),
    '--is-port', '0', '--apim-port', '0', '--gateway-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OBC_FAULTS: '' } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const is = /Identity Server\s+(https:\/\/\S+)/.exec(out)?.[1];
      const apim = /API Manager\s+(https:\/\/\S+)/.exec(out)?.[1];
      if (is && apim && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, is, apim, dir });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)));
  });
}

function stop(s: Running): Promise<void> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.on('exit', () => {
      rmSync(s.dir, { recursive: true, force: true });
      resolve();
    });
    s.child.kill('SIGTERM');
  });
}

function readmeBlock(heading: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n### ${heading}`);
  assert.ok(at >= 0, `README has a section "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `the section "${heading}" has a sh block`);
  return block[1]!;
}

test('README: the seed 000 TPP steps and the seed 002 mapping work when pasted, twice in a row', { timeout: 120_000 }, async () => {
  await ensureTestPki();
  const s = await startSandbox();
  try {
    const script = readmeBlock(HEADING).replaceAll('https://localhost:9443', s.apim).replaceAll('https://localhost:9446', s.is);
    for (let run = 1; run <= 2; run++) {
      const res = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      const why = `run ${run}:\n${res.stdout}\n[stderr]\n${res.stderr}`;
      assert.equal(res.status, 0, why);
      const lines = res.stdout.trim().split('\n');
      assert.equal(lines.length, 7, why);
      assert.equal(lines[0], '201', why);
      assert.match(lines[1]!, /^application [0-9a-f-]{36}$/, why);
      assert.equal(lines[2], 'UNBLOCKED', why);
      assert.equal(lines[3], 'CREATED APPROVED true token', why);
      assert.equal(lines[4], 'MAPPED true client_credentials', why);
      assert.equal(lines[5], 'UNBLOCKED', why);
      assert.equal(lines[6], 'Bearer', why);
    }
  } finally {
    await stop(s);
  }
});
