import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadTestPki, subjectDnOf } from '../../pki/test-pki.ts';
import type { ObWorld } from './world.ts';
import type { HttpResponse, TlsIdentity } from './http-client.ts';
import type { EndpointName, IdentityName } from './target.ts';
import { identityFiles } from './identities.ts';
import { obtainClient, registerWithTarget, type Metadata } from './clients.ts';
import { fillTemplate } from './templates.ts';
import { buildAssertion, jwksFor, type Signer } from './client-assertion.ts';

/**
 * Reusable calls of the token service for any scenario: register a client through IS DCR (as the
 * key manager connector does), then request, introspect and revoke tokens with the client's own
 * authentication. What the registered client is and which TPP signs for it is remembered in the
 * World (`client:<name>` holds the ApplicationDTO, `signer:<name>` the signing identity).
 */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export type TokenAuth = 'private_key_jwt' | 'client_secret_basic' | 'client_secret_post' | 'tls_client_auth' | 'self_signed_tls_client_auth' | 'none';

interface ApplicationDto {
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method?: string;
}

export function clientOf(world: ObWorld, name: string): ApplicationDto {
  return world.recall<ApplicationDto>(`client:${name}`);
}

/** The PEM of an identity's transport certificate: the target's own, else the test PKI's. */
export function transportCertPem(world: ObWorld, identity: IdentityName): string {
  const files = identityFiles(world.target.file.identities, loadTestPki(), identity);
  if (!files) throw new Error(`the target names its own tpp1 but no "${identity}" identity`);
  return readFileSync(files.cert, 'utf8');
}

/** RFC 8705 §3.1: base64url SHA-256 of the DER certificate. */
export function certificateThumbprint(world: ObWorld, identity: IdentityName): string {
  return createHash('sha256').update(new X509Certificate(transportCertPem(world, identity)).raw).digest('base64url');
}

/**
 * Registration placeholders besides fillTemplate's: `{{jwks:tpp1}}` (the TPP's signing JWKS; also
 * `tpp1:enc`, `tpp1:nouse`, `tpp1:rs256`, `tpp1:noalg`, `tpp1+ec`), `{{transport_jwks:tpp1}}` (the transport certificate's public key, for
 * self_signed_tls_client_auth), `{{subject_dn:tpp1}}` (RFC 4514 subject of the transport certificate).
 */
export async function fillRegistration(world: ObWorld, name: string, text: string): Promise<string> {
  let out = text;
  for (const m of [...text.matchAll(/\{\{jwks:([a-z0-9]+(?:[:+][a-z0-9]+)?)\}\}/g)]) {
    out = out.replace(m[0], JSON.stringify(await jwksFor(m[1]!)));
    world.remember(`signer:${name}`, m[1]!.split(/[:+]/)[0] as Signer);
  }
  // RFC 8705 §2.2: the certificate itself is registered, in the JWK's x5c (RFC 7517 §4.7).
  out = out.replace(/\{\{transport_jwks:([a-z0-9]+)\}\}/g, (_m, id: IdentityName) => {
    const cert = new X509Certificate(transportCertPem(world, id));
    const jwk = cert.publicKey.export({ format: 'jwk' });
    return JSON.stringify({ keys: [{ ...jwk, use: 'sig', kid: `${id}-transport`, x5c: [cert.raw.toString('base64')] }] });
  });
  out = out.replace(/\{\{subject_dn:([a-z0-9]+)\}\}/g, (_m, id: IdentityName) => subjectDnOf(transportCertPem(world, id)));
  return fillTemplate(world, out);
}

async function metadataOf(world: ObWorld, name: string, metadata: Metadata | string): Promise<Metadata> {
  return typeof metadata === 'string' ? JSON.parse(await fillRegistration(world, name, metadata)) as Metadata : { ...metadata };
}

/** Register a client with the target's registration (a scenario about registration itself). */
export async function registerClient(world: ObWorld, name: string, metadata: Metadata | string, opts: { contentType?: string } = {}): Promise<HttpResponse> {
  return registerWithTarget(world, name, await metadataOf(world, name, metadata), opts);
}

/** A client the scenario needs, registered or named by the target; a failure is a setup failure. */
export async function registerClientOrFail(world: ObWorld, name: string, metadata: Metadata | string): Promise<void> {
  await obtainClient(world, name, await metadataOf(world, name, metadata));
}

export interface ClientAuthOptions {
  /** Defaults to the method the client registered. */
  auth?: TokenAuth | undefined;
  /** A ready-made client assertion (for replay or broken variants). */
  assertion?: string | undefined;
}

/** The token endpoint URL (from discovery): the audience of client assertions (RFC 7523 §3 item 3). */
export function tokenEndpoint(world: ObWorld): string {
  return world.endpoint('token_endpoint');
}

export async function newClientAssertion(world: ObWorld, clientName: string, opts: { claims?: Record<string, unknown>; variant?: string | undefined } = {}): Promise<string> {
  const clientId = clientOf(world, clientName).client_id;
  const signer = world.remembered.has(`signer:${clientName}`) ? world.recall<Signer>(`signer:${clientName}`) : 'tpp1';
  const jwt = await buildAssertion({ clientId, audience: tokenEndpoint(world), signer, ...opts });
  world.remember(`assertion:${clientName}`, jwt);
  return jwt;
}

/** Headers and form fields that authenticate `clientName` with `auth` (RFC 6749 §2.3, RFC 7523 §2.2, RFC 8705 §2). */
export async function clientAuthentication(world: ObWorld, clientName: string, opts: ClientAuthOptions = {}): Promise<{ headers: Record<string, string>; form: Record<string, string> }> {
  const client = clientOf(world, clientName);
  const auth = opts.auth ?? ((client.token_endpoint_auth_method ?? 'client_secret_basic') as TokenAuth);
  const enc = (s: string) => encodeURIComponent(s);
  switch (auth) {
    case 'client_secret_basic':
      return { headers: { authorization: `Basic ${Buffer.from(`${enc(client.client_id)}:${enc(client.client_secret ?? '')}`).toString('base64')}` }, form: {} };
    case 'client_secret_post':
      return { headers: {}, form: { client_id: client.client_id, client_secret: client.client_secret ?? '' } };
    case 'private_key_jwt':
      return {
        headers: {},
        form: {
          client_id: client.client_id,
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: opts.assertion ?? (await newClientAssertion(world, clientName)),
        },
      };
    case 'tls_client_auth':
    case 'self_signed_tls_client_auth':
    case 'none':
      return { headers: {}, form: { client_id: client.client_id } };
  }
}

/** POST a form to an endpoint of the target; `undefined` values leave a field out. */
export async function postForm(world: ObWorld, identity: TlsIdentity, endpoint: EndpointName, form: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const body = new URLSearchParams(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return world.send(identity, 'POST', world.endpoint(endpoint), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body,
  });
}

export interface TokenRequestOptions extends ClientAuthOptions {
  identity: TlsIdentity;
  clientName: string;
  form: Record<string, string | undefined>;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** A token request authenticated as the client; a 200 is remembered as `tokens:<clientName>`. */
export async function requestToken(world: ObWorld, opts: TokenRequestOptions): Promise<HttpResponse> {
  const auth = await clientAuthentication(world, opts.clientName, opts);
  const res = await postForm(world, opts.identity, 'token_endpoint', { ...auth.form, ...opts.form }, { ...opts.headers, ...auth.headers });
  world.remember('last-token-client', opts.clientName);
  if (res.status === 200) world.remember(`tokens:${opts.clientName}`, res.json);
  return res;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token?: string;
  scope?: string;
}

export function tokensOf(world: ObWorld, clientName: string): IssuedTokens {
  return world.recall<IssuedTokens>(`tokens:${clientName}`);
}

/** The claims of a JWT, unverified (the harness inspects what it was given). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  assert.ok(part, `not a JWT: ${jwt.slice(0, 40)}`);
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
