import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireAdminBasic } from '../security/admin-basic.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { IsApiError } from '../errors/is-api-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import { newIdentifier } from '../is-dcr/is-dcr-app.ts';
import type { ClientMetadata, ClientRecord } from '../store/clients.ts';

/** The super tenant is served with and without `/t/carbon.super` (keymanager-operations.yaml). */
export const KMOPS_BASES = ['/keymanager-operations/dcr/register', '/t/carbon.super/keymanager-operations/dcr/register'];

/** ExtendedDCRMUtils.handleErrorResponse: BAD_REQUEST_* and CONFLICT_* are 400 with `code: null`. */
const clientMetadataError = (description: string, message = 'invalid_client_metadata') => new IsApiError(400, null, message, description);

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/**
 * keymanager-operations DCR (apim-km-wso2is 1.7.11 DcrApiServiceImpl): the client registration
 * endpoint of the `default`, `WSO2-IS` and `ObKeyManager` key managers (seed 004 OBKM). Client
 * ids in paths are base64url-encoded; an unknown client answers a bare 401.
 */
export function kmopsApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const f = (name: Parameters<typeof ctx.faults.has>[0]) => ctx.faults.has(name);
  const unauthorized = () => new StatusOnlyError(401, 'admin authentication failed', { 'www-authenticate': 'Basic realm="WSO2 Identity Server"' });

  /** ApplicationDTO of keymanager-operations: nulls kept, client_secret_expires_at always null. */
  const application = (c: ClientRecord) => {
    const m = c.metadata;
    return {
      client_id: c.clientId,
      client_secret: c.clientSecret ?? null,
      client_secret_expires_at: null,
      redirect_uris: m.redirect_uris ?? [],
      client_name: c.clientName,
      grant_types: m.grant_types ?? [],
      ext_application_owner: m.ext_application_owner ?? ctx.config.admin.username,
      ext_application_token_lifetime: m.ext_application_token_lifetime ?? ctx.config.tokens.accessTokenTtl,
      ext_user_token_lifetime: m.ext_user_token_lifetime ?? ctx.config.tokens.accessTokenTtl,
      ext_refresh_token_lifetime: m.ext_refresh_token_lifetime ?? ctx.config.tokens.refreshTokenTtl,
      ext_id_token_lifetime: m.ext_id_token_lifetime ?? ctx.config.tokens.idTokenTtl,
      pkceMandatory: m.ext_pkce_mandatory === true,
      pkceSupportPlain: m.ext_pkce_support_plain === true,
      bypassClientCredentials: m.ext_public_client === true,
      token_type_extension: m.token_type_extension ?? 'JWT',
    };
  };

  /** The registration request in the client store's (IS DCR) member names. */
  const metadataOf = (body: Record<string, unknown>, stored?: ClientMetadata): ClientMetadata => {
    const m: ClientMetadata = { ...(stored ?? {}) };
    const set = (k: string, v: unknown) => {
      if (v !== undefined) m[k] = v;
    };
    // DCRMService.updateApplication keeps the stored grant types and callback when the update's list is empty.
    const list = (v: unknown) => {
      const l = strings(v);
      return stored && l?.length === 0 && !f('kmops.update-clears-empty-lists') ? undefined : l;
    };
    set('grant_types', list(body.grant_types));
    set('redirect_uris', list(body.redirect_uris));
    // application_display_name is read and not answered (the Application has no such member): not kept.
    set('ext_application_owner', typeof body.ext_application_owner === 'string' ? body.ext_application_owner : undefined);
    for (const k of ['ext_application_token_lifetime', 'ext_user_token_lifetime', 'ext_refresh_token_lifetime', 'ext_id_token_lifetime']) set(k, num(body[k]));
    if (typeof body.pkceMandatory === 'boolean') m.ext_pkce_mandatory = body.pkceMandatory;
    if (typeof body.pkceSupportPlain === 'boolean') m.ext_pkce_support_plain = body.pkceSupportPlain;
    if (typeof body.bypassClientCredentials === 'boolean') m.ext_public_client = body.bypassClientCredentials;
    set('token_type_extension', typeof body.token_type_extension === 'string' ? body.token_type_extension : undefined);
    for (const uri of (m.redirect_uris as string[] | undefined) ?? []) {
      let ok = false;
      try {
        ok = !new URL(uri).hash;
      } catch {
        // not an absolute URI: ok stays false
      }
      if (!ok && !f('kmops.accept-bad-redirect-uri')) throw clientMetadataError(`Invalid redirect URI: ${uri}`, 'invalid_redirect_uri');
    }
    return m;
  };

  /** The client named by the base64url path segment; NOT_FOUND_* is a bare 401. */
  const clientOf = (c: Context<SandboxEnv>, status = 401): ClientRecord => {
    const clientId = Buffer.from(c.req.param('b64') ?? '', 'base64url').toString('utf8');
    const client = ctx.store.clients.get(f('kmops.raw-client-id') ? (c.req.param('b64') ?? '') : clientId);
    if (!client) {
      if (status === 500 && f('kmops.owner-errors-400')) throw clientMetadataError(`Application not found: ${clientId}`);
      if (status === 401 && f('kmops.unknown-client-404')) throw new IsApiError(404, null, 'not_found', `Application not found: ${clientId}`);
      throw new StatusOnlyError(status, 'Application not found');
    }
    return client;
  };

  const read = (c: Context<SandboxEnv>) => readJsonObject(c, (d) => clientMetadataError(d));

  for (const base of KMOPS_BASES) {
    if (base.startsWith('/t/') && f('kmops.no-tenant-path')) continue;
    if (!f('kmops.no-admin-auth')) app.use(`${base}/*`, requireAdminBasic(ctx, unauthorized));

    app.post(base, async (c) => {
      const body = await read(c);
      const name = typeof body.client_name === 'string' ? body.client_name : '';
      if (name.trim() === '' && !f('kmops.nameless-client')) throw clientMetadataError('The client name is missing or empty.');
      const metadata = metadataOf(body);
      const record = ctx.store.transaction(() => {
        const taken = ctx.store.clients.getByName(name);
        if (taken && !f('kmops.duplicate-409')) throw clientMetadataError(`Application with the name ${name} already exist in the system`);
        if (taken) throw new IsApiError(409, null, 'invalid_client_metadata', `Application with the name ${name} already exist in the system`);
        const preset = !f('kmops.preset-credentials-ignored');
        const presetId = preset && typeof body.ext_param_client_id === 'string' && body.ext_param_client_id !== '' ? body.ext_param_client_id : undefined;
        if (presetId && ctx.store.clients.get(presetId)) throw clientMetadataError(`Client id ${presetId} already exist in the system`);
        const presetSecret = preset && typeof body.ext_param_client_secret === 'string' && body.ext_param_client_secret !== '' ? body.ext_param_client_secret : undefined;
        return ctx.store.clients.insert({
          clientId: presetId ?? newIdentifier(),
          clientName: name,
          clientSecret: metadata.ext_public_client === true ? undefined : (presetSecret ?? newIdentifier()),
          keepSecret: true,
          metadata,
          now: ctx.clock.now(),
        });
      });
      return c.json(application(record), f('kmops.register-200') ? 200 : 201);
    });

    app.get(`${base}/:b64`, (c) => c.json(application(clientOf(c))));

    app.put(`${base}/:b64`, async (c) => {
      const client = clientOf(c);
      const body = await read(c);
      const name = typeof body.client_name === 'string' && body.client_name !== '' ? body.client_name : client.clientName;
      const metadata = metadataOf(body, client.metadata);
      const updated = ctx.store.transaction(() => {
        const other = ctx.store.clients.getByName(name);
        // The service provider update fails as a DCRMServerException (FAILED_TO_UPDATE_SP), which
        // DcrApiServiceImpl.updateApplication answers as a bare 500 (apim-km-wso2is 1.7.11 DCRMService.updateServiceProvider).
        if (other && other.clientId !== client.clientId && f('kmops.rename-conflict-400')) throw clientMetadataError(`Application with the name ${name} already exist in the system`);
        if (other && other.clientId !== client.clientId) throw new StatusOnlyError(500, 'service provider update failed');
        return ctx.store.clients.update(client.clientId, { clientName: name, metadata, now: ctx.clock.now() });
      });
      return c.json(application(updated!));
    });

    app.delete(`${base}/:b64`, (c) => {
      const client = clientOf(c);
      if (!f('kmops.delete-keeps-client')) ctx.store.clients.delete(client.clientId);
      return c.body(null, 204);
    });

    // Any failure of these two is a bare 500 in the product (DcrApiServiceImpl catches and answers 500).
    app.post(`${base}/:b64/change-owner`, (c) => {
      const client = clientOf(c, 500);
      const owner = c.req.query('applicationOwner');
      if (!owner) throw new StatusOnlyError(500, 'applicationOwner missing');
      const metadata = f('kmops.change-owner-ignored') ? client.metadata : { ...client.metadata, ext_application_owner: owner };
      const updated = ctx.store.clients.update(client.clientId, { clientName: client.clientName, metadata, now: ctx.clock.now() });
      return c.json(application(updated!));
    });

    app.post(`${base}/:b64/regenerate-consumer-secret`, (c) => {
      const client = clientOf(c, 500);
      const secret = f('kmops.regenerate-same-secret') && client.clientSecret ? client.clientSecret : newIdentifier();
      const updated = ctx.store.transaction(() => {
        // Identity Server revokes the client's active tokens with the old secret (updateAppAndRevokeTokensAndAuthzCodes).
        if (!f('kmops.regenerate-keeps-tokens')) ctx.store.tokens.revokeClient(client.clientId, ctx.clock.nowSeconds());
        return ctx.store.clients.replaceSecret(client.clientId, secret, true, ctx.clock.now());
      });
      return c.json(application(updated!));
    });
  }
  return app;
}
