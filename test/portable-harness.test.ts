/**
 * The pieces that make the suite portable: target files checked against their JSON Schema, the
 * harness's verdicts (not checked, baselined, warning, stale baseline entries), capabilities read
 * from discovery, and the login driver's form reading.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TARGETS_DIR, loadTargetFile, schemaProblems, TargetError, type TargetFile } from '../steps/support/target.ts';
import { capabilitiesFromDiscovery } from '../steps/support/runtime.ts';
import { parseForms, stepsFor } from '../steps/support/login-driver.ts';
import { classify, outcomeCounts } from '../report/classify.ts';
import type { ScenarioResult } from '../report/scenario-results.ts';

describe('target files', () => {
  test('every shipped target validates against schemas/target.schema.json', () => {
    for (const f of readdirSync(TARGETS_DIR).filter((n) => n.endsWith('.json'))) {
      assert.doesNotThrow(() => loadTargetFile(join(TARGETS_DIR, f)), f);
    }
  });

  test('a wrong field gives one line naming its path', () => {
    const problems = schemaProblems({ name: 'x', profil: 'uk', profile: 'uk', capabilities: ['mtls', 'teleport'], urls: { is: 'http://a' }, tls: { ca: 'ca.pem' } });
    assert.ok(problems.includes('profil: unknown field'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('capabilities.1: must be one of')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('urls.is: must match pattern')), problems.join('\n'));
  });

  test('a remote target declares software-jwks-host only with softwareJwksHost', () => {
    const base = { name: 'x', profile: 'uk', urls: { is: 'https://a' }, tls: { ca: 'ca.pem' } };
    const without = schemaProblems({ ...base, capabilities: ['software-jwks-host'] });
    assert.ok(without.includes('softwareJwksHost: required'), without.join('\n'));
    assert.deepEqual(schemaProblems({ ...base, capabilities: ['software-jwks-host'], softwareJwksHost: { url: 'https://harness.example:{https}', ports: { https: 18444 } } }), []);
    const http = schemaProblems({ ...base, capabilities: [], softwareJwksHost: { url: 'http://harness.example' } });
    assert.ok(http.some((p) => p.startsWith('softwareJwksHost.url: must match pattern')), http.join('\n'));
    // The embedded sandbox derives the capability and needs no description of the host.
    assert.deepEqual(schemaProblems({ name: 'e', profile: 'uk', embedded: {}, capabilities: ['software-jwks-host'] }), []);
  });

  test('a missing certificate file is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obc-target-'));
    const path = join(dir, 't.json');
    writeFileSync(path, JSON.stringify({ name: 't', profile: 'generic', capabilities: [], urls: { is: 'https://x' }, tls: { ca: join(dir, 'nope.pem') } }));
    assert.throws(() => loadTargetFile(path), (e: Error) => e instanceof TargetError && e.message.includes('tls.ca: file not found'));
  });
});

describe('capabilities from discovery', () => {
  const file = { name: 't', profile: 'generic', capabilities: [] } as TargetFile;
  test('RFC 8414 defaults when members are absent', () => {
    const caps = capabilitiesFromDiscovery({}, file, () => undefined);
    assert.deepEqual(caps.sort(), ['auth-client-secret-basic', 'grant-authorization-code', 'tls-client-certificates']);
  });
  test('a target whose proxy the harness plays does not present certificates over TLS', () => {
    const proxied = { ...file, clientCertificates: { header: 'x-wso2-mutual-auth-cert' } } as TargetFile;
    const caps = capabilitiesFromDiscovery({}, proxied, () => undefined);
    assert.ok(!caps.includes('tls-client-certificates'));
    assert.ok(caps.includes('client-certificate-header'));
  });
  test('grants, methods, request objects, binding and endpoints as advertised', () => {
    const doc = {
      grant_types_supported: ['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'tls_client_auth'],
      request_parameter_supported: true,
      tls_client_certificate_bound_access_tokens: true,
      response_types_supported: ['id_token code'],
    };
    const caps = capabilitiesFromDiscovery(doc, file, (n) => (n === 'introspection_endpoint' ? 'https://x/i' : undefined));
    for (const c of ['grant-client-credentials', 'grant-jwt-bearer', 'auth-private-key-jwt', 'auth-tls-client-auth', 'request-objects', 'bound-tokens', 'hybrid-flow', 'introspection']) {
      assert.ok(caps.includes(c as never), c);
    }
    assert.ok(!caps.includes('revocation'));
  });
});

describe('verdicts', () => {
  const r = (name: string, status: ScenarioResult['status'], extra: Partial<ScenarioResult> = {}): ScenarioResult =>
    ({ id: name, name, uri: 'features/a.feature', tags: [], rules: ['X-1'], status, ...extra });

  test('setup failures are not checked, baselined failures and optional ones do not fail, stale entries are found', () => {
    const results = [
      r('setup', 'failed', { failedInSetup: true }),
      r('known', 'failed'),
      r('should', 'failed', { tags: ['@optional'] }),
      r('real', 'failed'),
      r('fixed', 'passed'),
    ];
    const baseline = { target: 't', entries: [
      { uri: 'features/a.feature', scenario: 'known', rule: 'X-1', reason: 'RFC 0 §1' },
      { uri: 'features/a.feature', scenario: 'fixed', rule: 'X-1', reason: 'RFC 0 §2' },
    ] };
    const { results: out, stale } = classify(results, { baseline });
    assert.deepEqual(out.map((x) => x.status), ['not-checked', 'baselined', 'warning', 'failed', 'passed']);
    assert.deepEqual(stale.map((e) => e.scenario), ['fixed']);
    assert.deepEqual(outcomeCounts(out), { passed: 1, failed: 1, notChecked: 1, skipped: 0, baselined: 1, warnings: 1 });
    assert.equal(classify(results, { strict: true }).results[2]?.status, 'failed');
  });

  test('an entry whose scenario did not run is stale in a whole run, not in a partial one', () => {
    const baseline = { target: 't', entries: [{ uri: 'features/a.feature', scenario: 'gone', rule: 'X-1', reason: 'RFC 0 §1' }] };
    assert.deepEqual(classify([r('other', 'passed')], { baseline }).stale.map((e) => e.scenario), ['gone']);
    assert.deepEqual(classify([r('other', 'passed')], { baseline, partial: true }).stale, []);
  });
});

describe('login forms', () => {
  test('hidden fields, entities, methods and the chosen form', () => {
    const html = `<form action="/a?x=1&amp;y=2" method="post"><input type="hidden" name="prompt" value="login"/><input name="login"><button type="submit">Go</button></form>
      <form action='/b'><input type=hidden name=k value=v><input type="checkbox" name="c"></form>`;
    const [a, b] = parseForms(html);
    assert.equal(a?.action, '/a?x=1&y=2');
    assert.equal(a?.method, 'post');
    assert.deepEqual(a?.fields, [['prompt', 'login'], ['login', '']]);
    assert.equal(b?.method, 'get');
    assert.deepEqual(b?.fields, [['k', 'v']]);
  });

  test('a denial tries the deny steps first; psu-deny and psu-password come from the login description', () => {
    const login: TargetFile['login'] = {
      driver: 'http',
      steps: [{ match: '^/login', fill: { user: '{{username}}', pwd: '{{password}}' } }, { match: '^/consent' }],
      deny: [{ match: '^/consent', link: 'Cancel' }],
    };
    assert.deepEqual(stepsFor(login!, 'deny').map((s) => s.match), ['^/consent', '^/login', '^/consent']);
    assert.deepEqual(stepsFor(login!, 'approve').map((s) => s.match), ['^/login', '^/consent']);
    const file = { name: 't', profile: 'generic', capabilities: [], urls: { is: 'https://a' }, login } as TargetFile;
    const caps = capabilitiesFromDiscovery({}, file, () => undefined);
    assert.ok(caps.includes('psu-deny') && caps.includes('psu-password'), caps.join(' '));
    const plain = capabilitiesFromDiscovery({}, { ...file, login: { driver: 'auto' } }, () => undefined);
    assert.ok(!plain.includes('psu-deny') && !plain.includes('psu-password'), plain.join(' '));
  });
});
