/**
 * An independent server to prove the suite portable: panva's oidc-provider (npm, a devDependency)
 * served over HTTPS with mutual TLS on WSO2 Identity Server's paths, configured honestly: its own
 * login and consent pages (devInteractions), its defaults everywhere except the features a bank's
 * onboarding needs switched on (registration with an initial access token and RFC 7592
 * management, client_credentials, introspection, revocation, RFC 8705 mTLS). Nothing in it knows
 * about the harness.
 *
 *   npx tsx peers/oidc-provider.ts [--port 18446] [--host localhost]
 *
 * The target file fixtures/targets/oidc-provider.json describes it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Provider, { type KoaContextLike } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { ensureTestPki, subjectDnOf } from '../pki/test-pki.ts';

/** The initial access token (RFC 7591 §3) the target file reads from OP_INITIAL_ACCESS_TOKEN. */
export const DEFAULT_INITIAL_ACCESS_TOKEN = 'peer-initial-access-token';

export interface PeerOptions {
  port: number;
  host?: string;
  initialAccessToken?: string;
}

export interface RunningPeer {
  issuer: string;
  server: Server;
  close(): Promise<void>;
}

/** WSO2 Identity Server's paths (wso2-surface §2), so one target file shape fits both. */
const ROUTES = {
  authorization: '/oauth2/authorize',
  token: '/oauth2/token',
  introspection: '/oauth2/introspect',
  revocation: '/oauth2/revoke',
  userinfo: '/oauth2/userinfo',
  jwks: '/oauth2/jwks',
  registration: '/api/identity/oauth2/dcr/v1.1/register',
  end_session: '/oidc/logout',
} as const;

function peerCertificate(ctx: KoaContextLike): TLSSocket {
  return ctx.req.socket as TLSSocket;
}

export async function startOidcProvider(opts: PeerOptions): Promise<RunningPeer> {
  const pki = await ensureTestPki();
  const host = opts.host ?? 'localhost';
  const issuer = `https://${host}:${opts.port}/oauth2/token`;
  const signing = await Promise.all([
    generateKeyPair('PS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
  ]);
  const keys = await Promise.all(signing.map(async (k, i) => ({ ...(await exportJWK(k.privateKey)), alg: ['PS256', 'RS256', 'ES256'][i], use: 'sig', kid: `peer-${i}` })));

  const provider = new Provider(issuer, {
    jwks: { keys },
    routes: ROUTES,
    scopes: ['openid', 'offline_access', 'accounts', 'payments'],
    cookies: { keys: ['peer-cookie-key'] },
    // Its defaults plus the RFC 8705 methods, which mTLS adds only when listed.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth', 'none'],
    features: {
      registration: { enabled: true, initialAccessToken: opts.initialAccessToken ?? DEFAULT_INITIAL_ACCESS_TOKEN },
      registrationManagement: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      // Open Banking clients send signed request objects (OIDC Core §6.1).
      requestObjects: { enabled: true },
      mTLS: {
        enabled: true,
        certificateBoundAccessTokens: true,
        tlsClientAuth: true,
        selfSignedTlsClientAuth: true,
        getCertificate(ctx: KoaContextLike) {
          const cert = peerCertificate(ctx).getPeerX509Certificate?.();
          return cert ? cert.toString() : undefined;
        },
        certificateAuthorized(ctx: KoaContextLike) {
          return peerCertificate(ctx).authorized === true;
        },
        // RFC 8705 §2.1.2: the registered subject DN matches the certificate's.
        certificateSubjectMatches(ctx: KoaContextLike, property: string, expected: string) {
          const cert = peerCertificate(ctx).getPeerX509Certificate?.();
          if (!cert || property !== 'tls_client_auth_subject_dn') return false;
          return subjectDnOf(new X509Certificate(cert.raw).raw) === expected;
        },
      },
    },
  });
  provider.proxy = false;

  const callback = provider.callback();
  const server = createServer(
    {
      cert: readFileSync(pki.server.cert, 'utf8'),
      key: readFileSync(pki.server.key, 'utf8'),
      ca: [readFileSync(pki.ca.cert, 'utf8')],
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      // Identity Server publishes its metadata under the issuer path (OIDC Discovery §4).
      if (req.url?.startsWith('/oauth2/token/.well-known/')) req.url = req.url.slice('/oauth2/token'.length);
      callback(req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  return {
    issuer,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
  const peer = await startOidcProvider({
    port: Number(values.port ?? process.env.OP_PORT ?? 18446),
    ...(values.host ? { host: values.host } : {}),
    initialAccessToken: process.env.OP_INITIAL_ACCESS_TOKEN ?? DEFAULT_INITIAL_ACCESS_TOKEN,
  });
  console.log(`oidc-provider listening: ${peer.issuer}/.well-known/openid-configuration`);
  const stop = () => void peer.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
