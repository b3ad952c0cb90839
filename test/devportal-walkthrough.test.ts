import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ensureTestPki } from '../pki/test-pki.ts';
import { ROOT, readmeBlock, startReadmeSandbox, stopReadmeSandbox } from './readme-sandbox.ts';

/**
 * The README's Developer Portal walkthrough (seed 000's TPP steps and seed 002's mapping), run as
 * written against `npm run sandbox -- --profile generic`'s entry point; only the ports differ.
 */
const HEADING = 'Onboard a TPP in the Developer Portal (seeds 000 and 002)';


test('README: the seed 000 TPP steps and the seed 002 mapping work when pasted, twice in a row', { timeout: 120_000 }, async () => {
  await ensureTestPki();
  const s = await startReadmeSandbox(['--profile', 'generic'], { OBC_FAULTS: '' });
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
    await stopReadmeSandbox(s);
  }
});
