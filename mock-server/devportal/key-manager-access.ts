import type { SandboxContext } from '../context.ts';
import type { ApimCaller } from '../apim-auth/apim-users.ts';
import type { KeyManagerDto } from '../admin-key-managers/key-manager-dto.ts';
import { ordered } from '../admin-key-managers/key-manager-dto.ts';
import { isResident, withResidentDefaults } from '../admin-key-managers/resident-key-manager.ts';
import { field, RESIDENT_KEY_MANAGER, type ConnectorField } from '../admin-key-managers/key-manager-types.ts';
import type { KeyManagerRecord } from '../store/key-managers.ts';
import { KeyManagerClient } from './km-client.ts';

/** A key manager as the portal uses it: its stored record and its effective configuration. */
export interface PortalKeyManager {
  record: KeyManagerRecord;
  config: KeyManagerDto;
}

// `new ConfigurationDto(name, label, type, tooltip, default, required, mask, values, multiple)` of the
// connectors' getApplicationConfigurations: AM44 DefaultKeyManagerConnectorConfiguration (and KMIS
// WSO2ISConnectorConfiguration), KMIS7 WSO2IS7ConnectorConfiguration. Labels keep their trailing spaces.
const checkbox = (name: string, label: string, tooltip: string) => field(name, label, { type: 'checkbox', default: 'false', tooltip });
const lifetime = (name: string, label: string) => field(name, label, { default: 'N/A', tooltip: `Type ${label.trim()} in seconds ` });
const pkce = (mandatory: string, plain: string, publicClient: string) => [
  checkbox(mandatory, 'Enable PKCE', 'Enable PKCE'),
  checkbox(plain, 'Support PKCE Plain text', 'S256 is recommended, plain text too can be used.'),
  checkbox(publicClient, 'Public client', 'Allow authentication without the client secret.'),
];

// The tables are built per call, as in admin-key-managers/key-manager-types.ts: Stryker then
// attributes their mutants to the scenarios that read them, not to the whole suite.
const defaultAppConfig = () => [
  lifetime('application_access_token_expiry_time', 'Application Access Token Expiry Time '),
  lifetime('user_access_token_expiry_time', 'User Access Token Expiry Time '),
  lifetime('refresh_token_expiry_time', 'Refresh Token Expiry Time '),
  // The source's tooltip says "ID" where the label says "Id".
  field('id_token_expiry_time', 'Id Token Expiry Time', { default: 'N/A', tooltip: 'Type ID Token Expiry Time in seconds ' }),
];
const defaultPkce = () => pkce('pkceMandatory', 'pkceSupportPlain', 'bypassClientCredentials');
const is7AppConfig = () => [
  lifetime('ext_application_token_lifetime', 'Lifetime of the Application Token '),
  lifetime('ext_user_token_lifetime', 'Lifetime of the User Token '),
  lifetime('ext_refresh_token_lifetime', 'Lifetime of the Refresh Token '),
  lifetime('ext_id_token_lifetime', 'Lifetime of the ID Token'),
  ...pkce('ext_pkce_mandatory', 'ext_pkce_support_plain', 'ext_public_client'),
];
/** `[[financial_services.keymanager.application.type.attributes]]` of the FS deployment.toml (seed 000's form). */
const regulatoryAttributes = (required: boolean) => [
  field('regulatory', 'Regulatory Application', { type: 'select', required, values: ['true', 'false'], tooltip: 'Is this application complied to Open Banking' }),
  field('sp_certificate', 'Application Certificate', { tooltip: 'Application Certificate - Mandatory if private_key_jwt Token method is selected' }),
];

/** The application configurations of each connector (apim-surface §3.10). */
export function applicationConfiguration(type: string): ConnectorField[] {
  switch (type) {
    case 'WSO2-IS-7': return is7AppConfig();
    case 'fsKeyManager': return [...is7AppConfig(), ...regulatoryAttributes(true)];
    case 'ObKeyManager': return [...defaultAppConfig(), ...regulatoryAttributes(false)];
    default: return [...defaultAppConfig(), ...defaultPkce()];
  }
}

function effective(ctx: SandboxContext, record: KeyManagerRecord): PortalKeyManager {
  return { record, config: isResident(record) ? withResidentDefaults(ctx, record.config) : ordered(record.config) };
}

/** `keyManager` of a request: by name, then by UUID (APIUtil.getKeyManagerConfiguration*). Default: Resident. */
export function findKeyManager(ctx: SandboxContext, nameOrId: string | undefined): PortalKeyManager | undefined {
  const wanted = nameOrId ?? RESIDENT_KEY_MANAGER;
  const record = ctx.store.keyManagers.getByName(wanted) ?? ctx.store.keyManagers.get(wanted);
  return record ? effective(ctx, record) : undefined;
}

export function keyManagerById(ctx: SandboxContext, id: string): PortalKeyManager | undefined {
  const record = ctx.store.keyManagers.get(id);
  return record ? effective(ctx, record) : undefined;
}

export const isEnabled = (km: PortalKeyManager) => km.config.enabled !== false;

/** KeyManagerPermissionConfigurationDTO: PUBLIC, or ALLOW/DENY for a list of roles. */
export function mayUse(km: PortalKeyManager, caller: ApimCaller, ignore = false): boolean {
  if (ignore) return true;
  const p = km.config.permissions as { permissionType?: string; roles?: string[] } | null | undefined;
  const type = p?.permissionType ?? 'PUBLIC';
  const roles = p?.roles ?? [];
  if (type === 'ALLOW') return caller.superAdmin || roles.some((r) => caller.roles.includes(r));
  if (type === 'DENY') return !roles.some((r) => caller.roles.includes(r));
  return true;
}

/** The connector's credentials: `Username`/`Password`, or `[apim.key_manager]`'s for the Resident KM. */
export function clientFor(ctx: SandboxContext, km: PortalKeyManager): KeyManagerClient {
  const props = (km.config.additionalProperties ?? {}) as Record<string, unknown>;
  const username = typeof props.Username === 'string' ? props.Username : ctx.config.admin.username;
  const password = typeof props.Password === 'string' ? props.Password : ctx.config.admin.password;
  return new KeyManagerClient(ctx, km.config, { username, password });
}

/** Devportal KeyManagerInfo (AM44 store/v1 KeyManagerMappingUtil). */
export function keyManagerInfo(km: PortalKeyManager, faults: { has(name: string): boolean }) {
  const c = km.config;
  const props = (c.additionalProperties ?? {}) as Record<string, unknown>;
  const endpoints: Record<string, unknown> = {};
  for (const k of ['production_token_endpoint', 'sandbox_token_endpoint', 'production_revoke_endpoint', 'sandbox_revoke_endpoint']) {
    if (props[k] !== undefined) endpoints[k] = props[k];
  }
  // Fault devp.km-list-shows-credentials: every additional property, the connector's Username and Password too.
  if (faults.has('devp.km-list-shows-credentials')) Object.assign(endpoints, props);
  return {
    id: km.record.id,
    name: km.record.name,
    type: km.record.type,
    displayName: c.displayName ?? km.record.name,
    description: c.description ?? null,
    enabled: c.enabled !== false,
    availableGrantTypes: c.availableGrantTypes ?? [],
    // Fault devp.km-list-ignores-display-endpoints: the real endpoints whatever display ones are set.
    tokenEndpoint: (faults.has('devp.km-list-ignores-display-endpoints') ? undefined : c.displayTokenEndpoint) ?? c.tokenEndpoint ?? null,
    revokeEndpoint: (faults.has('devp.km-list-ignores-display-endpoints') ? undefined : c.displayRevokeEndpoint) ?? c.revokeEndpoint ?? null,
    userInfoEndpoint: c.userInfoEndpoint ?? null,
    enableTokenGeneration: c.enableTokenGeneration !== false,
    enableTokenEncryption: c.enableTokenEncryption === true,
    enableTokenHashing: c.enableTokenHashing === true,
    enableOAuthAppCreation: c.enableOAuthAppCreation !== false,
    enableMapOAuthConsumerApps: c.enableMapOAuthConsumerApps === true,
    // Fault devp.app-config-tooltips-are-labels: every field's tooltip is its label, as ConfigurationDto's defaults would have it.
    applicationConfiguration: faults.has('devp.km-list-without-app-config') ? []
      : faults.has('devp.app-config-tooltips-are-labels') ? applicationConfiguration(km.record.type).map((f) => ({ ...f, tooltip: f.label }))
        : applicationConfiguration(km.record.type),
    alias: c.alias ?? null,
    additionalProperties: endpoints,
    tokenType: c.tokenType ?? 'DIRECT',
  };
}
