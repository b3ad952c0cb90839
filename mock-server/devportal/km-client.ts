import { STATUS_CODES } from 'node:http';
import { outboundTls } from '../http/outbound-tls.ts';
import { Agent, request } from 'undici';
import type { SandboxContext } from '../context.ts';
import type { KeyManagerDto } from '../admin-key-managers/key-manager-dto.ts';

/**
 * What API Manager calls on a key manager (apim-surface §5), over HTTP, so the key manager may be
 * this sandbox's Identity Server listener, a second sandbox or a real Identity Server:
 * - `default`, `WSO2-IS`, `ObKeyManager`: keymanager-operations DCR, client id base64url in the
 *   path (AM44 `kmclient/model/DCRClient.java`, `AMDefaultKeyManagerImpl`), §5.1;
 * - `WSO2-IS-7`, `fsKeyManager`: IS DCR v1.1, raw client id (KMIS7 `WSO2IS7DCRClient`,
 *   `WSO2IS7KeyManager.createClientInfo`), §5.2;
 * - the token endpoint with client_credentials and Basic client authentication (AM44 `AuthClient`), §5.7.
 * Any non-2xx becomes a KeyManagerCallError whose message is the body's `error_description`, else
 * the status text (AM44 `KMClientErrorDecoder`).
 */
export type KmFlavour = 'kmops' | 'is7';

export const flavourOf = (type: string): KmFlavour => (type === 'WSO2-IS-7' || type === 'fsKeyManager' ? 'is7' : 'kmops');

export class KeyManagerCallError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'KeyManagerCallError';
    this.status = status;
  }
}

/**
 * The key manager's failure a `catch` handles; anything else is rethrown. Every try block that
 * uses this holds key manager calls only, which fail with KeyManagerCallError.
 */
export function keyManagerFailure(e: unknown): KeyManagerCallError {
  // Stryker disable next-line ConditionalExpression: only a defect of the sandbox throws anything else inside those try blocks.
  if (e instanceof KeyManagerCallError) return e;
  throw e;
}

/** The KM's view of a client (OAuthApplicationInfo). */
export interface KmClient {
  clientId: string;
  clientSecret: string | null;
  clientName: string;
  grantTypes: string[];
  redirectUris: string[];
  /** The connector's additional properties as the key listing shows them. */
  additionalProperties: Record<string, unknown>;
}

export interface ClientRequest {
  /** `<username>_<applicationUUID>_<keyType>`. */
  clientName: string;
  applicationName: string;
  owner: string;
  grantTypes: string[];
  callbackUrl: string | null;
  presetClientId?: string | undefined;
  presetClientSecret?: string | undefined;
  /** The application configurations sent at generate-keys (strings as the portal sends them). */
  properties: Record<string, string>;
}

const agents = new WeakMap<SandboxContext, Agent>();
function agentOf(ctx: SandboxContext): Agent {
  let agent = agents.get(ctx);
  if (!agent) {
    const timeout = ctx.config.apim.discoveryTimeoutMs;
    agent = new Agent({
      // Fault devp.km-tls-unverified: the key manager's certificate is not verified (WSO2-KMC-04).
      // Stryker disable next-line StringLiteral: the fault switch's name; the self-test measures it.
      connect: { ...outboundTls(ctx, 'devp.km-tls-unverified'), timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    agents.set(ctx, agent);
  }
  return agent;
}

const MAX_BODY = 256 * 1024;

interface Answer {
  status: number;
  /** The status line's reason phrase, Feign's `response.reason()`: undici's request does not expose the received one, so the status's standard phrase. */
  reason: string;
  json: unknown;
}

async function call(ctx: SandboxContext, method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  let res;
  try {
    res = await request(url, { method: method as 'GET', headers, body, dispatcher: agentOf(ctx), signal: AbortSignal.timeout(ctx.config.apim.discoveryTimeoutMs) });
  } catch (e) {
    throw new KeyManagerCallError(0, `cannot reach ${url}: ${(e as Error).message}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new KeyManagerCallError(res.statusCode, `answer of ${url} too large`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, reason: STATUS_CODES[res.statusCode] ?? '', json };
}

/** Feign decodes an answer of the 2xx class (RFC 9110 §15.3) and hands any other to the error decoder (WSO2-KMC-05). */
const succeeded = (a: Answer): boolean => Math.floor(a.status / 100) === 2;

/**
 * KMClientErrorDecoder: the body's `error_description` as text (json-simple's toString), and where
 * it is missing or empty (`StringUtils.isEmpty`) the reason phrase.
 */
function failure(a: Answer): KeyManagerCallError {
  const d = (a.json as { error_description?: unknown } | null | undefined)?.error_description;
  const description = d === undefined || d === null ? '' : typeof d === 'string' ? d : JSON.stringify(d);
  return new KeyManagerCallError(a.status, description !== '' ? description : a.reason);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * `createClientInfo` of AMDefaultKeyManagerImpl and WSO2IS7KeyManager: only a non-empty callback
 * gives `redirect_uris`, split at commas with the white space around them (`trim().split("\\s*,\\s*")`);
 * without one the member is left out (Gson omits nulls).
 */
function redirectUris(callbackUrl: string | null): string[] | undefined {
  return callbackUrl ? callbackUrl.trim().split(/\s*,\s*/) : undefined;
}

/** An application configuration sent as a string: a number of seconds, or absent for `N/A` (no number) or blank (Number would read 0). */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export class KeyManagerClient {
  readonly #ctx: SandboxContext;
  readonly #km: KeyManagerDto;
  readonly flavour: KmFlavour;
  readonly #auth: string;

  constructor(ctx: SandboxContext, km: KeyManagerDto, credentials: { username: string; password: string }) {
    this.#ctx = ctx;
    this.#km = km;
    this.flavour = flavourOf(String(km.type));
    this.#auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  }

  get #registration(): string {
    const url = this.#km.clientRegistrationEndpoint;
    if (typeof url !== 'string' || url === '') throw new KeyManagerCallError(0, 'the key manager has no client registration endpoint');
    return url.replace(/\/+$/, '');
  }

  /** DCRClient: `Base64.getUrlEncoder()` (URL-safe alphabet, with padding) for keymanager-operations, raw for IS DCR. */
  #clientPath(clientId: string): string {
    const b64 = Buffer.from(clientId).toString('base64');
    const id = this.flavour === 'kmops' ? (this.#ctx.faults.has('devp.km-client-standard-base64-id') ? b64 : b64.replaceAll('+', '-').replaceAll('/', '_')) : encodeURIComponent(clientId);
    return `${this.#registration}/${id}`;
  }

  #json(method: string, url: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { authorization: this.#auth, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return call(this.#ctx, method, url, headers, body === undefined ? undefined : JSON.stringify(body));
  }

  /** ClientInfo (kmops) or WSO2IS7ClientInfo (IS DCR) of a create or update. */
  #clientInfo(r: ClientRequest, update?: string): Record<string, unknown> {
    // Fault devp.km-client-drops-app-properties: the application configurations are not sent.
    const p = this.#ctx.faults.has('devp.km-client-drops-app-properties') ? {} : r.properties;
    const flag = (k: string) => p[k] === 'true';
    if (this.flavour === 'kmops') {
      const info: Record<string, unknown> = {
        client_name: r.clientName,
        application_display_name: r.applicationName,
        grant_types: r.grantTypes,
        redirect_uris: redirectUris(r.callbackUrl) ?? (this.#ctx.faults.has('devp.km-client-empty-redirect-uris') ? [] : undefined),
        token_type_extension: 'JWT',
        ext_application_owner: r.owner,
        ext_application_token_lifetime: seconds(p.application_access_token_expiry_time),
        ext_user_token_lifetime: seconds(p.user_access_token_expiry_time),
        ext_refresh_token_lifetime: seconds(p.refresh_token_expiry_time),
        ext_id_token_lifetime: seconds(p.id_token_expiry_time),
        pkceMandatory: flag('pkceMandatory'),
        pkceSupportPlain: flag('pkceSupportPlain'),
        bypassClientCredentials: flag('bypassClientCredentials'),
      };
      if (update) info.client_id = update;
      else {
        info.ext_param_client_id = r.presetClientId;
        info.ext_param_client_secret = r.presetClientSecret;
      }
      // Stryker disable next-line MethodExpression: without the filter JSON.stringify leaves the undefined members out alike (ECMA-262 SerializeJSONObject).
      return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
    }
    const info: Record<string, unknown> = {
      client_name: r.clientName,
      ext_application_display_name: r.applicationName,
      grant_types: r.grantTypes,
      redirect_uris: redirectUris(r.callbackUrl),
      token_type_extension: 'JWT',
      ext_application_token_lifetime: seconds(p.ext_application_token_lifetime),
      ext_user_token_lifetime: seconds(p.ext_user_token_lifetime),
      // Gson writes primitives always: 0 and false unless given (§5.2).
      ext_refresh_token_lifetime: seconds(p.ext_refresh_token_lifetime) ?? 0,
      ext_id_token_lifetime: seconds(p.ext_id_token_lifetime) ?? 0,
      ext_pkce_mandatory: flag('ext_pkce_mandatory'),
      ext_pkce_support_plain: flag('ext_pkce_support_plain'),
      ext_public_client: flag('ext_public_client'),
      backchannel_logout_session_required: false,
      require_signed_request_object: false,
      require_pushed_authorization_requests: false,
      tls_client_certificate_bound_access_tokens: false,
      ext_allowed_audience: this.#ctx.faults.has('devp.km-client-no-allowed-audience') ? undefined : 'organization',
    };
    if (update) info.client_id = update;
    else {
      info.ext_param_client_id = r.presetClientId;
      info.ext_param_client_secret = r.presetClientSecret;
    }
    // Stryker disable next-line MethodExpression: without the filter JSON.stringify leaves the undefined members out alike (ECMA-262 SerializeJSONObject).
    return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
  }

  /** The KM's answer as OAuthApplicationInfo; the additional properties in the connector's names. */
  #fromAnswer(json: unknown): KmClient {
    const a = (json ?? {}) as Record<string, unknown>;
    const clientId = str(a.client_id);
    if (!clientId) throw new KeyManagerCallError(200, 'the key manager answered no client_id');
    const additionalProperties: Record<string, unknown> = this.flavour === 'kmops'
      ? {
        application_access_token_expiry_time: a.ext_application_token_lifetime ?? null,
        user_access_token_expiry_time: a.ext_user_token_lifetime ?? null,
        refresh_token_expiry_time: a.ext_refresh_token_lifetime ?? null,
        id_token_expiry_time: a.ext_id_token_lifetime ?? null,
        pkceMandatory: a.pkceMandatory ?? false,
        pkceSupportPlain: a.pkceSupportPlain ?? false,
        bypassClientCredentials: a.bypassClientCredentials ?? false,
      }
      : {
        ext_application_token_lifetime: a.ext_application_token_lifetime ?? null,
        ext_user_token_lifetime: a.ext_user_token_lifetime ?? null,
        ext_refresh_token_lifetime: a.ext_refresh_token_lifetime ?? null,
        ext_id_token_lifetime: a.ext_id_token_lifetime ?? null,
        ext_pkce_mandatory: a.ext_pkce_mandatory ?? false,
        ext_pkce_support_plain: a.ext_pkce_support_plain ?? false,
        ext_public_client: a.ext_public_client ?? false,
      };
    return {
      clientId,
      clientSecret: str(a.client_secret) ?? null,
      clientName: str(a.client_name) ?? '',
      grantTypes: strings(a.grant_types),
      redirectUris: strings(a.redirect_uris),
      additionalProperties,
    };
  }

  async create(r: ClientRequest): Promise<KmClient> {
    const a = await this.#json('POST', this.#registration, this.#clientInfo(r));
    // Fault devp.km-registration-needs-201 wants 201 alone.
    if (!succeeded(a)) throw failure(a);
    if (this.#ctx.faults.has('devp.km-registration-needs-201') && a.status !== 201) throw failure(a);
    return this.#fromAnswer(a.json);
  }

  /** retrieveApplication: a 404 is "no such client" (null); any other error status is an error. */
  async retrieve(clientId: string): Promise<KmClient | null> {
    const a = await this.#json('GET', this.#clientPath(clientId));
    if (a.status === 404) return null;
    if (!succeeded(a)) throw failure(a);
    return this.#fromAnswer(a.json);
  }

  async update(clientId: string, r: ClientRequest): Promise<KmClient> {
    const a = await this.#json('PUT', this.#clientPath(clientId), this.#clientInfo(r, clientId));
    if (!succeeded(a)) throw failure(a);
    return this.#fromAnswer(a.json);
  }

  async delete(clientId: string): Promise<void> {
    const a = await this.#json('DELETE', this.#clientPath(clientId));
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: its one caller (keys.ts deleteKeyAtKeyManager) only logs a failed delete.
    if (!succeeded(a)) throw failure(a);
  }

  /** getNewApplicationConsumerSecret: keymanager-operations only; the IS7 connector returns null. */
  async regenerateSecret(clientId: string): Promise<string | null> {
    if (this.flavour === 'is7') return null;
    const a = await this.#json('POST', `${this.#clientPath(clientId)}/regenerate-consumer-secret`);
    if (!succeeded(a)) throw failure(a);
    return this.#fromAnswer(a.json).clientSecret;
  }

  // ---- fsKeyManager extras (FS IdentityServerUtils / FSKeyManagerImpl, apim-surface §5.3) ----------

  /**
   * The Identity Server the fsKeyManager's extra calls go to: the registration endpoint with its
   * `/api/identity/oauth2/dcr/…` cut off (a `/t/<tenant>` prefix stays), with the connector's
   * credentials, as the IS DCR call itself.
   */
  get #identityServer(): string {
    const registration = this.#registration;
    const at = registration.indexOf('/api/identity/oauth2/dcr/');
    return at >= 0 ? registration.slice(0, at) : new URL(registration).origin;
  }

  /**
   * §5.3 steps 1-2: the IS application of a client (`GET /api/server/v1/applications/?filter=clientId
   * eq <id>`, `applications[0].id`), then the application itself, its
   * `advancedConfigurations.additionalSpProperties` as name -> value. Anything but 200 fails.
   */
  async isApplicationOf(clientId: string): Promise<{ appId: string; spProperties: Record<string, string> }> {
    const base = `${this.#identityServer}/api/server/v1/applications`;
    const search = await this.#json('GET', `${base}/?filter=${encodeURIComponent(`clientId eq ${clientId}`)}`);
    if (search.status !== 200) throw failure(search);
    const found = (search.json as { applications?: unknown } | undefined)?.applications;
    const appId = Array.isArray(found) ? str((found[0] as { id?: unknown } | undefined)?.id) : undefined;
    if (!appId) throw new KeyManagerCallError(200, `the Identity Server has no application for the client ${clientId}`);
    const read = await this.#json('GET', `${base}/${encodeURIComponent(appId)}`);
    if (read.status !== 200) throw failure(read);
    const advanced = (read.json as { advancedConfigurations?: { additionalSpProperties?: unknown } } | undefined)?.advancedConfigurations;
    const spProperties: Record<string, string> = {};
    const listed = advanced?.additionalSpProperties;
    for (const p of Array.isArray(listed) ? listed : []) {
      const { name, value } = (p ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name === 'string' && typeof value === 'string') spProperties[name] = value;
    }
    return { appId, spProperties };
  }

  /**
   * §5.3 step 4: the IS DCR v1.1 update of the client with the SP properties as
   * `additionalAttributes` and certificate-bound tokens; the rest of the body is the §5.2 update, so
   * the client's own settings stay as they are. Anything but 200 fails.
   */
  async putRegulatoryAttributes(clientId: string, r: ClientRequest, attributes: Record<string, string>): Promise<void> {
    const body = { ...this.#clientInfo(r, clientId), additionalAttributes: attributes, tls_client_certificate_bound_access_tokens: true };
    const a = await this.#json('PUT', `${this.#identityServer}/api/identity/oauth2/dcr/v1.1/register/${encodeURIComponent(clientId)}`, body);
    if (a.status !== 200) throw failure(a);
  }

  /** §5.3 step 5: the application certificate (PEM) on the IS application. Anything but 200 fails. */
  async patchApplicationCertificate(appId: string, pem: string): Promise<void> {
    const body = { advancedConfigurations: { certificate: { type: 'PEM', value: pem } } };
    const a = await this.#json('PATCH', `${this.#identityServer}/api/server/v1/applications/${encodeURIComponent(appId)}`, body);
    if (a.status !== 200) throw failure(a);
  }

  /** AuthClient.generate: client_credentials at the KM's token endpoint. */
  async token(clientId: string, clientSecret: string, scopes: readonly string[]): Promise<{ accessToken: string; scopes: string[]; validityTime: number }> {
    const url = this.#km.tokenEndpoint;
    if (typeof url !== 'string' || url === '') throw new KeyManagerCallError(0, 'the key manager has no token endpoint');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const a = await call(this.#ctx, 'POST', url, {
      // AuthClient sends the pair as it is (WSO2 client ids and secrets are URL-safe).
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    }, form.toString());
    if (!succeeded(a)) throw failure(a);
    const t = (a.json ?? {}) as Record<string, unknown>;
    const accessToken = str(t.access_token);
    if (!accessToken) throw new KeyManagerCallError(200, 'the token endpoint answered no access_token');
    return { accessToken, scopes: (str(t.scope) ?? '').split(' ').filter(Boolean), validityTime: typeof t.expires_in === 'number' ? t.expires_in : 0 };
  }
}
