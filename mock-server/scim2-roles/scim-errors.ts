import { ScimError } from '../errors/scim-error.ts';

/**
 * SCIM errors of the Roles v2 endpoint (charon RoleResourceV2Manager; RFC 7644 §3.12 scimType
 * values). Texts charon states are kept; the others are the sandbox's (rules/wso2.md W12 choices).
 */

/** charon ResponseCodeConstants.DESC_BAD_REQUEST: the detail of a BadRequestException made from a scimType alone. */
export const DESC_BAD_REQUEST = 'Request is unparsable, syntactically incorrect, or violates schema.';

export const badSyntax = (detail: string) => new ScimError(400, detail, {}, 'invalidSyntax');
export const badFilter = (detail: string) => new ScimError(400, detail, {}, 'invalidFilter');
/**
 * SCIMRoleManagerV2.createFilter / getSearchFilter throw `new BadRequestException(message)`, whose
 * one argument is charon's scimType: the message goes out as `scimType`, the detail is DESC_BAD_REQUEST.
 */
export const unsupportedRoleFilter = (message: string) => new ScimError(400, DESC_BAD_REQUEST, {}, message);
export const badValue = (detail: string) => new ScimError(400, detail, {}, 'invalidValue');
/** charon AbstractValidator: "Required attribute <name> is missing in the SCIM Object." */
export const missingAttribute = (name: string) => badValue(`Required attribute ${name} is missing in the SCIM Object.`);
/** SCIMRoleManagerV2: ROLE_ALREADY_EXISTS becomes charon's ConflictException(detail), which has no scimType. */
export const roleExists = (name: string) => new ScimError(409, `Role name: ${name} is already there in the system. Please pick another role name.`);
export const roleNotFound = (id: string) => new ScimError(404, `A role with the id: ${id} does not exist.`);
/** RoleResourceV2 (identity-inbound-provisioning-scim2): a Content-Type it does not take is charon's FormatNotSupportedException, 406 without scimType. */
export const formatNotSupported = (detail: string) => new ScimError(406, detail);
