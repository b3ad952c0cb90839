import assert from 'node:assert/strict';
import test from 'node:test';
import { failureDigest } from '../scripts/stage-verdict.ts';

/** The closing summary of `npm test` names what failed, so a CI log read from its tail says why. */
test('the failure digest keeps the lines that name failures, once each', () => {
  const output = [
    'Outcome: 269 passed, 1 failed',
    'Failed scenarios (1):',
    '  ✗ A client assertion is used once (features/token/client-authentication.feature:189) — expected 401, got 200',
    'stale baseline entry (the scenario X of features/a.feature did not fail): remove it',
    'oidc-provider: 259 scenarios passed, fewer than the floor of 260',
    'sandbox-remote did not start in 30 s:',
    '  APIM DCR v0.17 client obc-saas_1 (abc): API Manager offers no way to delete an APIM DCR registration',
    '  ✗ A client assertion is used once (features/token/client-authentication.feature:189) — expected 401, got 200',
    'not ok - chromium found at /x',
    '✖ unit test name (12ms)',
    '  not caught: token.accept-anything (rules CAUTH-01; 3 scenario(s) ran)',
    '1 passed, 1 failed',
  ].join('\n');
  assert.deepEqual(failureDigest(output), [
    '✗ A client assertion is used once (features/token/client-authentication.feature:189) — expected 401, got 200',
    'stale baseline entry (the scenario X of features/a.feature did not fail): remove it',
    'oidc-provider: 259 scenarios passed, fewer than the floor of 260',
    'sandbox-remote did not start in 30 s:',
    'not ok - chromium found at /x',
    '✖ unit test name (12ms)',
    'not caught: token.accept-anything (rules CAUTH-01; 3 scenario(s) ran)',
  ]);
});

test('the failure digest is bounded', () => {
  const output = Array.from({ length: 40 }, (_, i) => `  ✗ scenario ${i} (f.feature:${i})`).join('\n');
  const digest = failureDigest(output);
  assert.equal(digest.length, 26);
  assert.equal(digest.at(-1), '… and 15 more');
});
