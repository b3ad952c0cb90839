/**
 * The key manager connectors installed in the sandbox's API Manager (apim-surface §3.10): their
 * connection configurations (the Admin portal's "Connector Configurations") and the endpoints
 * each requires. Sources: carbon-apimgt DefaultKeyManagerConnectorConfiguration and
 * KeyManagerConnectorConfiguration (AM44), apim-km-wso2is WSO2ISConnectorConfiguration (KMIS) and
 * WSO2IS7ConnectorConfiguration (KMIS7), financial-services-accelerator FSKeyManagerConfiguration,
 * financial-open-banking OBKeyManagerConfiguration.
 */

/** ConfigurationDto of the admin settings (`{name, label, type, required, mask, multiple, tooltip, default, values}`). */
export interface ConnectorField {
  name: string;
  label: string;
  type: 'input' | 'checkbox' | 'select' | 'options';
  required: boolean;
  mask: boolean;
  multiple: boolean;
  tooltip: string;
  default: string;
  values: string[];
}

export interface KeyManagerType {
  type: string;
  displayName: string;
  defaultConsumerKeyClaim: string;
  defaultScopesClaim: string;
  configurations: ConnectorField[];
  endpointConfigurations: ConnectorField[];
}

/** A ConfigurationDto with the connector defaults: an optional, unmasked input whose tooltip is its label. */
export const field = (name: string, label: string, opts: Partial<ConnectorField> = {}): ConnectorField => ({
  name, label, type: 'input', required: false, mask: false, multiple: false, tooltip: label, default: '', values: [], ...opts,
});

// The tables are built per call (they are small): Stryker then attributes their mutants to the
// scenarios that read them, instead of static mutants that rerun the whole suite each.
// The connectors' own texts (KMIS WSO2ISConnectorConfiguration, KMIS7 WSO2IS7ConnectorConfiguration,
// FS FSKeyManagerConfiguration): `new ConfigurationDto(name, label, type, tooltip, default, required, mask, values, multiple)`.
const username = () => field('Username', 'Username', { required: true, tooltip: 'Username of admin user' });
const password = () => field('Password', 'Password', { required: true, mask: true, tooltip: 'Password of Admin user' });
/** carbon-apimgt APIConstants.DEFAULT_KEY_MANAGER_HOST, in the IS 7 connector's example tooltips. */
const DEFAULT_KEY_MANAGER_HOST = 'https://localhost:9443';
const is7Fields = () => [
  username(),
  password(),
  field('api_resource_management_endpoint', 'WSO2 Identity Server 7 API Resource Management Endpoint', { required: true, tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/api/server/v1/api-resources` }),
  field('is7_roles_endpoint', 'WSO2 Identity Server 7 Roles Endpoint', { required: true, tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/scim2/v2/Roles` }),
  field('enable_roles_creation', 'Create roles in WSO2 Identity Server 7', {
    type: 'checkbox', default: 'Enable', values: ['Enable'],
    tooltip: 'Create roles in WSO2 Identity Server 7, corresponding to the roles used in WSO2 API Manager.',
  }),
];

/**
 * AM44 KeyManagerConnectorConfiguration.getEndpointConfigurations (the default no connector here
 * overrides): the four required endpoints, then the optional ones, with the interface's example
 * tooltips as written there (no space after "E.g.," for the first; the display revoke endpoint's
 * example is the authorize URL).
 */
export const endpointConfigurations = (): ConnectorField[] => [
  field('client_registration_endpoint', 'Client Registration Endpoint', { required: true, tooltip: `E.g.,${DEFAULT_KEY_MANAGER_HOST}/client-registration/v0.17/register` }),
  field('introspection_endpoint', 'Introspection Endpoint', { required: true, tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/introspect` }),
  field('token_endpoint', 'Token Endpoint', { required: true, tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/token` }),
  field('revoke_endpoint', 'Revoke Endpoint', { required: true, tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/revoke` }),
  field('userinfo_endpoint', 'UserInfo Endpoint', { tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/userinfo` }),
  field('authorize_endpoint', 'Authorize Endpoint', { tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/authorize` }),
  field('display_token_endpoint', 'Display Token Endpoint', { tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/token` }),
  field('display_revoke_endpoint', 'Display Revoke Endpoint', { tooltip: `E.g., ${DEFAULT_KEY_MANAGER_HOST}/oauth2/authorize` }),
];

const connector = (type: string, displayName: string, configurations: ConnectorField[]): KeyManagerType => ({
  type, displayName, defaultConsumerKeyClaim: 'azp', defaultScopesClaim: 'scope', configurations, endpointConfigurations: endpointConfigurations(),
});

/** The connector types the Admin API's settings list (KeyManagerConnectorConfiguration implementations). */
export const keyManagerConnectors = (): KeyManagerType[] => [
  connector('default', 'default', []),
  connector('WSO2-IS', 'WSO2 Identity Server', [username(), password(), field('km_admin_as_app_owner', 'Use as OAuth Application Owner', { type: 'checkbox', values: ['Enable'] })]),
  connector('WSO2-IS-7', 'WSO2 Identity Server 7', is7Fields()),
  connector('fsKeyManager', 'fsKeyManager', is7Fields()),
  connector('ObKeyManager', 'ObKeyManager', [username(), password()]),
];

export function connectorOf(type: string): KeyManagerType | undefined {
  return keyManagerConnectors().find((k) => k.type === type);
}

/** The name of the key manager every tenant has (APIConstants.KeyManager.DEFAULT_KEY_MANAGER). */
export const RESIDENT_KEY_MANAGER = 'Resident Key Manager';

/** APIConstants.KeyManager.UUID_REGEX: the Resident Key Manager's REFERENCE token handling. */
export const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
