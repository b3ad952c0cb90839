import { ApimError } from './apim-error.ts';

/**
 * The APIM REST error vocabulary (apim-surface §1.3, §1.4): carbon-apimgt `ExceptionCodes`
 * entries, the REST layer's helpers (`RestApiUtil.handle*`), bean validation, and the two
 * 401/500 bodies `GlobalThrowableMapper` writes.
 */

interface ExceptionCode {
  code: number;
  status: number;
  message: string;
  description: string;
}

/** carbon-apimgt ExceptionCodes.java (AM44), the entries the control plane raises. */
export const EXCEPTION_CODES = {
  ROLE_DOES_NOT_EXIST: { code: 900607, status: 404, message: 'Role does not exist in the system', description: 'Role does not exist in the system' },
  INTERNAL_ERROR: { code: 900967, status: 500, message: 'General Error', description: 'Server Error Occurred' },
  INVALID_KEY_MANAGER_TYPE: { code: 901400, status: 400, message: 'Key Manager Type not configured', description: 'Key Manager Type not configured' },
  REQUIRED_KEY_MANAGER_CONFIGURATION_MISSING: { code: 901401, status: 400, message: 'Required Key Manager configuration missing', description: 'Missing required configuration' },
  KEY_MANAGER_ALREADY_EXIST: { code: 901402, status: 409, message: 'Key Manager Already Exists', description: 'Key Manager Already Exists' },
  KEY_MANAGER_NOT_FOUND: { code: 901411, status: 404, message: 'Key Manager not Found', description: 'Key Manager not found' },
  // Raised with the constant itself, so the %s stays literal (apim-surface §1.4).
  KEY_MANAGER_DELETE_FAILED: { code: 902015, status: 412, message: 'Key Manager Delete error', description: 'Error while deleting the Key Manager. %s' },
} as const satisfies Record<string, ExceptionCode>;

export type ExceptionCodeName = keyof typeof EXCEPTION_CODES;

/** A product exception with an ExceptionCodes entry: that entry's status, code and texts only. */
export function apimException(name: ExceptionCodeName): ApimError {
  const e: ExceptionCode = EXCEPTION_CODES[name];
  return new ApimError(e.status, e.message, e.description, [], e.code);
}

/** RestApiUtil.handleBadRequest(msg[, code]). */
export const badRequest = (description: string, code = 400) => new ApimError(400, 'Bad Request', description, [], code);

/** RestApiUtil.handleResourceNotFoundError(resource, id). */
export const resourceNotFound = (resource: string, id: string) =>
  new ApimError(404, 'Not Found', `Requested ${resource} with Id '${id}' not found`);

/** Bean validation (Hibernate Validator 6): one error item per violated property. */
export function validationError(violations: readonly { property: string; message: string }[]): ApimError {
  return new ApimError(400, 'Bad Request', 'Validation Error', violations.map((v) => ({ code: `400_${v.property}`, message: `${v.property}: ${v.message}` })));
}

/** GlobalThrowableMapper, AuthenticationException: no credentials, bad ones, or a missing scope. */
export const unauthenticated = () => new ApimError(401, '', 'Unauthenticated request');

/**
 * GlobalThrowableMapper, any unmapped throwable (a NullPointerException in the product): the
 * body of every product defect the sandbox reproduces (rules WSO2-KM-*, WSO2-APIMDCR-*).
 */
export const genericInternalError = () =>
  new ApimError(500, 'Internal server error', 'The server encountered an internal error. Please contact administrator.');
