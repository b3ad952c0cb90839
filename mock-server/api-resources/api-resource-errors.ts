import { IsApiError } from '../errors/is-api-error.ts';

/**
 * Errors of the IS 7 API resource management API: identity-api-server
 * APIResourceMgtEndpointConstants.ErrorMessage (REST layer) and carbon-identity-framework
 * APIResourceManagementConstants.ErrorMessages (60001, 60003, 60004 of the manager; client errors
 * 400, the two "already exists" 409: APIResourceMgtEndpointUtil.handleAPIResourceMgtException).
 * Codes carry the `API-RESOURCE-` prefix; bodies a traceId.
 */
const error = (status: number, code: string, message: string, description: string) =>
  new IsApiError(status, `API-RESOURCE-${code}`, message, description, { traceId: true });

export const TENANT_DOMAIN = 'carbon.super';

export const invalidFilter = () => error(400, '60001', 'Unable to retrieve API resources.', 'Invalid format used for filtering.');
export const resourceNotFound = (id: string) =>
  error(404, '60002', 'Unable to find the API resource.', `Unable to find the API resource with the id: ${id} in the tenant domain.`);
export const nameRequired = () => error(400, '60003', 'Invalid API resource name provided.', 'API resource name is required.');
export const identifierRequired = () => error(400, '60004', 'Invalid API resource identifier provided.', 'API resource identifier is required.');
export const scopeNameRequired = (status = 400) => error(status, '60005', 'Invalid scope name provided.', 'Scope name is required.');
export const removedScopesNotSupported = () =>
  error(501, '60006', 'Removed scopes patching is not supported yet.', 'Removed scopes patching is not supported yet for API resources.');
export const invalidLimit = () => error(400, '60010', 'Invalid limit provided.', 'Limit should be a positive integer.');
export const resourceExists = () => error(409, '60003', 'Unable to add API resource.', `API resource already exists for the tenant: ${TENANT_DOMAIN}.`);
export const scopeExists = () => error(409, '60004', 'Unable to add scope.', `Scope already exists for the tenant: ${TENANT_DOMAIN}.`);
/** A body the JSON mapping cannot read (sandbox wording, rules/wso2.md W12 choices). */
export const unreadableBody = (description: string, status = 400) => new IsApiError(status, 'UE-10000', 'Invalid Request', description, { traceId: true });
