import assert from 'node:assert/strict';
import test from 'node:test';
import { runScript } from './harness-cli.ts';
import { plainLine, stageVerdict } from '../scripts/stage-verdict.ts';

/**
 * On a machine without Chromium `npm test` still passes: the browser check is skipped with the
 * reason and the install command. With CI=true it is required, so CI never skips it silently.
 * OBC_CHROMIUM points the harness at a browser that is not there.
 */
const NO_CHROMIUM = { OBC_CHROMIUM: '/nonexistent/chromium' };

test('without Chromium the browser check is skipped, naming why and how to install it', async () => {
  const { code, stdout } = await runScript('browser-check', [], { ...NO_CHROMIUM, CI: '' });
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^# SKIP browser check: Chromium not found at \/nonexistent\/chromium: install it with `sudo apt-get install chromium`/m);
  assert.match(stdout.trim().split('\n').at(-1)!, /^0 passed, 0 failed, 1 skipped$/);
  // npm test (scripts/test-all.ts) counts the stage as skipped, not failed, and shows the reason.
  const verdict = stageVerdict(code, stdout, plainLine(stdout));
  assert.equal(verdict.mark, 'skip');
  assert.deepEqual(verdict.counts, { passed: 0, failed: 0, skipped: 1 });
  assert.match(verdict.skipReason ?? '', /sudo apt-get install chromium/);
});

test('with CI=true a missing Chromium fails the browser check', async () => {
  const { code, stdout } = await runScript('browser-check', [], { ...NO_CHROMIUM, CI: 'true' });
  assert.equal(code, 1, stdout);
  assert.match(stdout, /^not ok - chromium found at \/nonexistent\/chromium \(required when CI=true\)/m);
  assert.match(stdout.trim().split('\n').at(-1)!, /^0 passed, 1 failed$/);
  assert.equal(stageVerdict(code, stdout, plainLine(stdout)).mark, 'FAIL');
});

test('a stage that ran nothing and gave no reason fails', () => {
  assert.equal(stageVerdict(0, '0 passed, 0 failed\n', plainLine('0 passed, 0 failed\n')).mark, 'FAIL');
  assert.equal(stageVerdict(0, '0 passed, 0 failed, 1 skipped\n', plainLine('0 passed, 0 failed, 1 skipped\n')).mark, 'FAIL');
});
