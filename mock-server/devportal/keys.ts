import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import type { ApimCaller } from '../apim-auth/apim-users.ts';
import { ApimError } from '../errors/apim-error.ts';
import { genericInternalError, resourceNotFound } from '../errors/apim-exception-codes.ts';
import { readPortalJson } from './portal-json.ts';
import type { DevportalApplication, KeyMapping } from '../store/devportal.ts';
import { DEVPORTAL_ERRORS, forbidden, tokenError } from './devportal-errors.ts';
import type { ApplicationKeyDto } from './dto.ts';
import { generateKeys, readGenerateKeysRequest } from './generate-keys.ts';
import { clientFor, isEnabled, keyManagerById, mayUse, type PortalKeyManager } from './key-manager-access.ts';
import { keyManagerFailure, type KeyManagerClient, type KmClient } from './km-client.ts';
import { kmClientName, withholdsRegulatoryTokens } from './key-tokens.ts';
import { mapKeys, readMapKeysRequest } from './map-keys.ts';
import { ownedApplication } from './owned-application.ts';
import { readAppProperties } from './application-properties.ts';

const BASE = '/api/am/devportal/v3/applications/:applicationId';

const LISTED_TOKEN = { accessToken: null, tokenScopes: [], validityTime: 0 };

/** Delete a generated client at its key manager (DCR DELETE); a KM that is gone or refuses is logged. */
export async function deleteKeyAtKeyManager(ctx: SandboxContext, key: KeyMapping): Promise<void> {
  const km = keyManagerById(ctx, key.keyManagerId);
  if (!km || !key.consumerKey) return;
  try {
    await clientFor(ctx, km).delete(key.consumerKey);
  } catch (thrown) {
    const e = keyManagerFailure(thrown);
    ctx.log(`deleting ${key.consumerKey} at ${km.record.name} failed: ${e.message}`);
  }
}

/**
 * fsKeyManager `retrieveApplication` (apim-surface §5.3): the client's IS application is found and
 * read (steps 1-2) and its `regulatory` / `sp_certificate` SP properties join the key's additional
 * properties. A failed call throws, so the listing drops the key (900954 inside the KM).
 */
async function regulatoryProperties(kmClient: KeyManagerClient, clientId: string): Promise<Record<string, string>> {
  const { spProperties } = await kmClient.isApplicationOf(clientId);
  const merged: Record<string, string> = {};
  for (const name of ['regulatory', 'sp_certificate']) if (spProperties[name] !== undefined) merged[name] = spProperties[name];
  return merged;
}

/**
 * One listed key (AbstractAPIManager.getApplicationKeys, apim-surface §4.7): re-read from the KM;
 * undefined (dropped) when the KM is gone, disabled or its GET errors. A half-made key is listed
 * without a consumer key; a MAPPED key without validation is listed without a KM call.
 */
async function listedKey(ctx: SandboxContext, key: KeyMapping): Promise<ApplicationKeyDto | undefined> {
  const km = keyManagerById(ctx, key.keyManagerId);
  if (!km) return undefined;
  if (!isEnabled(km) && !ctx.faults.has('devp.list-keys-of-disabled-km')) return undefined;
  const base: ApplicationKeyDto = {
    keyMappingId: key.id, keyManager: km.record.name, consumerKey: key.consumerKey, consumerSecret: null,
    supportedGrantTypes: [], callbackUrl: null, keyState: key.state, keyType: key.keyType, mode: key.createMode,
    groupId: null, token: LISTED_TOKEN, additionalProperties: null,
  };
  if (!key.consumerKey) return base;
  if (key.createMode === 'MAPPED' && !ctx.config.apim.keyManager.enableProvisionedAppValidation) return base;
  let client: KmClient | null;
  const kmClient = clientFor(ctx, km);
  try {
    client = await kmClient.retrieve(key.consumerKey);
    if (client && km.record.type === 'fsKeyManager' && !ctx.faults.has('devp.list-without-sp-properties')) {
      client = { ...client, additionalProperties: { ...client.additionalProperties, ...(await regulatoryProperties(kmClient, client.clientId)) } };
    }
  } catch (thrown) {
    const e = keyManagerFailure(thrown);
    ctx.log(`listing keys: ${km.record.name} could not read ${key.consumerKey}: ${e.message}`);
    if (ctx.faults.has('devp.list-keys-despite-km-error')) return base;
    return undefined;
  }
  if (!client) {
    // Fault devp.list-drops-key-the-km-lost: a 404 drops the key as an error would.
    if (ctx.faults.has('devp.list-drops-key-the-km-lost')) return undefined;
    // A 404 at the KM: the stored APP_INFO stands in.
    const info = key.appInfo as { grantTypes?: string[]; callbackUrl?: string } | null;
    return { ...base, supportedGrantTypes: info?.grantTypes ?? [], callbackUrl: info?.callbackUrl || null };
  }
  return {
    ...base,
    consumerSecret: client.clientSecret,
    supportedGrantTypes: client.grantTypes,
    callbackUrl: client.redirectUris.length > 0 ? client.redirectUris.join(',') : null,
    additionalProperties: client.additionalProperties,
  };
}

/** A key of the caller's application; for PUT an unknown mapping or another owner's is 403. */
function keyOf(ctx: SandboxContext, application: DevportalApplication, keyMappingId: string): KeyMapping | undefined {
  const key = ctx.store.devportal.key(keyMappingId);
  return key && (key.applicationId === application.id || ctx.faults.has('devp.key-through-any-application')) ? key : undefined;
}

function kmOfKey(ctx: SandboxContext, key: KeyMapping): PortalKeyManager {
  const km = keyManagerById(ctx, key.keyManagerId);
  if (!km) throw DEVPORTAL_ERRORS.keyManagerNotFound();
  return km;
}

/** ApplicationsApiServiceImpl…GenerateTokenPost / APIConsumerImpl.renewAccessToken (apim-surface §4.10). */
async function portalToken(ctx: SandboxContext, key: KeyMapping, body: Record<string, unknown>): Promise<{ accessToken: string; tokenScopes: string[]; validityTime: number }> {
  if (typeof body.validityPeriod !== 'number' && !ctx.faults.has('devp.token-without-validity-period')) throw genericInternalError();
  const km = keyManagerById(ctx, key.keyManagerId);
  if (!km) throw tokenError(901403, `Key Manager ${key.keyManagerId} couldn't found.`);
  if (km.config.enableTokenGeneration === false && !ctx.faults.has('devp.token-ignores-km-setting')) {
    throw tokenError(901405, 'Key Manager didn\'t support to generate token Generation From portal');
  }
  if (!isEnabled(km) && !ctx.faults.has('devp.token-at-disabled-km')) throw tokenError(901406, `Key Manager ${km.record.name} not enabled`);
  const info = key.appInfo as { regulatory?: string | null } | null;
  if (info?.regulatory === 'true' && withholdsRegulatoryTokens(km)) throw genericInternalError(); // [derived] the KM returns no token
  const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : [];
  const kmClient = clientFor(ctx, km);
  const sent = ctx.faults.has('devp.token-ignores-request-secret') ? undefined : body.consumerSecret;
  let secret = typeof sent === 'string' && sent !== '' ? sent : undefined;
  try {
    if (!secret && !(key.createMode === 'MAPPED' && !ctx.config.apim.keyManager.enableProvisionedAppValidation)) {
      secret = (await kmClient.retrieve(key.consumerKey!))?.clientSecret ?? undefined;
    }
    const t = await kmClient.token(key.consumerKey!, secret ?? '', scopes);
    return { accessToken: t.accessToken, tokenScopes: t.scopes, validityTime: t.validityTime };
  } catch (thrown) {
    const e = keyManagerFailure(thrown);
    // AMDefaultKeyManagerImpl: the token endpoint's reason (KMClientErrorDecoder) after the prefix.
    if (ctx.faults.has('devp.token-error-without-km-reason')) throw tokenError(900967, 'Error occurred while calling token endpoint');
    throw tokenError(900967, `Error occurred while calling token endpoint - ${e.message}`);
  }
}

export function keyRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const caller = (c: { get(k: 'apimCaller'): ApimCaller }) => c.get('apimCaller');

  app.post(`${BASE}/generate-keys`, async (c) => {
    const req = readGenerateKeysRequest(await readPortalJson(ctx, c));
    return c.json(await generateKeys(ctx, caller(c), c.req.param('applicationId'), req));
  });

  app.post(`${BASE}/map-keys`, async (c) => {
    const req = readMapKeysRequest(await readPortalJson(ctx, c));
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    return c.json(await mapKeys(ctx, application, req));
  });

  app.get(`${BASE}/oauth-keys`, async (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const list: ApplicationKeyDto[] = [];
    for (const key of ctx.store.devportal.keysOf(application.id)) {
      const listed = await listedKey(ctx, key);
      if (listed) list.push(listed);
    }
    return c.json({ count: list.length, list });
  });

  app.get(`${BASE}/oauth-keys/:keyMappingId`, async (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const key = keyOf(ctx, application, c.req.param('keyMappingId'));
    const listed = key ? await listedKey(ctx, key) : undefined;
    // [derived] an unknown mapping: 200 with an empty body.
    return listed ? c.json(listed) : c.body(null, 200);
  });

  app.put(`${BASE}/oauth-keys/:keyMappingId`, async (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const body = await readPortalJson(ctx, c);
    const key = keyOf(ctx, application, c.req.param('keyMappingId'));
    if (!key?.consumerKey) throw forbidden('application', application.id);
    const km = kmOfKey(ctx, key);
    if (!mayUse(km, caller(c))) throw DEVPORTAL_ERRORS.keyManagerRestricted();
    const grantTypes = Array.isArray(body.supportedGrantTypes) ? body.supportedGrantTypes.filter((g): g is string => typeof g === 'string') : [];
    const props = readAppProperties(body.additionalProperties, km.record.type) ?? {};
    let client: KmClient;
    try {
      // Fault devp.key-update-not-at-km: the key manager's client is left as it was.
      const kept = ctx.faults.has('devp.key-update-not-at-km') ? await clientFor(ctx, km).retrieve(key.consumerKey) : undefined;
      client = kept ?? await clientFor(ctx, km).update(key.consumerKey, {
        clientName: kmClientName(application.owner, application.id, key.keyType), applicationName: application.name, owner: application.owner,
        grantTypes, callbackUrl: typeof body.callbackUrl === 'string' && body.callbackUrl !== '' ? body.callbackUrl : null, properties: props,
      });
    } catch (thrown) {
      const e = keyManagerFailure(thrown);
      ctx.log(`updating ${key.consumerKey} at ${km.record.name} failed: ${e.message}`);
      // WSO2-KMC-05: the v3 PUT has no catch, the exception mapper's generic 900967.
      if (!ctx.faults.has('devp.key-update-ignores-km-refusal')) throw DEVPORTAL_ERRORS.internal();
      client = { clientId: key.consumerKey, clientSecret: null, clientName: '', grantTypes, redirectUris: typeof body.callbackUrl === 'string' && body.callbackUrl !== '' ? [body.callbackUrl] : [], additionalProperties: {} };
    }
    // Fault devp.key-update-answers-stored-names: the stored mapping id and key manager name, whatever the body sends.
    ctx.store.devportal.updateKeyInfo(key.id, { ...(key.appInfo ?? {}), grantTypes: client.grantTypes, callbackUrl: client.redirectUris.join(',') });
    return c.json({
      keyMappingId: typeof body.keyMappingId === 'string' && !ctx.faults.has('devp.key-update-answers-stored-names') ? body.keyMappingId : key.id,
      keyManager: typeof body.keyManager === 'string' && !ctx.faults.has('devp.key-update-answers-stored-names') ? body.keyManager : km.record.name,
      consumerKey: client.clientId, consumerSecret: client.clientSecret, supportedGrantTypes: client.grantTypes,
      callbackUrl: client.redirectUris.length > 0 ? client.redirectUris.join(',') : null,
      keyState: null, keyType: key.keyType, mode: null, groupId: null, token: null, additionalProperties: client.additionalProperties,
    } satisfies ApplicationKeyDto);
  });

  app.delete(`${BASE}/oauth-keys/:keyMappingId`, async (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const key = keyOf(ctx, application, c.req.param('keyMappingId'));
    if (!key) throw new ApimError(500, 'Internal Server Error', 'Error occurred while application key delete process');
    const deletesAtKm = key.createMode === 'CREATED' ? !ctx.faults.has('devp.key-delete-keeps-km-client') : ctx.faults.has('devp.key-delete-removes-mapped-client');
    if (deletesAtKm) await deleteKeyAtKeyManager(ctx, key);
    ctx.store.devportal.deleteKey(key.id);
    return c.body(null, 200);
  });

  app.post(`${BASE}/oauth-keys/:keyMappingId/clean-up`, (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const key = keyOf(ctx, application, c.req.param('keyMappingId'));
    if (!key) throw new ApimError(500, 'Internal Server Error', 'Error occurred while application key cleanup process');
    ctx.store.devportal.deleteKey(key.id);
    return c.body(null, 200);
  });

  app.post(`${BASE}/oauth-keys/:keyMappingId/regenerate-secret`, async (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const key = keyOf(ctx, application, c.req.param('keyMappingId'));
    // [status unconfirmed] no response object for an unknown mapping.
    if (!key?.consumerKey) return c.body(null, 204);
    const km = kmOfKey(ctx, key);
    let secret: string | null;
    try {
      secret = await clientFor(ctx, km).regenerateSecret(key.consumerKey);
      if (secret === null && ctx.faults.has('devp.regenerate-is7-secret')) secret = randomUUID().replaceAll('-', '');
    } catch (thrown) {
      const e = keyManagerFailure(thrown);
      ctx.log(`regenerating the secret of ${key.consumerKey} at ${km.record.name} failed: ${e.message}`);
      // WSO2-KMC-05: no catch in the v3 regenerate-secret either.
      if (!ctx.faults.has('devp.regenerate-ignores-km-refusal')) throw DEVPORTAL_ERRORS.internal();
      secret = randomUUID().replaceAll('-', '');
    }
    // An ApplicationKey with only the pair set (not the OpenAPI's ApplicationKeyReGenerateResponse).
    return c.json({
      keyMappingId: null, keyManager: null, consumerKey: key.consumerKey, consumerSecret: secret, supportedGrantTypes: [], callbackUrl: null,
      keyState: null, keyType: null, mode: null, groupId: null, token: null, additionalProperties: null,
    } satisfies ApplicationKeyDto);
  });

  app.post(`${BASE}/oauth-keys/:keyMappingId/generate-token`, async (c) => {
    const application = ownedApplication(ctx, caller(c), c.req.param('applicationId'));
    const body = await readPortalJson(ctx, c);
    const keyMappingId = c.req.param('keyMappingId');
    const key = keyOf(ctx, application, keyMappingId);
    if (!key?.consumerKey) throw resourceNotFound('application consumer key', keyMappingId);
    return c.json(await portalToken(ctx, key, body));
  });
}
