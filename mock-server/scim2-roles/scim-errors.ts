import { ScimError } from '../errors/scim-error.ts';

/**
 * SCIM errors of the Roles v2 endpoint (charon RoleResourceV2Manager; RFC 7644 §3.12 scimType
 * values). Texts charon states are kept; the others are the sandbox's (rules/wso2.md W12 choices).
 */
export const badSyntax = (detail: string) => new ScimError(400, detail, {}, 'invalidSyntax');
export const badFilter = (detail: string) => new ScimError(400, detail, {}, 'invalidFilter');
export const badValue = (detail: string) => new ScimError(400, detail, {}, 'invalidValue');
/** charon AbstractValidator: "Required attribute <name> is missing in the SCIM Object." */
export const missingAttribute = (name: string) => badValue(`Required attribute ${name} is missing in the SCIM Object.`);
export const roleExists = (name: string) => new ScimError(409, `Role name: ${name} is already there in the system. Please pick another role name.`, {}, 'uniqueness');
export const roleNotFound = (id: string) => new ScimError(404, `A role with the id: ${id} does not exist.`);
export const unsupportedMediaType = (got: string) => new ScimError(415, `Unsupported Content-Type "${got}"; expected application/scim+json or application/json`);
