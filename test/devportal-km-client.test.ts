import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import { KeyManagerClient, KeyManagerCallError } from '../mock-server/devportal/km-client.ts';
import { loadTestPki } from '../pki/test-pki.ts';

/**
 * What the portal sends a key manager (apim-surface §5.1 keymanager-operations, §5.2 IS DCR v1.1,
 * §5.7 token), captured by a recording HTTPS server, and how it reads the answers.
 */

interface Seen { method: string; url: string; auth: string | undefined; body: string }

describe('the key manager client', () => {
  let server: Server;
  let base: string;
  let sandbox: Sandbox;
  const seen: Seen[] = [];
  let reply: { status: number; body: unknown } = { status: 201, body: {} };

  before(async () => {
    const pki = loadTestPki();
    server = createServer({ cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8') }, (req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, 'localhost', r));
    base = `https://localhost:${(server.address() as AddressInfo).port}`;
    sandbox = await createSandbox({ overrides: { database: ':memory:' }, trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')], log: () => {} });
  });
  after(async () => {
    sandbox.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const km = (type: string) => ({
    type, clientRegistrationEndpoint: `${base}/register/`, tokenEndpoint: `${base}/oauth2/token`,
  });
  const request = {
    clientName: 'tpp1_6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b_PRODUCTION', applicationName: 'TppApp', owner: 'tpp1',
    grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'], callbackUrl: 'https://tpp.example.com/callback',
    properties: { ext_pkce_mandatory: 'true', ext_pkce_support_plain: 'false', ext_public_client: 'false', ext_application_token_lifetime: 'N/A', regulatory: 'true' },
  };

  test('IS DCR v1.1 (fsKeyManager): the WSO2IS7ClientInfo body of seed 000, Basic with the connector credentials', async () => {
    seen.length = 0;
    reply = { status: 201, body: { client_id: 'vYDoc9s7IgAFdkSyNDaswBX7ejoa', client_secret: 's3cret', client_name: request.clientName, grant_types: request.grantTypes, redirect_uris: [request.callbackUrl], ext_pkce_mandatory: true } };
    const client = new KeyManagerClient(sandbox.ctx, km('fsKeyManager'), { username: 'km-admin', password: 'km-pass' });
    const created = await client.create(request);
    assert.equal(seen[0]!.method, 'POST');
    assert.equal(seen[0]!.url, '/register');
    assert.equal(seen[0]!.auth, `Basic ${Buffer.from('km-admin:km-pass').toString('base64')}`);
    assert.deepEqual(JSON.parse(seen[0]!.body), {
      client_name: request.clientName, ext_application_display_name: 'TppApp', grant_types: request.grantTypes,
      redirect_uris: ['https://tpp.example.com/callback'], token_type_extension: 'JWT', ext_refresh_token_lifetime: 0, ext_id_token_lifetime: 0,
      ext_pkce_mandatory: true, ext_pkce_support_plain: false, ext_public_client: false, backchannel_logout_session_required: false,
      require_signed_request_object: false, require_pushed_authorization_requests: false, tls_client_certificate_bound_access_tokens: false,
      ext_allowed_audience: 'organization',
    });
    assert.equal(created.clientId, 'vYDoc9s7IgAFdkSyNDaswBX7ejoa');
    assert.equal(created.additionalProperties.ext_pkce_mandatory, true);
    // Raw client id in the path; 404 is "no such client", any other error status an error.
    reply = { status: 404, body: undefined };
    assert.equal(await client.retrieve('a/b'), null);
    assert.equal(seen.at(-1)!.url, '/register/a%2Fb');
    reply = { status: 401, body: undefined };
    await assert.rejects(client.retrieve('unknown'), KeyManagerCallError);
    // No regenerate call exists for the IS 7 connector.
    const before = seen.length;
    assert.equal(await client.regenerateSecret('x'), null);
    assert.equal(seen.length, before);
  });

  test('keymanager-operations (ObKeyManager): ClientInfo with camelCase PKCE flags, base64url client id with padding', async () => {
    seen.length = 0;
    reply = { status: 201, body: { client_id: 'ab', client_secret: 'x', client_name: 'n', grant_types: ['client_credentials'], redirect_uris: [], pkceMandatory: true } };
    const client = new KeyManagerClient(sandbox.ctx, km('ObKeyManager'), { username: 'admin', password: 'admin' });
    await client.create({ ...request, grantTypes: ['client_credentials'], callbackUrl: null, properties: { pkceMandatory: 'true', application_access_token_expiry_time: '3600' } });
    // AMDefaultKeyManagerImpl.createClientInfo sets redirect_uris only for a non-empty callback (Gson omits the null).
    assert.deepEqual(JSON.parse(seen[0]!.body), {
      client_name: request.clientName, application_display_name: 'TppApp', grant_types: ['client_credentials'],
      token_type_extension: 'JWT', ext_application_owner: 'tpp1', ext_application_token_lifetime: 3600,
      pkceMandatory: true, pkceSupportPlain: false, bypassClientCredentials: false,
    });
    reply = { status: 200, body: { client_id: 'ab', client_secret: 'new' } };
    assert.equal(await client.regenerateSecret('ab'), 'new');
    assert.equal(seen.at(-1)!.url, '/register/YWI=/regenerate-consumer-secret');
  });

  test('the application token: client_credentials with Basic client authentication; an error is the body\'s error_description', async () => {
    seen.length = 0;
    reply = { status: 200, body: { access_token: 'tok', scope: 'default', expires_in: 3600, token_type: 'Bearer' } };
    const client = new KeyManagerClient(sandbox.ctx, km('WSO2-IS-7'), { username: 'admin', password: 'admin' });
    assert.deepEqual(await client.token('cid', 'csecret', ['default']), { accessToken: 'tok', scopes: ['default'], validityTime: 3600 });
    assert.equal(seen[0]!.auth, `Basic ${Buffer.from('cid:csecret').toString('base64')}`);
    assert.equal(seen[0]!.body, 'grant_type=client_credentials&scope=default');
    reply = { status: 400, body: { error: 'invalid_scope', error_description: 'no such scope' } };
    await assert.rejects(client.token('cid', 'csecret', ['x']), (e: Error) => e instanceof KeyManagerCallError && e.message === 'no such scope');
  });
});
