import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { REDACTED, redactEnvelope, redactor } from '../report/redact.ts';
import { targetSecrets } from '../steps/support/target-secrets.ts';
import type { TargetFile } from '../steps/support/target.ts';
import { MergeError, mergeShardMessages } from '../report/merge-messages.ts';
import { junitXml, runErrorsIn } from '../report/write-reports.ts';
import { summaryTable } from '../report/summary-table.ts';
import { LEFT_BEHIND_MEDIA_TYPE, leftBehindIn } from '../report/left-behind.ts';
import type { RunMeta } from '../report/run-meta.ts';

test('the redactor replaces every secret, in text and in base64 attachments, and leaves short literals alone', () => {
  const redact = redactor(['s3cret-value-1', 'admin']);
  const e: Envelope = { attachment: { body: Buffer.from('token s3cret-value-1 for admin').toString('base64'), contentEncoding: 'BASE64' as never, mediaType: 'text/plain' } };
  const clean = redactEnvelope(e, redact);
  assert.equal(Buffer.from(clean.attachment!.body, 'base64').toString(), `token ${REDACTED} for admin`);
  const step = redactEnvelope({ testStepFinished: { testStepResult: { message: 'expected s3cret-value-1' } } } as unknown as Envelope, redact);
  assert.equal((step as unknown as { testStepFinished: { testStepResult: { message: string } } }).testStepFinished.testStepResult.message, `expected ${REDACTED}`);
});

test('targetSecrets resolves env and file secrets, Basic credentials and the private parts of key files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obc-secrets-unit-'));
  try {
    writeFileSync(join(dir, 'pw'), 'file-password-123\n');
    writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n');
    writeFileSync(join(dir, 'key.jwk'), JSON.stringify({ kty: 'EC', d: 'private-d-member-value', x: 'public-x' }));
    process.env.OBC_UNIT_SECRET = 'env-secret-456';
    const file = {
      name: 't', profile: 'generic', capabilities: [],
      admin: { username: 'admin', password: { env: 'OBC_UNIT_SECRET' } },
      login: { driver: 'http', password: { file: join(dir, 'pw') } },
      identities: { tpp1: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } },
      jwtBearer: { issuer: 'https://idp', signingKey: join(dir, 'key.jwk') },
    } as unknown as TargetFile;
    const secrets = targetSecrets(file);
    for (const s of ['env-secret-456', 'file-password-123', Buffer.from('admin:env-secret-456').toString('base64'), 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'private-d-member-value']) {
      assert.ok(secrets.includes(s), `secrets include ${s}`);
    }
    assert.ok(!secrets.includes('public-x'));
  } finally {
    delete process.env.OBC_UNIT_SECRET;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('merging refuses shards of different suites and unfinished shards', () => {
  const run = (id: string, doc: string): Envelope[] => [
    { source: { uri: doc, data: '', mediaType: 'text/x.cucumber.gherkin+plain' as never } },
    { pickle: { id: `${id}-p`, uri: doc, name: 'a', language: 'en', steps: [], tags: [], astNodeIds: [] } },
    { testRunStarted: { id: `${id}-run`, timestamp: { seconds: 1, nanos: 0 } } },
    { testRunFinished: { testRunStartedId: `${id}-run`, timestamp: { seconds: 2, nanos: 0 }, success: true } },
  ];
  assert.throws(() => mergeShardMessages([run('a', 'x.feature'), run('b', 'y.feature')]), MergeError);
  assert.throws(() => mergeShardMessages([run('a', 'x.feature'), run('b', 'x.feature').slice(0, 3)]), /did not finish/);
  const merged = mergeShardMessages([run('a', 'x.feature'), run('b', 'x.feature')]);
  assert.equal(merged.filter((e) => e.pickle).length, 1);
  assert.equal(merged.filter((e) => e.testRunStarted).length, 1);
  assert.equal(merged.at(-1)?.testRunFinished?.testRunStartedId, 'a-run');
});

const META: RunMeta = {
  suite: { name: 'ob-conformance', version: '9.9.9' }, target: 'bank <uat>', profile: 'uk',
  product: { name: 'wso2-is', release: '7.0', apim: '4.4' }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 65_000,
};

test('JUnit XML carries the run as escaped <properties>', () => {
  const xml = junitXml([
    { testRunStarted: { id: 'r', timestamp: { seconds: 1, nanos: 0 } } },
    { testRunFinished: { testRunStartedId: 'r', timestamp: { seconds: 2, nanos: 0 }, success: true } },
  ], META);
  assert.match(xml, /<testsuite [^>]*>\s*<properties>/);
  assert.match(xml, /<property name="ob-conformance.suite.version" value="9.9.9"\/>/);
  assert.match(xml, /<property name="ob-conformance.target" value="bank &lt;uat&gt;"\/>/);
  assert.match(xml, /<property name="ob-conformance.product" value="wso2-is 7.0 \(API Manager 4.4\)"\/>/);
  assert.match(xml, /<property name="ob-conformance.duration" value="1 m 05 s"\/>/);
  assert.match(xml, /<\/properties>[\s\S]*<\/testsuite>/);
});

test('the summary table counts verdicts per target, groups skips by reason and lists what was left behind', () => {
  const r = (status: string, attachments?: string[]) => ({ id: status, name: status, uri: 'f', tags: [], rules: [], status, ...(attachments ? { attachments } : {}) }) as never;
  const left = leftBehindIn([{ attachment: { body: JSON.stringify({ kind: 'client', id: 'obc-x', why: 'the delete answered 500' }), contentEncoding: 'IDENTITY' as never, mediaType: LEFT_BEHIND_MEDIA_TYPE } }]);
  const lines = summaryTable([{
    target: 'bank', durationMs: 1500, leftBehind: left,
    results: [r('passed'), r('failed'), r('not-checked'), r('baselined'), r('warning'),
      r('skipped', ['Skipped: target "bank" lacks capability mtls']), r('skipped', ['Skipped: target "bank" lacks capability mtls; other'])],
  }]);
  assert.match(lines[0]!, /^target\s+passed\s+failed\s+not checked \(setup\)\s+skipped\s+baselined\s+warnings\s+duration$/);
  assert.match(lines[2]!, /^bank\s+1\s+1\s+1\s+2\s+1\s+1\s+1\.5 s$/);
  assert.ok(lines.includes('     2  target lacks capability mtls'));
  assert.ok(lines.includes('  client obc-x: the delete answered 500'));
});

test('a failed BeforeAll hook is a run error, named by its first line', () => {
  const errors = runErrorsIn([
    { testRunHookFinished: { testRunHookStartedId: 'h', timestamp: { seconds: 0, nanos: 0 }, result: { status: 'FAILED' as never, duration: { seconds: 0, nanos: 0 }, message: 'TargetError: cannot fetch the discovery document\n    at x' } } },
    { testRunHookFinished: { testRunHookStartedId: 'h2', timestamp: { seconds: 0, nanos: 0 }, result: { status: 'PASSED' as never, duration: { seconds: 0, nanos: 0 } } } },
  ]);
  assert.deepEqual(errors, ['TargetError: cannot fetch the discovery document']);
});
