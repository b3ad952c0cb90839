import { ApimError } from '../errors/apim-error.ts';
import { badRequest } from '../errors/apim-exception-codes.ts';

/**
 * The developer portal's error answers (apim-surface §4): carbon-apimgt ExceptionCodes entries the
 * devportal raises (AM44 `ExceptionCodes.java`) and the RestApiUtil helpers the
 * ApplicationsApiServiceImpl / SubscriptionsApiServiceImpl call.
 */
const code = (status: number, code: number, message: string, description = message) => () => new ApimError(status, message, description, [], code);

export const DEVPORTAL_ERRORS = {
  /** ExceptionCodes.TIER_NAME_INVALID (application tier unknown). */
  tierNameInvalid: code(400, 900305, 'The tier name is invalid.', 'The tier name is invalid'),
  /** ExceptionCodes.INTERNAL_ERROR: also the answer for an unknown API at subscribe (no error code on the not-found). */
  internal: code(500, 900967, 'General Error', 'Server Error Occurred'),
  keyManagerNotRegistered: code(400, 901403, 'Key Manager not Registered'),
  keyManagerNoAppCreation: code(400, 901405, "Key Manager doesn't support generating OAuth applications"),
  requiredPropertiesMissing: code(400, 901407, 'Required application properties are missing'),
  keyMappingExists: code(409, 901409, 'Key Mappings already exists'),
  keyManagerRestricted: code(403, 902013, 'Unauthorized Access to Key Manager', 'Key Manager is Restricted for this user'),
  /** ExceptionCodes.KEY_MANAGER_NOT_FOUND (regenerate-secret). */
  keyManagerNotFound: code(404, 901411, 'Key Manager not Found', 'Key Manager not found'),
  /** Key Management Error: the FS connector's certificate checks (FSKeyManagerUtil.validateCertificate). */
  keyManagementError: code(500, 900953, 'Key Management Error', 'Error while updating the consumer application.'),
} as const;

/** ExceptionCodes.INVALID_APPLICATION_ADDITIONAL_PROPERTIES (900970) with the connector's text. */
export const invalidAdditionalProperties = (text: string) =>
  new ApimError(400, 'Invalid application additional properties', `Invalid additional properties. ${text}`, [], 900970);

/** RestApiUtil.handleAuthorizationFailure(resource, id). */
export const forbidden = (resource: string, id: string) =>
  new ApimError(403, 'Forbidden', `You don't have permission to access the ${resource} with Id ${id}`);

/** RestApiUtil.handleResourceAlreadyExistsError. */
export const alreadyExists = (description: string) => new ApimError(409, 'Resource Already Exists', description);

/** SubscriptionsApiServiceImpl: the tier is not one of the API's (APIConsumerImpl.checkSubscriptionAllowed). */
export const tierNotAllowed = (tier: string, username: string) =>
  new ApimError(403, 'Subscription Tier is not allowed for user', `Subscription Tier ${tier} is not allowed for user ${username} `, [], 902002);

/** ApplicationsApiServiceImpl.applicationsApplicationIdOauthKeysKeyMappingIdGenerateTokenPost: product errors become 400 with their code. */
export const tokenError = (code: number, description: string) => new ApimError(400, 'Bad Request', description, [], code);

export { badRequest };
