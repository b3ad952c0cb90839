import { IsApiError } from '../errors/is-api-error.ts';

/**
 * Errors of the Identity Server application management API, as identity-api-server's
 * ApplicationManagementConstants.ErrorMessage defines them (`APP-` prefix, a traceId).
 */

/** The super tenant: the only one the sandbox serves. */
export const TENANT_DOMAIN = 'carbon.super';

const SUPPORTED = "Filtering is only supported with 'name', 'clientId', and 'issuer' attributes.";

export const invalidFilterFormat = () =>
  new IsApiError(400, 'APP-60004', 'Invalid filter query format.', 'Filter needs to be in the format <attribute>+<operation>+<value>. Eg: name+eq+john', { traceId: true });

export const unsupportedFilterAttribute = (attribute: string) =>
  new IsApiError(400, 'APP-60004', 'Filtering using the attempted attribute is not supported.', `Filtering cannot be done with the '${attribute}' attribute. ${SUPPORTED}`, { traceId: true });

export const invalidFilterOperation = (operator: string) =>
  new IsApiError(400, 'APP-60004', 'Attempted filtering operation is invalid.',
    `Attempted filtering operation '${operator}' is invalid. Please use one of the supported filtering operations such as 'eq', 'co', 'sw', 'ew', 'and', 'or'.`, { traceId: true });

export const applicationNotFound = (id: string) =>
  new IsApiError(404, 'APP-60006', 'Application not found.', `Application cannot be found for the provided id: ${id} in the tenantDomain: ${TENANT_DOMAIN}.`, { traceId: true });

/**
 * A body the API's JSON mapping cannot read or map to the model, not JSON at all included (Jackson's
 * JsonProcessingException, identity-api-server's JsonProcessingExceptionMapper: UE-10000).
 */
export const unreadableBody = () =>
  new IsApiError(400, 'UE-10000', 'Invalid Request', 'Provided request body content is not in the expected format.', { traceId: true });
