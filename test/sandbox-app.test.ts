import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSandbox, type CreateSandboxOptions, type Sandbox } from '../mock-server/app.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';
import { FAULT_SWITCHES } from '../mock-server/faults.ts';
import { OB_DCR_GATEWAY_BASES, OB_DCR_IS_BASE } from '../mock-server/ob-dcr/ob-dcr-app.ts';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';

const URLS = { is: 'https://localhost:9446', apim: 'https://localhost:9443', gateway: 'https://localhost:8243' };
const ISSUER = 'https://localhost:9446/oauth2/token';
const DISCOVERY = '/oauth2/token/.well-known/openid-configuration';
const RFC8414_INSERTED = '/.well-known/oauth-authorization-server/oauth2/token';
const RFC8414_APPENDED = '/oauth2/token/.well-known/oauth-authorization-server';
const OB_DCR = '/open-banking/v3.3.0/register';
const CERT_HEADER = 'x-wso2-mutual-auth-cert';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

type Json = Record<string, unknown>;
type Jwk = Record<string, unknown>;

let pki: TestPki;
let caPem: string;
let tpp1Pem: string;
let untrustedPem: string;

before(async () => {
  pki = await ensureTestPki();
  caPem = readFileSync(pki.ca.cert, 'utf8');
  tpp1Pem = readFileSync(pki.tpp1.transportCert, 'utf8');
  untrustedPem = readFileSync(pki.untrusted.cert, 'utf8');
});

function open(overrides: ConfigOverrides = {}, extra: Partial<CreateSandboxOptions> = {}): Promise<Sandbox> {
  return createSandbox({ overrides: { database: ':memory:', ...overrides }, urls: URLS, log: () => {}, ...extra });
}

/** Create a sandbox, run `fn`, always close it. */
async function withSandbox<T>(overrides: ConfigOverrides, fn: (s: Sandbox) => Promise<T>, extra: Partial<CreateSandboxOptions> = {}): Promise<T> {
  const sandbox = await open(overrides, extra);
  try {
    return await fn(sandbox);
  } finally {
    sandbox.close();
  }
}

async function getJson(s: Sandbox, path: string): Promise<{ status: number; body: unknown; res: Response }> {
  const res = await s.apps.is.request(path);
  return { status: res.status, body: await res.json(), res };
}

async function assertJsonError(res: Response, status: number, expected: Json): Promise<void> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await res.json(), expected);
}

describe('the default sandbox (uk profile)', () => {
  let s: Sandbox;
  before(async () => {
    s = await open();
  });
  after(() => s.close());

  test('discovery: issuer, endpoints and caching', async () => {
    const { status, body, res } = await getJson(s, DISCOVERY);
    assert.equal(status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    const doc = body as Json;
    assert.equal(doc.issuer, ISSUER);
    assert.equal(doc.token_endpoint, 'https://localhost:9446/oauth2/token');
    assert.equal(doc.authorization_endpoint, 'https://localhost:9446/oauth2/authorize');
    assert.equal(doc.jwks_uri, 'https://localhost:9446/oauth2/jwks');
    assert.equal(doc.registration_endpoint, 'https://localhost:9446/api/identity/oauth2/dcr/v1.1/register');
    assert.equal(doc.introspection_endpoint, 'https://localhost:9446/oauth2/introspect');
    assert.equal(doc.revocation_endpoint, 'https://localhost:9446/oauth2/revoke');
    assert.equal(doc.userinfo_endpoint, 'https://localhost:9446/oauth2/userinfo');
    assert.equal(doc.tls_client_certificate_bound_access_tokens, true);
    for (const m of ['response_types_supported', 'subject_types_supported', 'id_token_signing_alg_values_supported']) {
      assert.ok(Array.isArray(doc[m]), m);
    }
    // Every published URL is on the IS listener.
    for (const [k, v] of Object.entries(doc)) {
      if (typeof v === 'string' && v.startsWith('https://')) assert.ok(v.startsWith(URLS.is), k);
    }
  });

  test('the RFC 8414 document in both forms carries the same issuer', async () => {
    for (const path of [RFC8414_INSERTED, RFC8414_APPENDED]) {
      const { status, body } = await getJson(s, path);
      assert.equal(status, 200, path);
      assert.equal((body as Json).issuer, ISSUER, path);
      assert.equal((body as Json).token_endpoint, 'https://localhost:9446/oauth2/token');
    }
  });

  test('discovery and JWKS are only on the IS listener', async () => {
    assert.equal((await s.apps.gateway.request(DISCOVERY)).status, 404);
    assert.equal((await s.apps.apim.request('/oauth2/jwks')).status, 404);
  });

  test('the uk profile lists only PS256/ES256 and no client secret methods', async () => {
    const doc = (await getJson(s, DISCOVERY)).body as Json;
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ['PS256', 'ES256']);
    assert.deepEqual(doc.request_object_signing_alg_values_supported, ['PS256', 'ES256']);
    assert.ok(!(doc.token_endpoint_auth_signing_alg_values_supported as string[]).includes('none'));
    const methods = doc.token_endpoint_auth_methods_supported as string[];
    assert.ok(!methods.includes('client_secret_basic'));
    assert.ok(!methods.includes('client_secret_post'));
    assert.ok(methods.includes('private_key_jwt'));
    assert.ok(methods.includes('tls_client_auth'));
  });

  test('JWKS: a key set with public members only, kid/use/alg on every key', async () => {
    const { status, body, res } = await getJson(s, '/oauth2/jwks');
    assert.equal(status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    const keys = (body as { keys: Jwk[] }).keys;
    assert.ok(Array.isArray(keys) && keys.length >= 2);
    assert.deepEqual(keys.map((k) => k.alg).sort(), ['ES256', 'PS256']);
    for (const k of keys) {
      assert.equal(typeof k.kid, 'string');
      assert.equal(k.use, 'sig');
      for (const m of PRIVATE_MEMBERS) assert.ok(!(m in k), `private member ${m} in ${String(k.kid)}`);
    }
    assert.equal(new Set(keys.map((k) => k.kid)).size, keys.length, 'distinct kids');
    assert.deepEqual(keys.map((k) => k.kid).sort(), s.ctx.keys.map((k) => k.kid).sort());
  });

  test('an oversized POST body is a 413 JSON error with connection: close (declared length)', async () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const res = await s.apps.is.request('/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) },
      body: big,
    });
    assert.equal(res.headers.get('connection'), 'close');
    await assertJsonError(res, 413, {
      error: 'invalid_request',
      error_description: 'Request body exceeds the limit of 65536 bytes',
    });
  });

  test('an oversized POST body is refused also without a content-length (streamed)', async () => {
    const res = await s.apps.gateway.request(OB_DCR, {
      method: 'POST',
      body: new Blob(['y'.repeat(200 * 1024)]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('connection'), 'close');
  });

  test('an oversized body on the apim listener is a 413 in the apim dialect', async () => {
    const big = 'z'.repeat(70 * 1024);
    const res = await s.apps.apim.request('/api/am/devportal/v3/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    assert.equal(res.headers.get('connection'), 'close');
    await assertJsonError(res, 413, {
      code: 413,
      message: 'Payload Too Large',
      description: 'Request body exceeds the limit of 65536 bytes',
      moreInfo: '',
      error: [],
    });
  });

  test('a body at the limit is not refused', async () => {
    const exact = 'x'.repeat(64 * 1024);
    const res = await s.apps.is.request('/oauth2/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(exact.length) },
      body: exact,
    });
    assert.notEqual(res.status, 413);
  });

  test('unknown routes are 404 JSON in each listener dialect', async () => {
    await assertJsonError(await s.apps.is.request('/no/such/resource'), 404, {
      error: 'not_found',
      error_description: 'No resource at GET /no/such/resource',
    });
    await assertJsonError(await s.apps.gateway.request('/no/such/resource'), 404, {
      error: 'not_found',
      error_description: 'No resource at GET /no/such/resource',
    });
    const res = await s.apps.apim.request('/no/such/resource');
    assert.equal(res.status, 404);
    const body = (await res.json()) as Json;
    assert.equal(body.code, 404);
    assert.equal(body.message, 'Not Found');
    assert.equal(body.description, 'No resource at GET /no/such/resource');
  });

  test('OB DCR without a TLS socket: 401 "Certificate not found in the request"', async () => {
    const expected = { error: 'unauthorized', error_description: 'Certificate not found in the request' };
    for (const base of OB_DCR_GATEWAY_BASES) {
      const res = await s.apps.gateway.request(base, { method: 'POST', headers: { 'content-type': 'application/jwt' }, body: 'x.y.z' });
      await assertJsonError(res, 401, expected);
      await assertJsonError(await s.apps.gateway.request(`${base}/some-client`), 401, expected);
    }
    await assertJsonError(await s.apps.is.request(OB_DCR_IS_BASE, { method: 'POST', body: 'x' }), 401, expected);
  });

  test('OB DCR: the proxy header is ignored while trustProxyHeader is off', async () => {
    const res = await s.apps.gateway.request(OB_DCR, { method: 'POST', headers: { [CERT_HEADER]: encodeURIComponent(tpp1Pem) } });
    await assertJsonError(res, 401, { error: 'unauthorized', error_description: 'Certificate not found in the request' });
  });

  test('scope management is served (no longer 501): admin Basic, then the scope list', async () => {
    const anonymous = await s.apps.is.request('/api/identity/oauth2/v1.0/scopes');
    assert.equal(anonymous.status, 401);
    const res = await s.apps.is.request('/api/identity/oauth2/v1.0/scopes', { headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(await res.json()));
  });
});

describe('profiles', () => {
  const discovery = (profile: 'uk' | 'cdr' | 'generic') =>
    withSandbox({ profile }, async (s) => (await getJson(s, DISCOVERY)).body as Json);

  test('generic lists RS256 and client_secret_basic; uk and cdr do not', async () => {
    const generic = await discovery('generic');
    assert.ok((generic.id_token_signing_alg_values_supported as string[]).includes('RS256'));
    assert.ok((generic.request_object_signing_alg_values_supported as string[]).includes('RS256'));
    assert.ok((generic.token_endpoint_auth_methods_supported as string[]).includes('client_secret_basic'));
    assert.ok((generic.token_endpoint_auth_methods_supported as string[]).includes('client_secret_post'));
    for (const profile of ['uk', 'cdr'] as const) {
      const doc = await discovery(profile);
      assert.ok(!(doc.id_token_signing_alg_values_supported as string[]).includes('RS256'), profile);
      assert.ok(!(doc.token_endpoint_auth_signing_alg_values_supported as string[]).includes('RS256'), profile);
      assert.ok(!(doc.token_endpoint_auth_methods_supported as string[]).includes('client_secret_basic'), profile);
    }
  });
});

describe('discovery and JWKS fault switches', () => {
  interface Docs {
    oidc: Json;
    rfc8414: Json;
    jwks: unknown;
  }
  /** What each switch must do to the published documents, per its description. */
  /** The keys of a JWK Set, or none when the document is not one (so checks fail by assertion). */
  const keysOf = (jwks: unknown): Jwk[] => {
    const keys = (jwks as { keys?: unknown } | null)?.keys;
    return Array.isArray(keys) ? (keys as Jwk[]) : [];
  };
  const CHECKS: Record<string, (d: Docs) => void> = {
    'discovery.issuer-mismatch': ({ oidc }) => {
      assert.equal(oidc.issuer, `${ISSUER}/`);
    },
    'discovery.missing-jwks-uri': ({ oidc }) => {
      assert.ok(!('jwks_uri' in oidc), "!('jwks_uri' in oidc)");
    },
    'discovery.alg-none': ({ oidc }) => {
      assert.ok((oidc.token_endpoint_auth_signing_alg_values_supported as string[]).includes('none'), "(oidc.token_endpoint_auth_signing_alg_values_supported as string[]).includes('none')");
    },
    'discovery.rs256-in-fapi': ({ oidc }) => {
      assert.ok((oidc.id_token_signing_alg_values_supported as string[]).includes('RS256'), "(oidc.id_token_signing_alg_values_supported as string[]).includes('RS256')");
      assert.ok((oidc.request_object_signing_alg_values_supported as string[]).includes('RS256'), "(oidc.request_object_signing_alg_values_supported as string[]).includes('RS256')");
    },
    'discovery.no-introspection': ({ oidc }) => {
      assert.ok(!('introspection_endpoint' in oidc), "!('introspection_endpoint' in oidc)");
      assert.ok(!('revocation_endpoint' in oidc), "!('revocation_endpoint' in oidc)");
    },
    'discovery.no-registration': ({ oidc }) => {
      assert.ok(!('registration_endpoint' in oidc), "!('registration_endpoint' in oidc)");
    },
    'discovery.oauth-metadata-missing-issuer': ({ oidc, rfc8414 }) => {
      assert.ok(!('issuer' in rfc8414), "!('issuer' in rfc8414)");
      assert.equal(oidc.issuer, ISSUER, 'the OIDC document keeps its issuer');
    },
    'discovery.pkce-plain-in-fapi': ({ oidc }) => {
      assert.ok((oidc.code_challenge_methods_supported as string[]).includes('plain'), "code_challenge_methods_supported includes 'plain'");
    },
    'discovery.omit-accepted-auth-method': ({ oidc }) => {
      const methods = oidc.token_endpoint_auth_methods_supported as string[];
      assert.ok(methods.includes('private_key_jwt') && !methods.includes('self_signed_tls_client_auth'), "private_key_jwt listed, self_signed_tls_client_auth left out");
    },
    'discovery.omit-served-grant': ({ oidc }) => {
      const grants = oidc.grant_types_supported as string[];
      assert.ok(grants.includes('authorization_code') && !grants.includes('client_credentials') && !grants.includes('refresh_token'), 'authorization_code listed, client_credentials and refresh_token left out');
    },
    'discovery.request-uri-unsaid': ({ oidc }) => {
      assert.ok(!('request_uri_parameter_supported' in oidc), "!('request_uri_parameter_supported' in oidc)");
    },
    'discovery.deny-request-objects': ({ oidc }) => {
      assert.equal(oidc.request_parameter_supported, false);
    },
    'discovery.no-bound-token-support': ({ oidc }) => {
      assert.ok(!('tls_client_certificate_bound_access_tokens' in oidc), "!('tls_client_certificate_bound_access_tokens' in oidc)");
    },
    'jwks.private-members': ({ jwks }) => {
      const keys = keysOf(jwks);
      assert.ok(keys.some((k) => 'd' in k), "keys.some((k) => 'd' in k)");
      const rsa = keys.find((k) => k.kty === 'RSA') ?? {};
      for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.ok(m in rsa, m);
    },
    'jwks.duplicate-kid': ({ jwks }) => {
      const keys = keysOf(jwks);
      assert.ok(new Set(keys.map((k) => k.kid)).size < keys.length, 'new Set(keys.map((k) => k.kid)).size < keys.length');
    },
    'jwks.missing-use': ({ jwks }) => {
      const keys = keysOf(jwks);
      assert.ok(keys.length > 0 && keys.every((k) => !('use' in k)), "keys.length > 0 && keys.every((k) => !('use' in k))");
    },
    'jwks.not-a-key-set': ({ jwks }) => {
      assert.ok(Array.isArray(jwks), 'Array.isArray(jwks)');
      assert.ok((jwks as Jwk[]).every((k) => typeof k.kid === 'string'), "(jwks as Jwk[]).every((k) => typeof k.kid === 'string')");
    },
  };

  const docsOf = async (s: Sandbox): Promise<Docs> => ({
    oidc: (await getJson(s, DISCOVERY)).body as Json,
    rfc8414: (await getJson(s, RFC8414_INSERTED)).body as Json,
    jwks: (await getJson(s, '/oauth2/jwks')).body,
  });

  const affectingDocs = FAULT_SWITCHES.filter((f) => f.name.startsWith('discovery.') || f.name.startsWith('jwks.'));

  test('every discovery/JWKS switch has a check here', () => {
    assert.ok(affectingDocs.length > 0);
    assert.deepEqual(affectingDocs.map((f) => f.name).filter((n) => !(n in CHECKS)), []);
    assert.deepEqual(Object.keys(CHECKS).filter((n) => !affectingDocs.some((f) => f.name === n)), [], 'no check for a removed switch');
  });

  let baseline: Docs;
  before(async () => {
    baseline = await withSandbox({}, docsOf);
  });

  test('with no switch on, no check passes (each check detects its fault)', () => {
    for (const [name, check] of Object.entries(CHECKS)) {
      assert.throws(() => check(baseline), assert.AssertionError, `${name} check passes without the switch`);
    }
  });

  for (const fault of affectingDocs) {
    test(`${fault.name}: ${fault.description}`, async () => {
      const docs = await withSandbox({ faults: [fault.name] }, async (s) => {
        assert.deepEqual(s.ctx.faults.list(), [fault.name]);
        return docsOf(s);
      });
      CHECKS[fault.name]!(docs);
      // Only that switch's change: the other checks still fail.
      for (const [other, check] of Object.entries(CHECKS)) {
        if (other === fault.name) continue;
        assert.throws(() => check(docs), assert.AssertionError, `${fault.name} also triggers ${other}`);
      }
    });
  }
});

describe('mTLS through a trusted proxy header', () => {
  let s: Sandbox;
  before(async () => {
    s = await open({ mtls: { trustProxyHeader: true } }, { trustedCaPems: [caPem] });
  });
  after(() => s.close());

  const post = (value: string | undefined, path = OB_DCR, app: 'gateway' | 'is' = 'gateway') =>
    s.apps[app].request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/jwt', ...(value === undefined ? {} : { [CERT_HEADER]: value }) },
      body: 'x.y.z',
    });

  test('the tpp1 certificate passes the mTLS gate (the body is then refused as a malformed JWT)', async () => {
    const malformed = { error: 'invalid_request', error_description: 'Provided jwt is malformed and cannot be decoded' };
    for (const value of [encodeURIComponent(tpp1Pem), tpp1Pem.trim().split('\n').join(' ')]) {
      await assertJsonError(await post(value), 400, malformed);
    }
    await assertJsonError(await post(encodeURIComponent(tpp1Pem), OB_DCR_IS_BASE, 'is'), 400, malformed);
    await assertJsonError(await post(encodeURIComponent(tpp1Pem), '/open-banking/0.1/register'), 400, malformed);
  });

  test('management operations pass the gate too (then need a bearer token)', async () => {
    const res = await s.apps.gateway.request(`${OB_DCR}/abc`, { headers: { [CERT_HEADER]: encodeURIComponent(tpp1Pem) } });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: Json }).error.code, '900902');
  });

  test('the untrusted certificate is refused with 401', async () => {
    await assertJsonError(await post(encodeURIComponent(untrustedPem)), 401, {
      error: 'unauthorized',
      error_description: 'Invalid client certificate: certificate is not issued by a trusted certificate authority',
    });
  });

  test('an unparsable header is refused with 401', async () => {
    await assertJsonError(await post('garbage!'), 401, {
      error: 'unauthorized',
      error_description: 'Error parsing the certificate from the header',
    });
  });

  test('no header and no TLS socket is still refused', async () => {
    await assertJsonError(await post(undefined), 401, {
      error: 'unauthorized',
      error_description: 'Certificate not found in the request',
    });
  });

  test('an expired certificate is refused (clock far in the future)', async () => {
    const expiry = Date.parse(new (await import('node:crypto')).X509Certificate(tpp1Pem).validTo);
    const future = { now: () => expiry + 86_400_000, nowSeconds: () => Math.floor((expiry + 86_400_000) / 1000) };
    await withSandbox(
      { mtls: { trustProxyHeader: true } },
      async (expired) => {
        const res = await expired.apps.gateway.request(OB_DCR, { method: 'POST', headers: { [CERT_HEADER]: encodeURIComponent(tpp1Pem) } });
        await assertJsonError(res, 401, { error: 'unauthorized', error_description: 'Invalid client certificate: certificate has expired' });
      },
      { trustedCaPems: [caPem], clock: future },
    );
  });
});

describe('transport fault switches', () => {
  test('mtls.accept-missing-certificate lets a request without a certificate through', async () => {
    await withSandbox({ faults: ['mtls.accept-missing-certificate'] }, async (s) => {
      assert.equal((await s.apps.gateway.request(OB_DCR, { method: 'POST', headers: { 'content-type': 'application/jwt' }, body: 'x.y.z' })).status, 400);
    });
  });

  test('mtls.accept-untrusted-ca lets the untrusted certificate through', async () => {
    await withSandbox(
      { faults: ['mtls.accept-untrusted-ca'], mtls: { trustProxyHeader: true } },
      async (s) => {
        const res = await s.apps.gateway.request(OB_DCR, {
          method: 'POST',
          headers: { [CERT_HEADER]: encodeURIComponent(untrustedPem), 'content-type': 'application/jwt' },
          body: 'x.y.z',
        });
        assert.equal(res.status, 400);
        // A missing certificate is still refused.
        assert.equal((await s.apps.gateway.request(OB_DCR, { method: 'POST' })).status, 401);
      },
      { trustedCaPems: [caPem] },
    );
  });

  test('limits.no-body-limit lets an oversized body reach the handler', async () => {
    await withSandbox({ faults: ['limits.no-body-limit'] }, async (s) => {
      const big = 'x'.repeat(100 * 1024);
      const res = await s.apps.is.request('/oauth2/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) },
        body: big,
      });
      // The token handler itself answers (no grant_type), not the 413 guard.
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as Json).error, 'invalid_request');
    });
  });

  test('errors.html-not-found answers unknown routes with HTML', async () => {
    await withSandbox({ faults: ['errors.html-not-found'] }, async (s) => {
      for (const app of [s.apps.is, s.apps.apim, s.apps.gateway]) {
        const res = await app.request('/no/such/resource');
        assert.equal(res.status, 404);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      }
    });
  });
});

describe('limits', () => {
  test('maxBodyBytes is configurable', async () => {
    await withSandbox({ limits: { maxBodyBytes: 2048 } }, async (s) => {
      const body = 'x'.repeat(2049);
      const res = await s.apps.is.request('/oauth2/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
        body,
      });
      await assertJsonError(res, 413, { error: 'invalid_request', error_description: 'Request body exceeds the limit of 2048 bytes' });
    });
  });
});

describe('createSandbox', () => {
  test('rejects an unknown fault switch in the overrides', async () => {
    await assert.rejects(open({ faults: ['no.such-switch'] }), /unknown fault switch/);
  });

  test('default URLs follow host and ports when none are given', async () => {
    const s = await createSandbox({ overrides: { database: ':memory:', host: 'sandbox.test', ports: { is: 1001 } }, log: () => {} });
    try {
      assert.deepEqual(s.ctx.urls, { is: 'https://sandbox.test:1001', apim: 'https://sandbox.test:9443', gateway: 'https://sandbox.test:8243' });
      assert.equal(((await getJson(s, DISCOVERY)).body as Json).issuer, 'https://sandbox.test:1001/oauth2/token');
    } finally {
      s.close();
    }
  });

  test('close() is idempotent', async () => {
    const s = await open();
    s.close();
    s.close();
    assert.equal(s.ctx.store.db.open, false);
  });
});
