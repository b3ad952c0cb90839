import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import type { KeyManagerRecord } from '../store/key-managers.ts';
import { ordered, type KeyManagerDto } from './key-manager-dto.ts';
import { RESIDENT_KEY_MANAGER, UUID_REGEX } from './key-manager-types.ts';

/**
 * The Resident Key Manager every tenant has (KeyMgtRegistrationService): type from
 * `[apim.key_manager] type`, enabled, REFERENCE token handling with the UUID regex.
 */
export function ensureResidentKeyManager(ctx: SandboxContext): void {
  ctx.store.transaction(() => {
    if (ctx.store.keyManagers.getByName(RESIDENT_KEY_MANAGER)) return;
    const id = randomUUID();
    const config: KeyManagerDto = {
      id,
      name: RESIDENT_KEY_MANAGER,
      displayName: RESIDENT_KEY_MANAGER,
      type: ctx.config.apim.keyManager.type,
      description: 'This is Resident Key Manager',
      endpoints: [],
      claimMapping: [],
      tokenValidation: [{ id: null, enable: true, type: 'REFERENCE', value: UUID_REGEX }],
      enabled: true,
      global: false,
      additionalProperties: {},
      permissions: { permissionType: 'PUBLIC', roles: [] },
      tokenType: 'DIRECT',
    };
    ctx.store.keyManagers.insert({ id, name: RESIDENT_KEY_MANAGER, type: config.type as string, config }, 0);
  });
}

export const isResident = (r: KeyManagerRecord) => r.name === RESIDENT_KEY_MANAGER;

/**
 * APIUtil.getAndSetDefaultKeyManagerConfiguration: what the Resident Key Manager reads from API
 * Manager's own Identity Server when it is not stored. `enable_map_oauth_consumer_apps` follows
 * `[apim.devportal] enable_key_provisioning` until the first PUT stores the flags.
 */
export function withResidentDefaults(ctx: SandboxContext, stored: KeyManagerDto): KeyManagerDto {
  const am = ctx.urls.apim;
  const defaults: KeyManagerDto = {
    issuer: `${am}/oauth2/token`,
    clientRegistrationEndpoint: `${am}/keymanager-operations/dcr/register`,
    introspectionEndpoint: `${am}/oauth2/introspect`,
    tokenEndpoint: `${am}/oauth2/token`,
    revokeEndpoint: `${am}/oauth2/revoke`,
    userInfoEndpoint: `${am}/oauth2/userinfo?schema=openid`,
    authorizeEndpoint: `${am}/oauth2/authorize`,
    scopeManagementEndpoint: `${am}/api/identity/oauth2/v1.0/scopes`,
    certificates: { type: 'JWKS', value: `${am}/oauth2/jwks` },
    availableGrantTypes: ['refresh_token', 'password', 'client_credentials', 'authorization_code', 'implicit',
      'urn:ietf:params:oauth:grant-type:saml2-bearer', 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'urn:ietf:params:oauth:grant-type:token-exchange', 'urn:ietf:params:oauth:grant-type:device_code'],
    enableTokenGeneration: true,
    enableTokenEncryption: false,
    enableTokenHashing: false,
    enableOAuthAppCreation: true,
    enableMapOAuthConsumerApps: ctx.config.apim.devportal.enableKeyProvisioning,
    enableSelfValidationJWT: true,
    consumerKeyClaim: 'azp',
    scopesClaim: 'scope',
  };
  const merged: KeyManagerDto = { ...stored };
  for (const [k, v] of Object.entries(defaults)) if (merged[k] === undefined || merged[k] === null) merged[k] = v;
  const additional = { ...((merged.additionalProperties as Record<string, unknown> | null) ?? {}) };
  additional.self_validate_jwt ??= merged.enableSelfValidationJWT;
  merged.additionalProperties = additional;
  return ordered(merged);
}
