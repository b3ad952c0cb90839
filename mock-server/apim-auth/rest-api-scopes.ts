/**
 * Roles mapped to the REST API scopes (`RESTAPIScopes` of carbon-apimgt
 * `impl/src/main/resources/tenant/tenant-conf.json`, apim-surface §1.2). A scope without a role
 * mapping (apim:dcr:app_manage) is open to any authenticated user.
 */
export const REST_API_SCOPE_ROLES: Readonly<Record<string, readonly string[]>> = {
  'apim:admin': ['admin'],
  'apim:admin_operations': ['admin'],
  'apim:admin_settings': ['admin'],
  'apim:keymanagers_manage': ['admin'],
  'apim:subscribe': ['admin', 'Internal/subscriber', 'Internal/devops'],
  'apim:app_manage': ['admin', 'Internal/subscriber', 'Internal/devops'],
  'apim:sub_manage': ['admin', 'Internal/subscriber', 'Internal/devops'],
  'apim:api_key': ['admin', 'Internal/subscriber'],
};

/** Scopes the product knows but maps to no role. */
export const UNMAPPED_REST_API_SCOPES: readonly string[] = ['apim:dcr:app_manage'];

/** Roles of API Manager's user store; `permissions.roles` of a key manager must name one (900607). */
export const APIM_SYSTEM_ROLES: readonly string[] = [
  'admin', 'Internal/subscriber', 'Internal/devops', 'Internal/creator', 'Internal/publisher', 'Internal/everyone',
];

/** May a user with `roles` use `scope`? (BasicAuthenticationInterceptor.validateUserRolesWithRESTAPIScopes) */
export function rolesAllowScope(roles: readonly string[], scope: string): boolean {
  const mapped = REST_API_SCOPE_ROLES[scope];
  if (!mapped) return UNMAPPED_REST_API_SCOPES.includes(scope);
  return mapped.some((r) => roles.includes(r));
}

/** Scopes of one REST operation (the `security` of admin-api.yaml / dcr.yaml). */
export const OPERATION_SCOPES = {
  keyManagersManage: ['apim:admin', 'apim:admin_operations', 'apim:keymanagers_manage'],
  keyManagersAdminOperations: ['apim:admin', 'apim:admin_operations'],
  adminSettings: ['apim:admin', 'apim:admin_settings'],
  dcrAppManage: ['apim:dcr:app_manage'],
} as const satisfies Record<string, readonly string[]>;
