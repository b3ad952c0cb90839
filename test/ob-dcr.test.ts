import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';
import { signJwt, softwareStatementClaims, type SsaFlavour } from '../pki/software-statements.ts';
import { registrationRequestClaims } from '../pki/registration-request.ts';
import { directorySigningKey, testSoftwareProducts, tppSigningKey } from '../pki/software-products.ts';

const URLS = { is: 'https://localhost:9446', apim: 'https://localhost:9443', gateway: 'https://localhost:8243' };
const ISSUER = `${URLS.is}/oauth2/token`;
const REGISTER = '/open-banking/v3.3.0/register';
const CERT = 'x-wso2-mutual-auth-cert';
const DIRECTORY = `${URLS.is}/test-directory`;
type Tpp = 'tpp1' | 'tpp2';
type Json = Record<string, unknown>;

let pki: TestPki;
before(async () => {
  pki = await ensureTestPki();
});

async function open(overrides: ConfigOverrides = {}): Promise<Sandbox> {
  return createSandbox({
    overrides: { database: ':memory:', mtls: { trustProxyHeader: true }, ...overrides },
    urls: URLS,
    trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')],
    log: () => {},
  });
}

const now = () => Math.floor(Date.now() / 1000);
const cert = (who: Tpp) => encodeURIComponent(readFileSync(pki[who].transportCert, 'utf8'));

async function ssaFor(who: Tpp, flavour: SsaFlavour, change: (c: Json) => void = () => {}, key = directorySigningKey(pki)): Promise<string> {
  const claims = softwareStatementClaims(flavour, testSoftwareProducts(pki, DIRECTORY, flavour)[who], { iat: now(), jti: randomUUID(), exp: now() + 600 });
  change(claims);
  return signJwt(claims, key);
}

async function requestFor(who: Tpp, flavour: SsaFlavour, opts: { ssa?: string; change?: (c: Json) => void; signer?: Tpp } = {}): Promise<string> {
  const product = testSoftwareProducts(pki, DIRECTORY, flavour)[who];
  const ssa = opts.ssa ?? (await ssaFor(who, flavour));
  const claims = registrationRequestClaims(flavour, product, ssa, { aud: ISSUER, iat: now(), jti: randomUUID() });
  opts.change?.(claims);
  return signJwt(claims, tppSigningKey(pki[opts.signer ?? who]));
}

function register(s: Sandbox, body: string, opts: { who?: Tpp | null; type?: string; path?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'application/jwt' };
  if (opts.who !== null) headers[CERT] = cert(opts.who ?? 'tpp1');
  return s.apps.gateway.request(opts.path ?? REGISTER, { method: 'POST', headers, body });
}

const clientRows = (s: Sandbox) => (s.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
const jtiRows = (s: Sandbox) => (s.ctx.store.db.prepare("SELECT COUNT(*) AS n FROM used_jtis WHERE namespace = 'ob-dcr:registration'").get() as { n: number }).n;

async function expectError(res: Response, status: number, error: string, description?: string) {
  assert.equal(res.status, status, await res.clone().text());
  const body = (await res.json()) as Json;
  assert.equal(body.error, error);
  if (description !== undefined) assert.equal(body.error_description, description);
}

async function token(s: Sandbox, clientId: string, who: Tpp, scope: string): Promise<string> {
  const assertion = await signJwt(
    { iss: clientId, sub: clientId, aud: ISSUER, iat: now(), exp: now() + 300, jti: randomUUID() },
    tppSigningKey(pki[who]),
  );
  const res = await s.apps.is.request('/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', [CERT]: cert(who) },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      client_id: clientId,
    }).toString(),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { access_token: string }).access_token;
}

function manage(s: Sandbox, method: string, clientId: string, opts: { bearer?: string; who?: Tpp; body?: string; path?: string } = {}) {
  const headers: Record<string, string> = { [CERT]: cert(opts.who ?? 'tpp1') };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.body) headers['content-type'] = 'application/jwt';
  const app = opts.path?.startsWith('/api/') ? s.apps.is : s.apps.gateway;
  return app.request(`${opts.path ?? REGISTER}/${clientId}`, { method, headers, ...(opts.body ? { body: opts.body } : {}) });
}

describe('OB DCR, UK profile', () => {
  let s: Sandbox;
  before(async () => {
    s = await open();
  });
  after(() => s.close());

  test('register, token, retrieve, update, delete (seed 004 flow)', async () => {
    const res = await register(s, await requestFor('tpp1', 'uk'));
    assert.equal(res.status, 201, await res.clone().text());
    const body = (await res.json()) as Json;
    assert.equal(typeof body.client_id_issued_at, 'string');
    assert.equal(body.software_id, pki.tpp1.softwareId);
    assert.deepEqual(body.response_types, ['code id_token']);
    assert.equal(body.token_endpoint_auth_method, 'private_key_jwt');
    for (const k of ['client_id', 'redirect_uris', 'grant_types', 'application_type', 'id_token_signed_response_alg', 'request_object_signing_alg', 'scope', 'software_statement']) {
      assert.ok(k in body, k);
    }
    const clientId = body.client_id as string;
    const access = await token(s, clientId, 'tpp1', 'accounts openid');

    const got = await manage(s, 'GET', clientId, { bearer: access });
    assert.equal(got.status, 200);
    assert.equal(((await got.json()) as Json).client_id, clientId);

    const put = await manage(s, 'PUT', clientId, { bearer: access, body: await requestFor('tpp1', 'uk', { change: (c) => { c.scope = 'accounts payments'; } }) });
    assert.equal(put.status, 200, await put.clone().text());
    assert.equal(((await put.json()) as Json).scope, 'accounts payments');

    const del = await manage(s, 'DELETE', clientId, { bearer: access });
    assert.equal(del.status, 204);
    const after = await manage(s, 'GET', clientId, { bearer: access });
    assert.equal(after.status, 401);
    assert.equal(((await after.json()) as { error: Json }).error.code, '900901');
  });

  test('a second registration of the same software_id is the product duplicate-name 400', async () => {
    const first = await register(s, await requestFor('tpp2', 'uk'), { who: 'tpp2' });
    assert.equal(first.status, 201);
    const rows = clientRows(s);
    await expectError(await register(s, await requestFor('tpp2', 'uk'), { who: 'tpp2' }), 400, 'invalid_client_metadata',
      `Application with the name ${pki.tpp2.softwareId} already exist in the system`);
    assert.equal(clientRows(s), rows);
  });
});

describe('OB DCR validation (each check its own error, nothing written)', () => {
  let s: Sandbox;
  before(async () => {
    s = await open();
  });
  after(() => s.close());

  const refused = async (res: Response | Promise<Response>, status: number, error: string, description?: string) => {
    const rows = [clientRows(s), jtiRows(s)];
    await expectError(await res, status, error, description);
    assert.deepEqual([clientRows(s), jtiRows(s)], rows);
  };

  test('content type, empty, not a JWS, JSON body', async () => {
    await refused(register(s, await requestFor('tpp1', 'uk'), { type: 'application/json' }), 415, 'invalid_request');
    await refused(register(s, ''), 400, 'invalid_request', 'Request payload is empty or not present.');
    await refused(register(s, 'not a jws'), 400, 'invalid_request', 'Provided jwt is malformed and cannot be decoded');
    await refused(register(s, '{"software_statement":"x"}'), 400, 'invalid_request', 'Provided jwt is malformed and cannot be decoded');
  });

  test('SSA: missing, garbage, untrusted key, untrusted issuer, expired', async () => {
    await refused(register(s, await requestFor('tpp1', 'uk', { change: (c) => { delete c.software_statement; } })), 400, 'invalid_software_statement',
      'Required parameter software statement cannot be null');
    await refused(register(s, await requestFor('tpp1', 'uk', { ssa: 'garbage' })), 400, 'invalid_software_statement', 'Malformed Software Statement JWT found');
    const selfSigned = await ssaFor('tpp1', 'uk', () => {}, tppSigningKey(pki.tpp1));
    await refused(register(s, await requestFor('tpp1', 'uk', { ssa: selfSigned })), 400, 'invalid_software_statement',
      'Signature validation failed for the software statement');
    const otherIssuer = await ssaFor('tpp1', 'uk', (c) => { c.iss = 'Someone Else'; });
    await refused(register(s, await requestFor('tpp1', 'uk', { ssa: otherIssuer })), 400, 'unapproved_software_statement', 'Invalid issuer in software statement');
    const expired = await ssaFor('tpp1', 'uk', (c) => { c.exp = now() - 3600; });
    await refused(register(s, await requestFor('tpp1', 'uk', { ssa: expired })), 400, 'invalid_software_statement', 'Software statement has expired');
  });

  test('request: wrong key, iss, aud, exp, iat, jti', async () => {
    await refused(register(s, await requestFor('tpp1', 'uk', { signer: 'tpp2' })), 400, 'invalid_request');
    await refused(register(s, await requestFor('tpp1', 'uk', { change: (c) => { c.iss = 'someone'; } })), 400, 'invalid_client_metadata',
      'Invalid issuer, issuer should be the same as the software id');
    await refused(register(s, await requestFor('tpp1', 'uk', { change: (c) => { c.aud = 'https://elsewhere.example.com'; } })), 400, 'invalid_client_metadata');
    await refused(register(s, await requestFor('tpp1', 'uk', { change: (c) => { c.exp = now() - 3600; } })), 400, 'invalid_client_metadata', 'Registration request has expired');
    await refused(register(s, await requestFor('tpp1', 'uk', { change: (c) => { delete c.iat; } })), 400, 'invalid_client_metadata', 'Required parameter iat not found in the request');
    await refused(register(s, await requestFor('tpp1', 'uk', { change: (c) => { delete c.jti; } })), 400, 'invalid_client_metadata', 'Required parameter jti not found in the request');
  });

  test('metadata: redirect URIs, auth method, algorithms, grants, scope, organisation', async () => {
    const bad = (change: (c: Json) => void) => requestFor('tpp1', 'uk', { change });
    await refused(register(s, await bad((c) => { c.redirect_uris = ['https://evil.example.com/cb']; })), 400, 'invalid_redirect_uri',
      'Redirect URIs do not match with the software statement');
    await refused(register(s, await bad((c) => { c.redirect_uris = ['http://localhost/cb']; })), 400, 'invalid_redirect_uri', 'Invalid redirect_uris found in the Request');
    await refused(register(s, await bad((c) => { c.token_endpoint_auth_method = 'client_secret_basic'; })), 400, 'invalid_client_metadata',
      'Invalid token endpoint authentication method requested.');
    await refused(register(s, await bad((c) => { c.id_token_signed_response_alg = 'RS256'; })), 400, 'invalid_client_metadata', 'Invalid signature algorithm requested');
    await refused(register(s, await bad((c) => { c.grant_types = ['password']; })), 400, 'invalid_client_metadata', 'Invalid grantTypes provided');
    await refused(register(s, await bad((c) => { c.scope = 'accounts admin'; })), 400, 'invalid_client_metadata', 'Invalid scope provided');
    await refused(register(s, await requestFor('tpp1', 'uk'), { who: 'tpp2' }), 400, 'invalid_client_metadata',
      'The transport certificate does not belong to the organisation of the software statement');
  });

  test('a replayed jti is refused; the jti is recorded only with the client', async () => {
    const body = await requestFor('tpp1', 'uk');
    assert.equal((await register(s, body)).status, 201);
    await refused(register(s, body), 400, 'invalid_client_metadata', 'Rejected the replayed jti in the registration request');
  });
});

describe('OB DCR, CDR profile and management errors', () => {
  let s: Sandbox;
  before(async () => {
    s = await open({ profile: 'cdr' });
  });
  after(() => s.close());

  test('CDR register, cdr:registration token, cross-TPP token and unknown id are 401', async () => {
    await expectError(await register(s, await requestFor('tpp1', 'cdr'), { type: 'application/jose' }), 415, 'invalid_request');
    const res = await register(s, await requestFor('tpp1', 'cdr'));
    assert.equal(res.status, 201, await res.clone().text());
    const clientId = ((await res.json()) as Json).client_id as string;
    const other = await register(s, await requestFor('tpp2', 'cdr'), { who: 'tpp2' });
    const otherId = ((await other.json()) as Json).client_id as string;

    const noScope = await token(s, clientId, 'tpp1', 'bank:accounts.basic:read');
    assert.equal((await manage(s, 'GET', clientId, { bearer: noScope })).status, 403);
    const access = await token(s, clientId, 'tpp1', 'cdr:registration');
    assert.equal((await manage(s, 'GET', clientId, { bearer: access })).status, 200);

    const tpp2Token = await token(s, otherId, 'tpp2', 'cdr:registration');
    await expectError(await manage(s, 'GET', clientId, { bearer: tpp2Token, who: 'tpp2' }), 401, 'unauthorized', 'Token is not bound to the client id sent in the request');
    // DCR-MGT-06: the token used on a client that is not its own is revoked.
    assert.equal((await manage(s, 'GET', otherId, { bearer: tpp2Token, who: 'tpp2' })).status, 401);

    const missing = await manage(s, 'GET', clientId);
    assert.equal(missing.status, 401);
    assert.equal(((await missing.json()) as { error: Json }).error.code, '900902');
    const isPath = await manage(s, 'GET', 'unknown', { bearer: access, path: '/api/openbanking/dynamic-client-registration/register' });
    await expectError(isPath, 401, 'unauthorized');
  });
});

describe('test directory', () => {
  let s: Sandbox;
  before(async () => {
    s = await open();
  });
  after(() => s.close());

  test('serves JWKS and issues SSAs the sandbox accepts', async () => {
    const jwks = (await (await s.apps.is.request('/test-directory/jwks')).json()) as { keys: Json[] };
    assert.equal(jwks.keys[0]?.kid, pki.directory.kid);
    assert.ok(jwks.keys.every((k) => !('d' in k)));
    const soft = (await (await s.apps.is.request(`/test-directory/software/${pki.tpp1.softwareId}/jwks`)).json()) as { keys: Json[] };
    assert.equal(soft.keys[0]?.kid, pki.tpp1.signingKid);
    assert.equal((await s.apps.is.request('/test-directory/software/unknown/jwks')).status, 404);

    const issued = await s.apps.is.request('/test-directory/software-statements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CERT]: cert('tpp1') },
      body: JSON.stringify({ software_id: 'NewSoftware01', org_id: pki.tpp1.orgId }),
    });
    assert.equal(issued.status, 201);
    const out = (await issued.json()) as Json;
    assert.equal(out.software_id, 'NewSoftware01');
    const product = { ...testSoftwareProducts(pki, DIRECTORY).tpp1, softwareId: 'NewSoftware01', jwksUri: out.software_jwks_endpoint as string };
    const req = await signJwt(registrationRequestClaims('uk', product, out.software_statement as string, { aud: ISSUER, iat: now(), jti: randomUUID() }), tppSigningKey(pki.tpp1));
    const res = await register(s, req);
    assert.equal(res.status, 201, await res.clone().text());
  });
});

describe("another organisation's certificate (issue 16 point 2, WSO2-TOK-08)", () => {
  let s: Sandbox;
  before(async () => {
    s = await open();
  });
  after(() => s.close());

  /** TPP 1's client assertion (leaked, unused) sent by TPP 2 over TPP 2's transport certificate. */
  async function tokenRequest(clientId: string, signer: Tpp, over: Tpp, form: Record<string, string>) {
    const assertion = await signJwt({ iss: clientId, sub: clientId, aud: ISSUER, iat: now(), exp: now() + 300, jti: randomUUID() }, tppSigningKey(pki[signer]));
    return s.apps.is.request('/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [CERT]: cert(over) },
      body: new URLSearchParams({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, client_id: clientId, ...form }).toString(),
    });
  }

  test("a leaked assertion of TPP 1's client over TPP 2's certificate gets no token", async () => {
    const res = await register(s, await requestFor('tpp1', 'uk'));
    const clientId = ((await res.json()) as Json).client_id as string;
    const stolen = await tokenRequest(clientId, 'tpp1', 'tpp2', { grant_type: 'client_credentials' });
    await expectError(stolen, 401, 'invalid_client', 'Client Authentication failed.');
    const own = await tokenRequest(clientId, 'tpp1', 'tpp1', { grant_type: 'client_credentials' });
    assert.equal(own.status, 200);
  });

  test("the registration is not managed over another organisation's certificate, and the token used is revoked", async () => {
    const s2 = await open();
    try {
      const res = await register(s2, await requestFor('tpp1', 'uk'));
      const clientId = ((await res.json()) as Json).client_id as string;
      const access = await token(s2, clientId, 'tpp1', 'accounts');
      // A token bound to TPP 2's certificate cannot be had any more; the check holds on its own too.
      const row = s2.ctx.store.db.prepare('SELECT id FROM tokens WHERE client_id = ?').get(clientId) as { id: string };
      const tpp2Thumb = createHash('sha256').update(new X509Certificate(readFileSync(pki.tpp2.transportCert)).raw).digest('base64url');
      s2.ctx.store.db.prepare('UPDATE tokens SET cnf_x5t = ? WHERE id = ?').run(tpp2Thumb, row.id);
      for (const method of ['GET', 'DELETE']) {
        const refused = await manage(s2, method, clientId, { bearer: access, who: 'tpp2' });
        assert.equal(refused.status, 401, `${method}: ${await refused.clone().text()}`);
      }
      assert.ok(s2.ctx.store.clients.get(clientId), 'the registration is still there');
    } finally {
      s2.close();
    }
  });
});

describe('test directory: who may create software (issue 16 point 8)', () => {
  const issue = (s: Sandbox, softwareId: string, orgId: string, who?: Tpp) => s.apps.is.request('/test-directory/software-statements', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who ? { [CERT]: cert(who) } : {}) },
    body: JSON.stringify({ software_id: softwareId, org_id: orgId }),
  });
  const softwareRows = (s: Sandbox) => (s.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM directory_software').get() as { n: number }).n;

  test("a new software id needs its organisation's transport certificate, and nothing is written otherwise", async () => {
    const s = await open();
    try {
      await expectError(await issue(s, 'Anonymous01', pki.tpp1.orgId), 401, 'unauthorized');
      await expectError(await issue(s, 'OtherOrg01', pki.tpp1.orgId, 'tpp2'), 403, 'forbidden');
      assert.equal(softwareRows(s), 0);
      assert.equal((await issue(s, 'Own01', pki.tpp1.orgId, 'tpp1')).status, 201);
      // A known software id (the TPP's own) is issued an SSA without creating anything.
      const known = await s.apps.is.request('/test-directory/software-statements', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ software_id: pki.tpp1.softwareId }),
      });
      assert.equal(known.status, 201);
      assert.equal(softwareRows(s), 1);
    } finally {
      s.close();
    }
  });

  test('an organisation gets at most obDcr.maxSoftwarePerOrganisation further software ids', async () => {
    const s = await open({ obDcr: { maxSoftwarePerOrganisation: 2 } });
    try {
      assert.equal((await issue(s, 'Limit01', pki.tpp1.orgId, 'tpp1')).status, 201);
      assert.equal((await issue(s, 'Limit02', pki.tpp1.orgId, 'tpp1')).status, 201);
      await expectError(await issue(s, 'Limit03', pki.tpp1.orgId, 'tpp1'), 400, 'invalid_request');
      // Asking again for one it has is not a new one.
      assert.equal((await issue(s, 'Limit01', pki.tpp1.orgId, 'tpp1')).status, 201);
      assert.equal(softwareRows(s), 2);
    } finally {
      s.close();
    }
  });

  test('no answer names a file path of the host', async () => {
    const s = await open();
    try {
      const res = await issue(s, 'Paths01', pki.tpp1.orgId, 'tpp1');
      const text = await res.text();
      assert.equal(res.status, 201);
      assert.ok(!text.includes(pki.tpp1.signingKey) && !text.includes('.key') && !/"\/[^"]*"/.test(text), text);
      assert.equal((JSON.parse(text) as Json).test_tpp, 'tpp1');
    } finally {
      s.close();
    }
  });
});
