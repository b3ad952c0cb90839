import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from '../mock-server/listeners.ts';
import { loadTestPki } from '../pki/test-pki.ts';
import { ADMIN, basic, call, keyManagerAt, runningSandbox } from './devportal-helpers.ts';

/**
 * The fsKeyManager's extra Identity Server calls for a regulatory application (apim-surface §5.3,
 * rule WSO2-DEVP-21): against the sandbox's own IS listener (what the IS keeps), and against a
 * recording server (the exact sequence, and the failure handling of §4.6 step 10).
 */

const DEV = '/api/am/devportal/v3';
const DCR = '/api/identity/oauth2/dcr/v1.1/register';
const APPS = '/api/server/v1/applications';

const pem = () => readFileSync(loadTestPki().tpp1.signingCert, 'utf8');

const regulatoryKeys = (keyManager: string, certificate: string) => ({
  keyType: 'PRODUCTION', keyManager, grantTypesToBeSupported: ['authorization_code', 'client_credentials', 'refresh_token'],
  callbackUrl: 'https://tpp.example.com/callback',
  additionalProperties: { ext_pkce_mandatory: 'true', ext_pkce_support_plain: 'false', ext_public_client: 'false', regulatory: 'true', sp_certificate: certificate },
});

async function newApplication(s: RunningSandbox, auth: string, name: string): Promise<string> {
  const app = await call('POST', `${s.urls.apim}${DEV}/applications`, { auth, json: { name, throttlingPolicy: 'Unlimited' } });
  assert.equal(app.status, 201, app.text);
  return app.json.applicationId as string;
}

describe('fsKeyManager regulatory extras', () => {
  let s: RunningSandbox;
  const tpp = basic('tpp-fs', 'tpp-fs-pw');
  before(async () => {
    s = await runningSandbox({ profile: 'generic' });
    const r = await call('POST', `${s.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: 'tpp-fs', password: 'tpp-fs-pw', claims: [] }, properties: [] } });
    assert.equal(r.status, 201, r.text);
  });
  after(async () => s.close());

  test('the Identity Server keeps regulatory, sp_certificate and the certificate; the listing reads them back', async () => {
    const km = await call('POST', `${s.urls.apim}/api/am/admin/v4/key-managers`, { auth: ADMIN, json: keyManagerAt(s.urls.is, 'FSKM') });
    assert.equal(km.status, 201, km.text);
    const appId = await newApplication(s, tpp, 'Regulated');
    const certificate = pem();
    const keys = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, { auth: tpp, json: regulatoryKeys(km.json.id as string, certificate) });
    assert.equal(keys.status, 200, keys.text);
    const clientId = keys.json.consumerKey as string;

    const client = await call('GET', `${s.urls.is}${DCR}/${clientId}`, { auth: ADMIN });
    assert.equal(client.status, 200, client.text);
    assert.equal(client.json.tls_client_certificate_bound_access_tokens, true);
    // The update carried the client's own settings: PKCE stays on.
    assert.equal(client.json.ext_pkce_mandatory, true);

    const found = await call('GET', `${s.urls.is}${APPS}/?filter=${encodeURIComponent(`clientId eq ${clientId}`)}`, { auth: ADMIN });
    assert.equal(found.status, 200, found.text);
    const isApp = await call('GET', `${s.urls.is}${APPS}/${found.json.applications[0].id as string}`, { auth: ADMIN });
    assert.equal(isApp.status, 200, isApp.text);
    const props = Object.fromEntries((isApp.json.advancedConfigurations.additionalSpProperties as { name: string; value: string }[]).map((p) => [p.name, p.value]));
    assert.equal(props.regulatory, 'true');
    assert.equal(props.sp_certificate, certificate);
    assert.deepEqual(isApp.json.advancedConfigurations.certificate, { type: 'PEM', value: certificate });

    const list = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
    assert.equal(list.status, 200, list.text);
    const listed = (list.json.list as { consumerKey: string; additionalProperties: Record<string, unknown> }[]).find((k) => k.consumerKey === clientId)!;
    assert.equal(listed.additionalProperties.regulatory, 'true');
    assert.equal(listed.additionalProperties.sp_certificate, certificate);
    assert.equal(listed.additionalProperties.ext_pkce_mandatory, true);
  });

  test('a non-regulatory application makes no extra calls: no SP properties at the Identity Server', async () => {
    const appId = await newApplication(s, tpp, 'Plain');
    const keys = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, {
      auth: tpp,
      json: { keyType: 'SANDBOX', keyManager: 'FSKM', grantTypesToBeSupported: ['client_credentials'], additionalProperties: { regulatory: 'false' } },
    });
    assert.equal(keys.status, 200, keys.text);
    const client = await call('GET', `${s.urls.is}${DCR}/${keys.json.consumerKey as string}`, { auth: ADMIN });
    assert.equal(client.json.tls_client_certificate_bound_access_tokens, false);
  });

  describe('against a recording Identity Server', () => {
    let server: Server;
    let base: string;
    interface Seen { method: string; url: string; auth: string | undefined; body: string }
    const seen: Seen[] = [];
    /** Status per "METHOD /path-prefix"; the rest answers as a working Identity Server would. */
    let failing: Record<string, number> = {};
    let nextClient = 0;

    before(async () => {
      const pki = loadTestPki();
      server = createServer({ cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8') }, (req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          const method = req.method!;
          const url = req.url!;
          seen.push({ method, url, auth: req.headers.authorization, body });
          const reply = (status: number, json?: unknown) =>
            res.writeHead(status, { 'content-type': 'application/json' }).end(json === undefined ? '' : JSON.stringify(json));
          const fail = Object.entries(failing).find(([k]) => `${method} ${url}`.startsWith(k));
          if (fail) return reply(fail[1], { error_description: 'refused by the test' });
          if (method === 'POST' && url === DCR) {
            const sent = JSON.parse(body) as Record<string, unknown>;
            return reply(201, { ...sent, client_id: `client-${++nextClient}`, client_secret: 'secret' });
          }
          if (method === 'GET' && url.startsWith(`${APPS}/?filter=`)) return reply(200, { totalResults: 1, applications: [{ id: 'app-1' }] });
          if (method === 'GET' && url === `${APPS}/app-1`) {
            return reply(200, { id: 'app-1', advancedConfigurations: { additionalSpProperties: [{ name: 'DisplayName', value: 'Shown Name' }, { name: 'regulatory', value: 'true' }, { name: 'sp_certificate', value: 'PEM' }] } });
          }
          if (method === 'GET' && url.startsWith(`${DCR}/`)) return reply(200, { client_id: url.slice(DCR.length + 1), client_secret: 'secret', grant_types: ['client_credentials'], redirect_uris: [] });
          if (method === 'PUT' && url.startsWith(`${DCR}/`)) return reply(200, { client_id: url.slice(DCR.length + 1) });
          if (method === 'PATCH' && url === `${APPS}/app-1`) return reply(200);
          return reply(404);
        });
      });
      await new Promise<void>((r) => server.listen(0, 'localhost', r));
      base = `https://localhost:${(server.address() as AddressInfo).port}`;
      const km = await call('POST', `${s.urls.apim}/api/am/admin/v4/key-managers`, { auth: ADMIN, json: { ...keyManagerAt(base, 'RecordedFS'), enableTokenGeneration: false } });
      assert.equal(km.status, 201, km.text);
    });
    after(async () => new Promise<void>((r) => server.close(() => r())));

    test('the §5.3 sequence after the IS DCR create, with the connector credentials', async () => {
      seen.length = 0;
      failing = {};
      const appId = await newApplication(s, tpp, 'Recorded');
      const keys = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, { auth: tpp, json: regulatoryKeys('RecordedFS', pem()) });
      assert.equal(keys.status, 200, keys.text);
      const clientId = keys.json.consumerKey as string;
      assert.deepEqual(seen.map((r) => `${r.method} ${r.url}`), [
        `POST ${DCR}`,
        `GET ${APPS}/?filter=${encodeURIComponent(`clientId eq ${clientId}`)}`,
        `GET ${APPS}/app-1`,
        `PUT ${DCR}/${clientId}`,
        `PATCH ${APPS}/app-1`,
      ]);
      for (const r of seen) assert.equal(r.auth, ADMIN, `${r.method} ${r.url}`);
      const put = JSON.parse(seen[3]!.body) as Record<string, unknown>;
      assert.equal(put.client_name, `tpp-fs_${appId}_PRODUCTION`);
      assert.equal(put.client_id, clientId);
      // ext_application_display_name from the SP's DisplayName property.
      assert.equal(put.ext_application_display_name, 'Shown Name');
      assert.equal(put.tls_client_certificate_bound_access_tokens, true);
      assert.equal(put.ext_pkce_mandatory, true);
      assert.deepEqual(put.additionalAttributes, { DisplayName: 'Shown Name', regulatory: 'true', sp_certificate: pem(), AppCreateRequest: 'true' });
      assert.deepEqual(JSON.parse(seen[4]!.body), { advancedConfigurations: { certificate: { type: 'PEM', value: pem() } } });

      // The listing re-reads steps 1-2 and merges regulatory / sp_certificate.
      seen.length = 0;
      const list = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(seen.map((r) => `${r.method} ${r.url.split('?')[0]}`), [`GET ${DCR}/${clientId}`, `GET ${APPS}/`, `GET ${APPS}/app-1`]);
      assert.equal(list.json.list[0].additionalProperties.regulatory, 'true');
      assert.equal(list.json.list[0].additionalProperties.sp_certificate, 'PEM');
      assert.equal(list.json.list[0].additionalProperties.DisplayName, undefined);

      // A failed application read drops the key from the listing (900954 inside the connector).
      failing = { [`GET ${APPS}/`]: 500 };
      const dropped = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
      assert.equal(dropped.status, 200, dropped.text);
      assert.equal(dropped.json.count, 0, dropped.text);
    });

    for (const [step, key] of [
      ['the application search', `GET ${APPS}/?`],
      ['the application read', `GET ${APPS}/app-1`],
      ['the DCR update', `PUT ${DCR}/`],
      ['the certificate PATCH', `PATCH ${APPS}/app-1`],
    ] as const) {
      test(`a non-200 from ${step}: 500 900967, the half-created mapping stays, the IS client is not rolled back`, async () => {
        seen.length = 0;
        failing = { [key]: 400 };
        const appId = await newApplication(s, tpp, `Failing ${step}`);
        const keys = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, { auth: tpp, json: regulatoryKeys('RecordedFS', pem()) });
        assert.equal(keys.status, 500, keys.text);
        assert.deepEqual(keys.json, { code: 900967, message: 'General Error', description: 'Server Error Occurred', moreInfo: '', error: [] });
        const methods = seen.map((r) => `${r.method} ${r.url}`);
        assert.ok(methods.some((m) => m.startsWith(key)), methods.join('\n'));
        assert.ok(!methods.some((m) => m.startsWith('DELETE')), `the client was deleted: ${methods.join('\n')}`);
        failing = {};
        const list = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
        assert.equal(list.json.count, 1, list.text);
        assert.equal(list.json.list[0].consumerKey, null);
        assert.equal(list.json.list[0].keyState, 'CREATED');
        const retry = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, { auth: tpp, json: regulatoryKeys('RecordedFS', pem()) });
        assert.equal(retry.status, 409, retry.text);
      });
    }
  });
});
