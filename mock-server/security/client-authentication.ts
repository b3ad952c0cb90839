import { X509Certificate } from 'node:crypto';
import type { Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { issuerOf } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import type { FaultName } from '../faults.ts';
import type { ClientRecord } from '../store/clients.ts';
import { basicCredentials } from './admin-basic.ts';
import { clientCertificateOf, type ClientCertificate } from './client-certificate.ts';
import { unverifiedClaims, verifyClientJwt } from './client-assertion.ts';
import { isSigningKey, publicKeyOf, registeredKeys, sameKey } from './client-keys.ts';
import { subjectMatches } from './subject-dn.ts';
import { certificateFitsClient } from './certificate-organisation.ts';

/**
 * Client authentication at the token, introspection and revocation endpoints: RFC 6749 §2.3,
 * RFC 7523 §2.2 and §3 (private_key_jwt), RFC 8705 §2 (tls_client_auth,
 * self_signed_tls_client_auth). Every failure answers the product's one body (wso2-surface §2.1)
 * `{"error":"invalid_client","error_description":"Client Authentication failed."}`; the specific
 * reason goes to the log only, as Identity Server's authenticators log it.
 */
export interface AuthenticatedClient {
  client: ClientRecord;
  /** The RFC 7591 token_endpoint_auth_method the client used. */
  method: string;
  /** The client certificate of the connection when it is usable for binding (trusted, or matched for self-signed). */
  certificate: ClientCertificate | undefined;
  /** Why the connection's certificate, if one was presented, cannot bind tokens. */
  unusableCertificate: string | undefined;
  /**
   * Consume what authenticated the client (a private_key_jwt assertion's jti, CAUTH-09). Call it in
   * the transaction that commits the request's outcome, so a refused request consumes nothing.
   */
  consume(): void;
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const CLIENT_AUTH_FAILED = 'Client Authentication failed.';
export const BASIC_REALM = 'Basic realm="WSO2 Identity Server"';
/** RFC 7591 §2: the default token_endpoint_auth_method. */
export const DEFAULT_AUTH_METHOD = 'client_secret_basic';
const SECRET_METHODS = ['client_secret_basic', 'client_secret_post'];
const MTLS_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth'];

/** What the request carries, before anything is verified. */
interface Presented {
  method: string;
  clientId: string | undefined;
  basic: { user: string; password: string } | undefined;
  usedAuthorizationHeader: boolean;
}

class Failure {
  readonly ctx: SandboxContext;
  readonly basicHeader: boolean;
  constructor(ctx: SandboxContext, basicHeader: boolean) {
    this.ctx = ctx;
    this.basicHeader = basicHeader;
  }

  /**
   * RFC 6749 §5.2: invalid_client is 401, with a Basic challenge when the client used the
   * Authorization header (CAUTH-15, ERR-02). Identity Server sends that challenge whatever the
   * method (its token and revocation endpoints answer every invalid_client with
   * `WWW-Authenticate: Basic realm=...`), as RFC 9110 §15.5.2 requires of any 401 (WSO2-TOK-06).
   */
  invalidClient(reason: string): OAuthError {
    this.ctx.log(`client authentication failed: ${reason}`);
    if (this.ctx.faults.has('token.invalid-client-400-no-challenge')) return new OAuthError(400, 'invalid_client', CLIENT_AUTH_FAILED);
    const challenge = this.basicHeader || !this.ctx.faults.has('token.challenge-only-for-basic');
    return new OAuthError(401, 'invalid_client', CLIENT_AUTH_FAILED, challenge ? { 'www-authenticate': BASIC_REALM } : {});
  }
}

/** RFC 9110 §11.1: the scheme name, alone ("Basic") or followed by credentials. */
const BASIC_SCHEME = /^basic(\s|$)/i;

/** RFC 6749 §2.3.1: client_id and secret are form-urlencoded before Basic encoding. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Which mechanisms the request uses; RFC 6749 §2.3: exactly one (CAUTH-13). */
function presentedMechanisms(c: Context<SandboxEnv>, form: ReadonlyMap<string, string>, fail: Failure): Presented {
  const authorization = c.req.header('authorization');
  const usedAuthorizationHeader = authorization !== undefined && BASIC_SCHEME.test(authorization);
  const mechanisms: string[] = [];
  let basic: Presented['basic'];
  if (usedAuthorizationHeader) {
    const raw = basicCredentials(authorization);
    const user = raw && formDecode(raw.user);
    const password = raw && formDecode(raw.password);
    if (user === undefined || password === undefined) throw fail.invalidClient('malformed Basic authorization header');
    basic = { user, password };
    mechanisms.push('client_secret_basic');
  }
  if (form.has('client_secret')) mechanisms.push('client_secret_post');
  if (form.has('client_assertion') || form.has('client_assertion_type')) mechanisms.push('private_key_jwt');
  if (mechanisms.length > 1 && !fail.ctx.faults.has('token.accept-two-auth-methods')) {
    // RFC 6749 §5.2 invalid_request: "utilizes more than one mechanism for authenticating the client".
    throw new OAuthError(400, 'invalid_request', 'More than one client authentication mechanism is used in the request');
  }
  const assertionClaims = form.has('client_assertion') ? unverifiedClaims(form.get('client_assertion')!) : undefined;
  const claimed = [form.get('client_id'), basic?.user, assertionClaims?.iss, assertionClaims?.sub]
    .filter((v): v is string => typeof v === 'string' && v !== '');
  // FAPI1-Baseline §5.2.2-19 (CAUTH-14): every place that names the client names the same one.
  if (new Set(claimed).size > 1) throw fail.invalidClient(`the client is named inconsistently: ${[...new Set(claimed)].join(', ')}`);
  return { method: mechanisms[0] ?? 'none', clientId: claimed[0], basic, usedAuthorizationHeader };
}

/** The connection's client certificate, from the TLS socket or a trusted proxy header. */
function connectionCertificate(ctx: SandboxContext, c: Context<SandboxEnv>): ClientCertificate | undefined {
  const result = clientCertificateOf(c.env?.incoming, c.req.raw.headers, {
    trustProxyHeader: ctx.config.mtls.trustProxyHeader || ctx.faults.has('token.trust-client-cert-header'),
    headerName: ctx.config.mtls.headerName,
    trustedCas: ctx.trustedCas,
    nowMs: ctx.clock.now(),
    ignoreValidity: ctx.faults.has('token.accept-out-of-date-certificate'),
  });
  return result.kind === 'present' ? result.cert : undefined;
}

function registeredMethod(client: ClientRecord): string {
  if (client.metadata.ext_public_client === true) return 'none';
  const m = client.metadata.token_endpoint_auth_method;
  return typeof m === 'string' ? m : DEFAULT_AUTH_METHOD;
}

/**
 * A request that names the client with client_id only authenticates with the connection's
 * certificate (RFC 8705 §2) when the client registered an mTLS method. A public client stays
 * public over mTLS: its certificate only binds tokens (RFC 8705 §4).
 */
function effectiveMethod(ctx: SandboxContext, presented: Presented, client: ClientRecord, cert: ClientCertificate | undefined): string {
  if (presented.method !== 'none') return presented.method;
  const registered = registeredMethod(client);
  // Fault token.public-client-certificate-authenticates: the certificate is taken for tls_client_auth (CNF-10).
  const publicStaysPublic = registered === 'none' && !ctx.faults.has('token.public-client-certificate-authenticates');
  if (MTLS_METHODS.includes(registered) || publicStaysPublic) return registered;
  return cert ? 'tls_client_auth' : 'none';
}

/** OIDC Registration §2, FAPI1-Adv §5.2.2-14 (CAUTH-12): only the registered method. */
function checkRegisteredMethod(ctx: SandboxContext, client: ClientRecord, method: string, fail: Failure): void {
  if (ctx.faults.has('token.accept-any-auth-method')) return;
  const registered = registeredMethod(client);
  if (method !== registered) throw fail.invalidClient(`client ${client.clientId} registered ${registered} but used ${method}`);
}

/** FAPI1-Adv §5.2.2-14, -16 (CAUTH-21, CAUTH-22): no client secrets and no public clients under UK and CDR. */
function checkProfileAllows(ctx: SandboxContext, method: string, fail: Failure): void {
  if (ctx.config.profile === 'generic') return;
  if (SECRET_METHODS.includes(method) || method === 'none') {
    throw fail.invalidClient(`${method} is not allowed under the ${ctx.config.profile} profile (FAPI)`);
  }
}

function verifySecret(ctx: SandboxContext, client: ClientRecord, secret: string | undefined, fail: Failure): void {
  // RFC 6749 §2.3.1.
  if (secret === undefined || !ctx.store.clients.verifySecret(client.clientId, secret)) {
    throw fail.invalidClient(`wrong client secret for ${client.clientId}`);
  }
}

/** RFC 7523 §2.2 (CAUTH-01) then §3 (CAUTH-02..11). */
async function verifyPrivateKeyJwt(ctx: SandboxContext, client: ClientRecord, form: ReadonlyMap<string, string>, fail: Failure): Promise<() => void> {
  if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) {
    throw fail.invalidClient(`client_assertion_type is not ${CLIENT_ASSERTION_TYPE}`);
  }
  const assertion = form.get('client_assertion');
  if (!assertion) throw fail.invalidClient('client_assertion is missing');
  const tokenEndpoint = `${ctx.urls.is}/oauth2/token`;
  const verified = await verifyClientJwt(ctx, client, assertion, {
    jtiNamespace: `assertion:${client.clientId}`,
    issuer: client.clientId,
    subject: client.clientId,
    // RFC 7523 §3 item 3; in Identity Server the issuer is the token endpoint URL, so both are one value.
    audiences: [...new Set([tokenEndpoint, issuerOf(ctx)])],
    fail: (reason) => fail.invalidClient(`client assertion of ${client.clientId}: ${reason}`),
  });
  return verified.claimJti;
}

/** RFC 8705 §2.1 (CAUTH-17, CAUTH-20): a trusted certificate whose subject is the registered DN. */
function verifyTlsClientAuth(ctx: SandboxContext, client: ClientRecord, cert: ClientCertificate | undefined, fail: Failure): ClientCertificate {
  if (!cert) throw fail.invalidClient(`no client certificate on the connection for ${client.clientId}`);
  if (!cert.trusted) throw fail.invalidClient(`client certificate not trusted: ${cert.reason}`);
  const dn = client.metadata.tls_client_auth_subject_dn;
  if (typeof dn !== 'string') throw fail.invalidClient(`client ${client.clientId} registered no tls_client_auth_subject_dn`);
  if (!subjectMatches(cert.subject, dn) && !ctx.faults.has('token.accept-wrong-subject-dn')) {
    throw fail.invalidClient(`certificate subject ${cert.subject.replace(/\n/g, ', ')} does not match ${dn}`);
  }
  return cert;
}

/** RFC 8705 §2.2 (CAUTH-19): the certificate's public key is one the client registered. */
function verifySelfSignedTlsClientAuth(ctx: SandboxContext, client: ClientRecord, cert: ClientCertificate | undefined, fail: Failure): ClientCertificate {
  if (!cert) throw fail.invalidClient(`no client certificate on the connection for ${client.clientId}`);
  const lookup = registeredKeys(ctx.jwksUris, client);
  if (!lookup.ok) throw fail.invalidClient(lookup.reason);
  const presented = (cert.certificate as X509Certificate).publicKey;
  const match = lookup.keys.filter(isSigningKey).some((jwk) => {
    const key = publicKeyOf(jwk);
    return key !== undefined && sameKey(key, presented);
  });
  if (!match) throw fail.invalidClient(`the certificate's key is not in the registered jwks of ${client.clientId}`);
  return cert;
}

export interface AuthenticationOptions {
  /**
   * Refuse a public client (RFC 6749 §2.1), identified but not authenticated, unless this fault
   * switch is on: for client_credentials (RFC 6749 §4.4) and introspection (RFC 7662 §2.1).
   * Without it, public clients are allowed where the profile allows them.
   */
  refusePublicClientsUnless?: FaultName;
}

/**
 * Authenticate the client of a token, introspection or revocation request. Throws OAuthError:
 * 400 invalid_request for more than one mechanism, else 401 invalid_client.
 */
export async function authenticateClient(ctx: SandboxContext, c: Context<SandboxEnv>, form: ReadonlyMap<string, string>, opts: AuthenticationOptions = {}): Promise<AuthenticatedClient> {
  const basicHeader = BASIC_SCHEME.test(c.req.header('authorization') ?? '');
  const fail = new Failure(ctx, basicHeader);
  const presented = presentedMechanisms(c, form, fail);
  // RFC 6749 §5.2 (CAUTH-16), RFC 8705 §2 (CAUTH-18): the client must be named and known.
  if (!presented.clientId) throw fail.invalidClient('the request does not identify a client');
  const client = ctx.store.clients.get(presented.clientId);
  if (!client) throw fail.invalidClient(`unknown client ${presented.clientId}`);

  const connectionCert = connectionCertificate(ctx, c);
  // WSO2-TOK-08: an Open Banking client authenticates only over its own organisation's certificate,
  // so a leaked assertion cannot bind a token to another TPP's certificate.
  if (connectionCert && !certificateFitsClient(connectionCert, client) && !ctx.faults.has('token.accept-other-org-certificate')) {
    throw fail.invalidClient(`the client certificate ${connectionCert.subject.replace(/\n/g, ', ')} is not of the organisation of ${client.clientId}`);
  }
  const method = effectiveMethod(ctx, presented, client, connectionCert);
  checkProfileAllows(ctx, method, fail);
  checkRegisteredMethod(ctx, client, method, fail);

  let certificate = connectionCert?.trusted ? connectionCert : undefined;
  let consume = () => {};
  switch (method) {
    case 'client_secret_basic':
      verifySecret(ctx, client, presented.basic?.password, fail);
      break;
    case 'client_secret_post':
      verifySecret(ctx, client, form.get('client_secret'), fail);
      break;
    case 'private_key_jwt':
      consume = await verifyPrivateKeyJwt(ctx, client, form, fail);
      break;
    case 'tls_client_auth':
      certificate = verifyTlsClientAuth(ctx, client, connectionCert, fail);
      break;
    case 'self_signed_tls_client_auth':
      certificate = verifySelfSignedTlsClientAuth(ctx, client, connectionCert, fail);
      break;
    case 'none':
      // A public client (RFC 6749 §2.1): identified, not authenticated; allowed only where the profile
      // and the request allow it.
      if (opts.refusePublicClientsUnless && !ctx.faults.has(opts.refusePublicClientsUnless)) {
        throw fail.invalidClient(`public client ${client.clientId} is not authenticated`);
      }
      break;
    default:
      throw fail.invalidClient(`unsupported authentication method ${method}`);
  }
  const unusableCertificate = connectionCert && !certificate ? connectionCert.reason ?? 'not trusted' : undefined;
  return { client, method, certificate, unusableCertificate, consume };
}
