/**
 * The bench's reference server: panva's oidc-provider (a devDependency) over HTTPS with mutual TLS,
 * configured for the bench's two calls only: client_credentials with private_key_jwt (PS256) and
 * certificate-bound access tokens (RFC 8705), and introspection by a client_secret_basic client.
 * Access tokens are PS256 JWTs through the resource indicators feature (`accessTokenFormat: 'jwt'`)
 * or opaque references (`--format opaque`). Run as a child of bench/compare.ts; it answers on IPC
 * with its issuer once it listens.
 *
 *   npx tsx bench/oidc-provider-server.ts --port 18446 --format jwt|opaque
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import { ensureTestPki } from '../pki/test-pki.ts';
import { jwksFor } from '../steps/support/client-assertion.ts';

import { BENCH_CLIENT, INTROSPECTOR } from './oidc-provider-clients.ts';

const RESOURCE = 'urn:bench:accounts';

interface Ctx { req: { socket: TLSSocket } }
type ProviderClass = new (issuer: string, config: Record<string, unknown>) => { callback(): (req: unknown, res: unknown) => void; proxy: boolean };

const { values } = parseArgs({ options: { port: { type: 'string' }, format: { type: 'string', default: 'jwt' } } });
const format = values.format === 'opaque' ? 'opaque' : 'jwt';
const port = Number(values.port ?? 18446);
const pki = await ensureTestPki();
const issuer = `https://localhost:${port}`;
const { privateKey } = await generateKeyPair('PS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), alg: 'PS256', use: 'sig', kid: 'bench-ps256' };
// Loaded by name so that its (untyped) API does not enter the project's type check.
const { default: Provider } = (await import('oidc-provider' as string)) as { default: ProviderClass };

const provider = new Provider(issuer, {
  jwks: { keys: [signingKey] },
  scopes: ['accounts'],
  clients: [
    {
      client_id: BENCH_CLIENT, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'accounts',
      token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: await jwksFor('tpp1'),
      tls_client_certificate_bound_access_tokens: true,
      // Its only signing key is PS256; the default RS256 would be refused.
      id_token_signed_response_alg: 'PS256',
    },
    {
      client_id: INTROSPECTOR.id, client_secret: INTROSPECTOR.secret, token_endpoint_auth_method: 'client_secret_basic',
      grant_types: [], response_types: [], redirect_uris: [], id_token_signed_response_alg: 'PS256',
    },
  ],
  features: {
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    devInteractions: { enabled: false },
    mTLS: {
      enabled: true,
      certificateBoundAccessTokens: true,
      getCertificate: (ctx: Ctx) => ctx.req.socket.getPeerX509Certificate?.()?.toString(),
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'accounts',
        accessTokenFormat: format,
        ...(format === 'jwt' ? { jwt: { sign: { alg: 'PS256' } } } : {}),
      }),
    },
  },
});
provider.proxy = false;
const callback = provider.callback();
const server = createServer(
  { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [readFileSync(pki.ca.cert, 'utf8')], requestCert: true, rejectUnauthorized: false },
  (req, res) => callback(req, res),
);
server.listen(port, 'localhost', () => {
  process.send?.({ issuer, token: `${issuer}/token`, introspection: `${issuer}/token/introspection` });
  if (!process.send) console.log(`oidc-provider (${format} access tokens) at ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
