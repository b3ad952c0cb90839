import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import type { ApimCaller } from '../apim-auth/apim-users.ts';
import { badRequest, validationError } from '../errors/apim-exception-codes.ts';
import type { DevportalApplication, KeyMapping } from '../store/devportal.ts';
import { DEVPORTAL_ERRORS } from './devportal-errors.ts';
import type { ApplicationKeyDto } from './dto.ts';
import { clientFor, findKeyManager, isEnabled, keyManagerById, mayUse, type PortalKeyManager } from './key-manager-access.ts';
import { ownedApplication } from './owned-application.ts';
import { checkPropertyValues, checkRegulatoryCertificate, checkRequiredProperties, readAppProperties, type AppProperties } from './application-properties.ts';
import { keyManagerFailure, type ClientRequest, type KeyManagerClient, type KmClient } from './km-client.ts';
import { applicationToken, kmClientName } from './key-tokens.ts';

/**
 * `POST /applications/{applicationId}/generate-keys` (apim-surface §4.6): the 13 checks in the
 * product's order (ApplicationsApiServiceImpl.applicationsApplicationIdGenerateKeysPost,
 * APIConsumerImpl.requestApprovalForApplicationRegistration, AbstractApplicationRegistrationWorkflowExecutor
 * .dogenerateKeysForApplication), one function each, then the client is created at the key
 * manager over HTTP.
 */
export interface GenerateKeysRequest {
  keyType: 'PRODUCTION' | 'SANDBOX';
  grantTypes: string[];
  keyManager: string | undefined;
  callbackUrl: string | null;
  scopes: string[];
  clientId: string | undefined;
  clientSecret: string | undefined;
  additionalProperties: unknown;
}

/** 1. Bean validation: keyType (an unknown value binds to null) and grantTypesToBeSupported. */
export function readGenerateKeysRequest(body: Record<string, unknown>): GenerateKeysRequest {
  const violations: { property: string; message: string }[] = [];
  const keyType = body.keyType === 'PRODUCTION' || body.keyType === 'SANDBOX' ? body.keyType : undefined;
  if (!keyType) violations.push({ property: 'keyType', message: 'must not be null' });
  const grants = body.grantTypesToBeSupported;
  if (!Array.isArray(grants)) violations.push({ property: 'grantTypesToBeSupported', message: 'must not be null' });
  if (violations.length > 0) throw validationError(violations);
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    keyType: keyType!,
    grantTypes: (grants as unknown[]).filter((g): g is string => typeof g === 'string'),
    keyManager: str(body.keyManager),
    callbackUrl: str(body.callbackUrl) ?? null,
    scopes: Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : [],
    clientId: str(body.clientId),
    // A preset secret alone is ignored.
    clientSecret: str(body.clientId) ? str(body.clientSecret) : undefined,
    additionalProperties: body.additionalProperties,
  };
}

/** 2. KM permission, evaluated against `keyManager` as an id (a name matches no permission row). */
function checkKeyManagerPermission(ctx: SandboxContext, caller: ApimCaller, keyManager: string | undefined): void {
  const byId = keyManager ? keyManagerById(ctx, keyManager) : undefined;
  if (byId && !mayUse(byId, caller, ctx.faults.has('devp.ignore-km-permissions'))) throw DEVPORTAL_ERRORS.keyManagerRestricted();
}

/** 4. By name, then UUID; unknown or disabled: 901403. */
export function registeredKeyManager(ctx: SandboxContext, keyManager: string | undefined): PortalKeyManager {
  const km = findKeyManager(ctx, keyManager);
  if (!km || (!isEnabled(km) && !ctx.faults.has('devp.keys-disabled-km'))) throw DEVPORTAL_ERRORS.keyManagerNotRegistered();
  return km;
}

/** 5. An EXCHANGED key manager creates no OAuth applications. */
export function checkNotExchanged(km: PortalKeyManager): void {
  if (km.config.tokenType === 'EXCHANGED') throw DEVPORTAL_ERRORS.keyManagerNoAppCreation();
}

/** 6. `enable_oauth_app_creation`. */
function checkAppCreationEnabled(km: PortalKeyManager): void {
  if (km.config.enableOAuthAppCreation === false) throw DEVPORTAL_ERRORS.keyManagerNoAppCreation();
}

/** 7. A mapping of (application, keyType, this KM) in any state, a failed attempt included. */
function checkNoMapping(ctx: SandboxContext, application: DevportalApplication, keyType: string, km: PortalKeyManager): void {
  if (ctx.faults.has('devp.keys-allow-second-generation')) return;
  if (ctx.store.devportal.keyFor(application.id, keyType, km.record.id)) throw DEVPORTAL_ERRORS.keyMappingExists();
}

/** 8. The code and implicit grants need a callback URL (ApplicationUtils / AMDefaultKeyManagerImpl). */
function checkCallbackUrl(ctx: SandboxContext, req: GenerateKeysRequest): void {
  if (ctx.faults.has('devp.keys-skip-callback-check')) return;
  const redirecting = req.grantTypes.includes('authorization_code') || req.grantTypes.includes('implicit');
  if (redirecting && !req.callbackUrl) {
    throw badRequest('The callback url must have at least one URI value when using Authorization code or implicit grant types.');
  }
}

/** 9. The connector's application configurations. */
function checkProperties(ctx: SandboxContext, km: PortalKeyManager, req: GenerateKeysRequest): AppProperties {
  const props = readAppProperties(req.additionalProperties, km.record.type);
  if (!props || ctx.faults.has('devp.keys-skip-property-validation')) return props ?? {};
  checkRequiredProperties(props, km.record.type);
  checkPropertyValues(props, km.record.type, ctx.faults);
  if (km.record.type === 'fsKeyManager' && !ctx.faults.has('devp.keys-skip-regulatory-certificate')) {
    checkRegulatoryCertificate(props, ctx.clock.nowSeconds());
  }
  return props;
}

/** The ApplicationKey of a fresh generation (ApplicationKeyMappingUtil.fromApplicationKeyToDTO(Map)). */
function generatedKey(mapping: KeyMapping, sentKeyManager: string, client: KmClient, token: ApplicationKeyDto['token']): ApplicationKeyDto {
  return {
    keyMappingId: mapping.id,
    keyManager: sentKeyManager,
    consumerKey: client.clientId,
    consumerSecret: client.clientSecret,
    supportedGrantTypes: client.grantTypes,
    callbackUrl: client.redirectUris.length > 0 ? client.redirectUris.join(',') : null,
    keyState: 'APPROVED',
    keyType: mapping.keyType,
    mode: 'CREATED',
    groupId: null,
    token,
    additionalProperties: client.additionalProperties,
  };
}

/**
 * The fsKeyManager's extra Identity Server calls for a regulatory application after the IS DCR
 * create (FS FSKeyManagerImpl / IdentityServerUtils, apim-surface §5.3): find the client's IS
 * application, read its SP properties, update the client with them plus `regulatory` and
 * `sp_certificate` as `additionalAttributes` and certificate-bound tokens, then set the
 * application certificate. A failure is a KeyManagerCallError (generate-keys: 500 900967); the
 * client already created stays at the Identity Server.
 */
async function regulatoryExtras(kmClient: KeyManagerClient, clientId: string, request: ClientRequest, props: AppProperties): Promise<void> {
  const isApp = await kmClient.isApplicationOf(clientId);
  const certificate = props.sp_certificate ?? '';
  const attributes = { ...isApp.spProperties, regulatory: 'true', sp_certificate: certificate, AppCreateRequest: 'true' };
  const displayName = isApp.spProperties.DisplayName;
  await kmClient.putRegulatoryAttributes(clientId, displayName ? { ...request, applicationName: displayName } : request, attributes);
  await kmClient.patchApplicationCertificate(isApp.appId, certificate);
}

export async function generateKeys(ctx: SandboxContext, caller: ApimCaller, applicationId: string, req: GenerateKeysRequest): Promise<ApplicationKeyDto> {
  checkKeyManagerPermission(ctx, caller, req.keyManager);
  const application = ownedApplication(ctx, caller, applicationId);
  const km = registeredKeyManager(ctx, req.keyManager);
  checkNotExchanged(km);
  if (!ctx.faults.has('devp.keys-despite-app-creation-off')) checkAppCreationEnabled(km);
  checkNoMapping(ctx, application, req.keyType, km);
  checkCallbackUrl(ctx, req);
  const props = checkProperties(ctx, km, req);

  // 10. The mapping row first (state CREATED), then the key manager call.
  const mapping: KeyMapping = {
    id: randomUUID(), applicationId: application.id, keyType: req.keyType, keyManagerId: km.record.id, consumerKey: null,
    createMode: 'CREATED', state: 'CREATED', appInfo: null, createdAt: ctx.clock.now(),
  };
  ctx.store.devportal.insertKey(mapping);
  let client: KmClient;
  try {
    const kmClient = clientFor(ctx, km);
    const request: ClientRequest = {
      clientName: kmClientName(caller.username, application.id, req.keyType),
      applicationName: application.name,
      owner: caller.username,
      grantTypes: req.grantTypes,
      callbackUrl: req.callbackUrl,
      presetClientId: req.clientId,
      presetClientSecret: req.clientSecret,
      properties: props,
    };
    client = await kmClient.create(request);
    if (km.record.type === 'fsKeyManager' && props.regulatory === 'true' && !ctx.faults.has('devp.fs-skip-is-extras')) {
      await regulatoryExtras(kmClient, client.clientId, request, props);
    }
  } catch (thrown) {
    const e = keyManagerFailure(thrown);
    ctx.log(`generate-keys: key manager ${km.record.name} refused the client: ${e.message}`);
    // The row stays (state CREATED, no consumer key) unless the fault cleans it up.
    if (ctx.faults.has('devp.keys-rollback-on-km-failure')) ctx.store.devportal.deleteKey(mapping.id);
    throw DEVPORTAL_ERRORS.internal();
  }
  const appInfo = { grantTypes: client.grantTypes, callbackUrl: client.redirectUris.join(','), regulatory: props.regulatory ?? null, properties: props };
  ctx.store.devportal.completeKey(mapping.id, client.clientId, appInfo);
  // 11. An application token when the KM generates tokens and the client has client_credentials.
  const token = await applicationToken(ctx, km, client, req.scopes, props.regulatory === 'true');
  const sent = ctx.faults.has('devp.keys-answer-km-name') ? km.record.name : (req.keyManager ?? km.record.name);
  return generatedKey(mapping, sent, client, token);
}
