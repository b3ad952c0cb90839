import { readFileSync } from 'node:fs';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';
import { ensureTestPki, subjectDnOf, type TestPki } from '../pki/test-pki.ts';
import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { buildAssertion, jwksFor } from '../steps/support/client-assertion.ts';
import { ensureTestIdp, publicJwkOf } from '../pki/test-idp.ts';

/** Shared set-up of the token service tests: an in-memory sandbox called through Hono's request(). */
export const URLS = { is: 'https://localhost:9446', apim: 'https://localhost:9443', gateway: 'https://localhost:8243' };
export const TOKEN = `${URLS.is}/oauth2/token`;
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CERT_HEADER = 'x-wso2-mutual-auth-cert';

export interface Harness {
  sandbox: Sandbox;
  pki: TestPki;
  logs: string[];
  register(metadata: Record<string, unknown>): Promise<{ client_id: string; client_secret?: string }>;
  post(path: string, form: Record<string, string>, opts?: { headers?: Record<string, string>; cert?: 'tpp1' | 'tpp2' }): Promise<Response>;
  assertion(clientId: string, opts?: Parameters<typeof buildAssertion>[0] extends infer O ? Partial<O> : never): Promise<string>;
  /** A jwt-bearer grant assertion for `subject` from the test identity provider the sandbox trusts (RFC 7521 §5.2). */
  grantAssertion(subject: string, claims?: Record<string, unknown>): Promise<string>;
  tokenRows(): number;
  close(): void;
}

let counter = 0;

/** The proxy header stands in for the TLS socket (config mtls.trustProxyHeader), so app.request() can carry a certificate. */
export async function harness(overrides: ConfigOverrides = {}): Promise<Harness> {
  const pki = await ensureTestPki();
  const logs: string[] = [];
  const sandbox = await createSandbox({
    overrides: { database: ':memory:', mtls: { trustProxyHeader: true }, ...overrides },
    urls: URLS,
    trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')],
    log: (m) => logs.push(m),
  });
  const admin = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
  return {
    sandbox,
    pki,
    logs,
    async register(metadata) {
      const res = await sandbox.apps.is.request('/api/identity/oauth2/dcr/v1.1/register', {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: `test-${++counter}`, ...metadata }),
      });
      if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { client_id: string; client_secret?: string };
    },
    post(path, form, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers };
      if (opts.cert) headers[CERT_HEADER] = encodeURIComponent(readFileSync(pki[opts.cert].transportCert, 'utf8'));
      return Promise.resolve(sandbox.apps.is.request(path, { method: 'POST', headers, body: new URLSearchParams(form).toString() }));
    },
    assertion(clientId, opts = {}) {
      return buildAssertion({ clientId, audience: TOKEN, ...opts });
    },
    async grantAssertion(subject, claims = {}) {
      const idp = await ensureTestIdp();
      const key = { privateKey: createPrivateKey({ key: idp.privateJwk as JsonWebKey, format: 'jwk' }), jwk: publicJwkOf(idp.privateJwk), alg: 'PS256' as const };
      return buildAssertion({ clientId: idp.issuer, subject, audience: TOKEN, key, claims });
    },
    tokenRows() {
      return (sandbox.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }).n;
    },
    close() {
      sandbox.close();
    },
  };
}

export async function pkjwtMetadata(signer: 'tpp1' | 'tpp2' = 'tpp1', extra: Record<string, unknown> = {}) {
  return {
    grant_types: ['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'PS256',
    jwks: await jwksFor(signer),
    ...extra,
  };
}

export function transportDn(pki: TestPki, who: 'tpp1' | 'tpp2'): string {
  return subjectDnOf(readFileSync(pki[who].transportCert, 'utf8'));
}
