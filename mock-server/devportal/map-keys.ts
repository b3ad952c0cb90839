import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import { genericInternalError, validationError } from '../errors/apim-exception-codes.ts';
import type { DevportalApplication, KeyMapping } from '../store/devportal.ts';
import { DEVPORTAL_ERRORS } from './devportal-errors.ts';
import type { ApplicationKeyDto, TokenDto } from './dto.ts';
import { checkNotExchanged, registeredKeyManager } from './generate-keys.ts';
import { clientFor, type PortalKeyManager } from './key-manager-access.ts';
import { keyManagerFailure, type KmClient } from './km-client.ts';
import { applicationToken, NO_TOKEN } from './key-tokens.ts';

/**
 * Out-of-band keys (apim-surface §4.8, seed 002; the 1.9 Store's mapExistingOauthClient, seed 001):
 * ApplicationsApiServiceImpl.applicationsApplicationIdMapKeysPost, APIConsumerImpl.mapExistingOAuthClient,
 * ApiMgtDAO.createApplicationKeyTypeMappingForManualClients. The KM's "Out Of Band Provisioning"
 * flag and `[apim.devportal] enable_key_provisioning` only show the portal's button: this call is
 * not gated by them.
 */
export interface MapKeysRequest {
  consumerKey: string;
  consumerSecret: string | undefined;
  keyType: 'PRODUCTION' | 'SANDBOX';
  keyManager: string | undefined;
}

/** Bean validation of ApplicationKeyMappingRequest: consumerKey and keyType required. */
export function readMapKeysRequest(body: Record<string, unknown>): MapKeysRequest {
  const violations: { property: string; message: string }[] = [];
  if (typeof body.consumerKey !== 'string') violations.push({ property: 'consumerKey', message: 'must not be null' });
  const keyType = body.keyType === 'PRODUCTION' || body.keyType === 'SANDBOX' ? body.keyType : undefined;
  if (!keyType) violations.push({ property: 'keyType', message: 'must not be null' });
  if (violations.length > 0) throw validationError(violations);
  return {
    consumerKey: body.consumerKey as string,
    consumerSecret: typeof body.consumerSecret === 'string' ? body.consumerSecret : undefined,
    keyType: keyType!,
    keyManager: typeof body.keyManager === 'string' && body.keyManager !== '' ? body.keyManager : undefined,
  };
}

/** SQLConstants.IS_KEY_MAPPING_EXISTS_FOR_APP_ID_KEY_TYPE_OR_CONSUMER_KEY, scoped to the KM: 409 901409. */
export function checkNotMapped(ctx: SandboxContext, application: DevportalApplication, km: PortalKeyManager, req: MapKeysRequest): void {
  if (ctx.faults.has('oob.allow-duplicate-mapping')) return;
  const sameType = ctx.store.devportal.keyFor(application.id, req.keyType, km.record.id);
  const sameKey = ctx.store.devportal.keyByConsumerKey(km.record.id, req.consumerKey);
  if (sameType || sameKey) throw DEVPORTAL_ERRORS.keyMappingExists();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `enable_provisioned_app_validation` (default true): the client is read from the KM and its secret
 * compared (AMDefaultKeyManagerImpl / WSO2IS7KeyManager.mapOAuthApplication). Any KM error (an
 * unknown client is a 401 there) and a wrong secret are the same 500 900967; no secret at all is
 * the product's NullPointerException.
 */
async function validateAtKeyManager(ctx: SandboxContext, km: PortalKeyManager, req: MapKeysRequest): Promise<KmClient> {
  if (req.consumerSecret === undefined) throw genericInternalError();
  let client: KmClient | null;
  try {
    client = await clientFor(ctx, km).retrieve(req.consumerKey);
  } catch (thrown) {
    const e = keyManagerFailure(thrown);
    ctx.log(`map-keys: key manager ${km.record.name} could not read ${req.consumerKey}: ${e.message}`);
    throw DEVPORTAL_ERRORS.internal();
  }
  if (!client) throw DEVPORTAL_ERRORS.internal();
  if (!ctx.faults.has('oob.skip-secret-check') && (client.clientSecret === null || !same(client.clientSecret, req.consumerSecret))) {
    throw DEVPORTAL_ERRORS.internal();
  }
  return client;
}

export async function mapKeys(ctx: SandboxContext, application: DevportalApplication, req: MapKeysRequest, scopes: readonly string[] = ['default']): Promise<ApplicationKeyDto> {
  const km = registeredKeyManager(ctx, req.keyManager);
  checkNotExchanged(km);
  // Fault oob.map-keys-gated-by-flag: what the product does NOT do (apim-surface §4.8 step 8).
  if (ctx.faults.has('oob.map-keys-gated-by-flag') && km.config.enableMapOAuthConsumerApps !== true) throw DEVPORTAL_ERRORS.keyManagerNoAppCreation();
  checkNotMapped(ctx, application, km, req);
  const validate = ctx.config.apim.keyManager.enableProvisionedAppValidation && !ctx.faults.has('oob.map-without-validation');
  const client = validate ? await validateAtKeyManager(ctx, km, req) : undefined;
  const mapping = recordMapping(ctx, application, km, req, client);
  const token: TokenDto = client ? await applicationToken(ctx, km, client, scopes, false) : NO_TOKEN;
  return {
    keyMappingId: mapping.id,
    // Fault oob.mapped-key-names-km-by-name: the key manager's name whatever the request named it by.
    keyManager: (ctx.faults.has('oob.mapped-key-names-km-by-name') ? undefined : req.keyManager) ?? km.record.name,
    consumerKey: req.consumerKey,
    consumerSecret: client ? client.clientSecret : (req.consumerSecret ?? null),
    supportedGrantTypes: client ? client.grantTypes : [],
    callbackUrl: client && client.redirectUris.length > 0 ? client.redirectUris.join(',') : null,
    keyState: null,
    keyType: req.keyType,
    mode: 'MAPPED',
    groupId: null,
    token,
    additionalProperties: client ? client.additionalProperties : null,
  };
}

/**
 * ApiMgtDAO.createApplicationKeyTypeMappingForManualClients: the MAPPED row (state COMPLETED),
 * the duplicate check repeated inside the transaction. Nothing changes at the key manager.
 */
export function recordMapping(ctx: SandboxContext, application: DevportalApplication, km: PortalKeyManager, req: MapKeysRequest, client: KmClient | undefined): KeyMapping {
  const mapping: KeyMapping = {
    id: randomUUID(), applicationId: application.id, keyType: req.keyType, keyManagerId: km.record.id, consumerKey: req.consumerKey,
    createMode: 'MAPPED', state: 'COMPLETED', createdAt: ctx.clock.now(),
    appInfo: client ? { grantTypes: client.grantTypes, callbackUrl: client.redirectUris.join(','), regulatory: null, properties: {} } : null,
  };
  ctx.store.transaction(() => {
    checkNotMapped(ctx, application, km, req);
    ctx.store.devportal.insertKey(mapping);
  });
  return mapping;
}
