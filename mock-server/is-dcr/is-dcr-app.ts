import { randomBytes } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireAdminBasic } from '../security/admin-basic.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { IsDcrError, invalidClientMetadata } from '../errors/is-dcr-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import { parseBoundedJsonObject } from '../http/bounded-json.ts';
import type { ClientMetadata, ClientRecord } from '../store/clients.ts';
import { readAdditionalAttributes, validateRegistration } from './registration-request.ts';
import { defaultIdTokenAlg } from '../oauth2/id-token.ts';

export const IS_DCR_BASE = '/api/identity/oauth2/dcr/v1.1/register';

/** Identity Server style identifiers: 28 URL-safe characters (e.g. DlrcfkW5kLYwf4fZggp69OGirisa). */
export function newIdentifier(): string {
  return randomBytes(21).toString('base64url');
}

/** The fault isdcr.any-media-type: the body as a JSON object, the Content-Type not looked at. */
// Stryker disable all: fault-switch code (isdcr.any-media-type), measured by the self-test.
async function readJsonAnyMediaType(c: Context<SandboxEnv>, fail: (description: string) => IsDcrError): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  try {
    return parseBoundedJsonObject(text);
  } catch {
    throw fail('Request body must be a JSON object');
  }
}
// Stryker restore all

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * DCRMService.updateApplication (WSO2-ISDCR-09): a member sent replaces the stored one; a string,
 * list or number not sent, or sent empty, is kept, the name included; a flag not sent becomes
 * false (the update DTO's primitive booleans). The key set is one member: jwks or jwks_uri.
 */
function mergeUpdate(stored: ClientRecord, sent: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { client_name: stored.clientName };
  for (const [k, v] of Object.entries(stored.metadata)) if (typeof v !== 'boolean') merged[k] = v;
  const given = Object.entries(sent).filter(([, v]) => !(v === null || v === '' || (Array.isArray(v) && v.length === 0)));
  if (given.some(([k]) => k === 'jwks' || k === 'jwks_uri')) {
    delete merged.jwks;
    delete merged.jwks_uri;
  }
  for (const [k, v] of given) merged[k] = v;
  return merged;
}

/**
 * The members of Identity Server's ApplicationDTO (identity-inbound-auth-oauth, api.server.dcr
 * ApplicationDTO), besides client_id, client_name and the secret; the sandbox adds `jwks`, its
 * alternative to jwks_uri. Request-only members (url, contacts, scope, logout and request URIs,
 * template, ...) are stored but never returned.
 */
const APPLICATION_DTO_MEMBERS = [
  'redirect_uris', 'grant_types', 'ext_application_display_name', 'ext_application_version', 'ext_application_owner',
  'ext_application_token_lifetime', 'ext_user_token_lifetime', 'ext_refresh_token_lifetime', 'ext_id_token_lifetime',
  'ext_pkce_mandatory', 'ext_pkce_support_plain', 'ext_public_client', 'token_type_extension', 'ext_token_type',
  'jwks_uri', 'jwks', 'frontchannel_logout_uri', 'token_endpoint_auth_method', 'token_endpoint_allow_reuse_pvt_key_jwt',
  'token_endpoint_auth_signing_alg', 'sector_identifier_uri', 'id_token_signed_response_alg',
  'id_token_encrypted_response_alg', 'id_token_encrypted_response_enc', 'request_object_signing_alg',
  'tls_client_auth_subject_dn', 'require_pushed_authorization_requests', 'require_signed_request_object',
  'tls_client_certificate_bound_access_tokens', 'subject_type', 'request_object_encryption_alg',
  'request_object_encryption_enc', 'software_statement', 'ext_allowed_audience',
] as const;

/** ApplicationDTO: registered metadata with the product's defaults filled in, null members left out. */
export function applicationDto(ctx: SandboxContext, client: ClientRecord): Record<string, unknown> {
  const m = client.metadata;
  const tokenType = m.ext_token_type ?? m.token_type_extension ?? 'JWT';
  const defaults: Record<string, unknown> = {
    redirect_uris: [],
    grant_types: [],
    ext_application_owner: ctx.config.admin.username,
    ext_token_type: tokenType,
    ext_pkce_mandatory: false,
    ext_pkce_support_plain: false,
    ext_public_client: false,
    ext_application_token_lifetime: ctx.config.tokens.accessTokenTtl,
    ext_user_token_lifetime: ctx.config.tokens.accessTokenTtl,
    ext_refresh_token_lifetime: ctx.config.tokens.refreshTokenTtl,
    ext_id_token_lifetime: ctx.config.tokens.idTokenTtl,
    token_endpoint_allow_reuse_pvt_key_jwt: false,
    require_pushed_authorization_requests: false,
    require_signed_request_object: false,
    tls_client_certificate_bound_access_tokens: false,
    subject_type: 'public',
    // RFC 7591 §3.2.1 (DCR-REQ-02): the response carries the values the server defaulted, here
    // the alg the client's ID tokens will be signed with (WSO2-AUTHZ-12).
    ...(ctx.faults.has('isdcr.omit-defaulted-members') ? {} : { id_token_signed_response_alg: ctx.faults.has('isdcr.names-rs256-default') ? 'RS256' : defaultIdTokenAlg(ctx) }),
  };
  const dto: Record<string, unknown> = { client_id: client.clientId, client_name: client.clientName };
  const members: readonly string[] = ctx.faults.has('isdcr.echo-unknown-members') ? [...APPLICATION_DTO_MEMBERS, ...Object.keys(m)] : APPLICATION_DTO_MEMBERS;
  for (const k of members) {
    const v = m[k] ?? defaults[k];
    if (v !== null && v !== undefined && !(k in dto)) dto[k] = v;
  }
  // DCRMService.buildResponse sets token_type_extension from the application's one token type.
  dto.token_type_extension = tokenType;
  delete dto.ext_param_client_id;
  delete dto.ext_param_client_secret;
  if (client.clientSecret !== undefined) {
    dto.client_secret = client.clientSecret;
    // RFC 7591 §3.2.1: client_secret_expires_at is REQUIRED with a secret; 0 = never.
    if (!ctx.faults.has('isdcr.no-secret-expiry')) dto.client_secret_expires_at = m.ext_param_client_secret_expires_at ?? 0;
  }
  return dto;
}

/** A JSON answer rendered before its write committed (Store.commitWithAnswer). */
const jsonText = (c: Context<SandboxEnv>, text: string, status: 200 | 201) =>
  c.body(text, status, { 'content-type': 'application/json', 'cache-control': 'no-store' });

/** Fault `isdcr.errors-not-json` (ERR-05): registration errors as a text/plain line, not JSON. */
// Stryker disable all: fault-switch code (isdcr.errors-not-json), measured by the self-test.
const plainTextErrors: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  await next();
  if (c.error instanceof IsDcrError) {
    c.res = new Response(`${c.error.error}: ${c.error.description}`, { status: c.error.status, headers: { 'content-type': 'text/plain' } });
  }
};
// Stryker restore all

/**
 * Identity Server DCR v1.1 (identity-inbound-auth-oauth RegisterApi): the fsKeyManager's client
 * registration endpoint (seed 000). Admin Basic authentication; unknown client ids answer a bare
 * 401 and duplicates a 400, as DCRMUtils maps them.
 */
export function isDcrApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const unauthorized = () =>
    new StatusOnlyError(401, 'admin authentication failed', { 'www-authenticate': 'Basic realm="WSO2 Identity Server"' });
  if (!ctx.faults.has('isdcr.no-admin-auth')) {
    // Hono's `/*` also matches the base path itself.
    app.use(`${IS_DCR_BASE}/*`, requireAdminBasic(ctx, unauthorized));
  }

  if (ctx.faults.has('isdcr.errors-not-json')) app.use(`${IS_DCR_BASE}/*`, plainTextErrors);

  const fail = (description: string, status = 400) => invalidClientMetadata(description, status);
  const notFound = (clientId: string) =>
    ctx.faults.has('isdcr.unknown-client-404')
      ? new IsDcrError(404, 'not_found', `Application not available for given client key: ${clientId}`)
      : new StatusOnlyError(401, `Application not available for given client key: ${clientId}`);

  /**
   * The registration (POST) or, over the stored metadata, the update (PUT) the request asks for,
   * and the service provider properties it sets (`additionalAttributes`, undefined: none sent).
   */
  const requestOf = async (c: Context<SandboxEnv>, stored?: ClientRecord): Promise<{ metadata: ClientMetadata; attributes: Record<string, string> | undefined }> => {
    // Fault (DCR-REQ-06): a JSON object is read whatever media type the request names.
    const sent = ctx.faults.has('isdcr.any-media-type') ? await readJsonAnyMediaType(c, fail) : await readJsonObject(c, fail);
    const attributes = ctx.faults.has('isdcr.drop-additional-attributes') ? undefined : readAdditionalAttributes(sent);
    delete sent.additionalAttributes;
    return { metadata: metadataOf(sent, stored), attributes };
  };

  const metadataOf = (sent: Record<string, unknown>, stored?: ClientRecord): ClientMetadata => {
    const body = stored && !ctx.faults.has('isdcr.update-replaces') ? mergeUpdate(stored, sent) : sent;
    if (ctx.faults.has('isdcr.allow-missing-name') && !body.client_name) body.client_name = `app-${newIdentifier().slice(0, 8)}`;
    if (ctx.faults.has('isdcr.accept-jwks-and-jwks-uri') && body.jwks && body.jwks_uri) delete body.jwks_uri;
    if (ctx.faults.has('isdcr.accept-bad-redirect-uri')) delete body.redirect_uris;
    const fapi = ctx.config.profile !== 'generic' && !ctx.faults.has('isdcr.accept-rsa1_5');
    const valueChecks = ctx.faults.has('isdcr.unchecked-registration-values') ? undefined : { nowSeconds: ctx.clock.nowSeconds() };
    const metadata = validateRegistration(body, { fapi, idTokenAlgs: ctx.keys.map((k) => k.alg), valueChecks });
    if (ctx.faults.has('isdcr.echo-unknown-members')) {
      for (const [k, v] of Object.entries(body)) if (!(k in metadata)) metadata[k] = v;
    }
    return metadata;
  };

  const duplicateName = (name: string) => fail(`Application with the name ${name} already exist in the system`);

  app.post(IS_DCR_BASE, async (c) => {
    const { metadata, attributes } = await requestOf(c);
    const clientName = metadata.client_name as string;
    const answer = ctx.store.commitWithAnswer(() => {
      if (!ctx.faults.has('isdcr.allow-duplicate-name') && ctx.store.clients.getByName(clientName)) throw duplicateName(clientName);
      // DCRMService uses a preset id or secret only when it is not empty (StringUtils.isNotEmpty).
      const preset = ctx.faults.has('isdcr.unchecked-registration-values') ? (v: unknown) => v as string | undefined : nonEmpty;
      const presetId = preset(metadata.ext_param_client_id);
      if (presetId !== undefined && ctx.store.clients.get(presetId)) throw fail(`Client id ${presetId} already exist in the system`);
      const publicClient = metadata.ext_public_client === true || metadata.token_endpoint_auth_method === 'none';
      const secret = publicClient ? undefined : (preset(metadata.ext_param_client_secret) ?? newIdentifier());
      // The duplicate fault must still store a row: the unique index is on client_name.
      const name = ctx.store.clients.getByName(clientName) ? `${clientName}#${newIdentifier().slice(0, 6)}` : clientName;
      const record = ctx.store.clients.insert({
        clientId: presetId ?? newIdentifier(),
        clientName: name,
        clientSecret: secret,
        keepSecret: true,
        metadata,
        now: ctx.clock.now(),
      });
      if (attributes) ctx.store.isApplications.setSpProperties(ctx.store.isApplications.forClient(record.clientId)!.appId, attributes);
      return { ...record, clientName };
    }, (client) => applicationDto(ctx, client));
    return jsonText(c, answer, 201);
  });

  app.get(IS_DCR_BASE, (c) => {
    const name = c.req.query('client_name');
    if (!name) throw fail('Insufficient data in the request: client_name query parameter is required');
    const client = ctx.store.clients.getByName(name);
    if (!client) throw notFound(name);
    return c.json(applicationDto(ctx, client), 200, { 'cache-control': 'no-store' });
  });

  app.get(`${IS_DCR_BASE}/:clientId`, (c) => {
    const client = ctx.store.clients.get(c.req.param('clientId'));
    if (!client) throw notFound(c.req.param('clientId'));
    return c.json(applicationDto(ctx, client), 200, { 'cache-control': 'no-store' });
  });

  app.put(`${IS_DCR_BASE}/:clientId`, async (c) => {
    const clientId = c.req.param('clientId');
    const stored = ctx.store.clients.get(clientId);
    if (!stored) throw notFound(clientId);
    const { metadata, attributes } = await requestOf(c, stored);
    const clientName = metadata.client_name as string;
    const answer = ctx.store.commitWithAnswer(() => {
      const other = ctx.store.clients.getByName(clientName);
      if (other && other.clientId !== clientId) throw duplicateName(clientName);
      const updated = ctx.store.clients.update(clientId, { clientName, metadata, now: ctx.clock.now() });
      if (!updated) throw notFound(clientId);
      // The application's SP properties become the ones sent (the fsKeyManager sends the existing
      // ones with its own, apim-surface §5.3 step 4); none sent keeps them.
      if (attributes) ctx.store.isApplications.setSpProperties(ctx.store.isApplications.forClient(clientId)!.appId, attributes);
      return updated;
    }, (updated) => applicationDto(ctx, updated));
    return jsonText(c, answer, 200);
  });

  app.delete(`${IS_DCR_BASE}/:clientId`, (c) => {
    const clientId = c.req.param('clientId');
    if (!ctx.store.clients.get(clientId)) throw notFound(clientId);
    // Deleting the client deletes its tokens too (ON DELETE CASCADE).
    if (!ctx.faults.has('isdcr.delete-keeps-client')) ctx.store.clients.delete(clientId);
    return c.body(null, 204);
  });

  return app;
}
