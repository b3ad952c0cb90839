import type { FaultSwitch } from '../faults.ts';

/**
 * Identity Server 7 management APIs a WSO2-IS-7 / fsKeyManager key manager calls: the
 * fsKeyManager's application extras, API resources and SCIM2 Roles v2 (rules WSO2-ISMGMT-07..48).
 */
export const IS_MGMT_FAULTS = [
  {
    name: 'ismgmt.is7-apis-no-auth',
    rules: ['WSO2-ISMGMT-22'],
    description: 'The applications, API resource and SCIM2 Roles v2 APIs serve callers without (or with wrong) admin credentials.',
  },
  {
    name: 'ismgmt.app-search-ignores-filter',
    rules: ['WSO2-ISMGMT-07'],
    description: 'The application search lists every application whatever the filter.',
  },
  {
    name: 'ismgmt.app-filter-unchecked',
    rules: ['WSO2-ISMGMT-08'],
    description: 'A malformed application filter, or one on an unsupported attribute or operation, lists every application instead of 400 APP-60004.',
  },
  {
    name: 'ismgmt.app-unknown-empty-404',
    rules: ['WSO2-ISMGMT-09'],
    description: 'An unknown application id answers 404 without the APP-60006 error body.',
  },
  {
    name: 'ismgmt.app-patch-ignores-certificate',
    rules: ['WSO2-ISMGMT-10'],
    description: 'A PATCH of advancedConfigurations.certificate answers 200 but keeps the old certificate.',
  },
  {
    name: 'ismgmt.app-blank-filter-refused',
    rules: ['WSO2-ISMGMT-23'],
    description: 'An application search with a blank filter is refused as a malformed filter (400 APP-60004) instead of listing the applications.',
  },
  {
    name: 'ismgmt.app-read-access',
    rules: ['WSO2-ISMGMT-25'],
    description: 'A DCR client\'s application is answered with access READ instead of WRITE for the admin.',
  },
  {
    name: 'ismgmt.app-limit-zero-empty',
    rules: ['WSO2-ISMGMT-24'],
    description: 'An application search with limit 0 or below answers an empty page instead of the default page size.',
  },
  {
    name: 'ismgmt.app-patch-clears-certificate',
    rules: ['WSO2-ISMGMT-27'],
    description: 'A PATCH that carries no PEM/JWKS certificate clears the application certificate instead of keeping it.',
  },
  {
    name: 'ismgmt.api-resource-search-ignores-filter',
    rules: ['WSO2-ISMGMT-11'],
    description: 'The API resource search lists every API resource whatever the filter.',
  },
  {
    name: 'ismgmt.api-resource-duplicate-allowed',
    rules: ['WSO2-ISMGMT-12'],
    description: 'Creating an API resource with an existing identifier answers 201 with the existing one instead of 409 API-RESOURCE-60003.',
  },
  {
    name: 'ismgmt.scope-without-scope-bindings',
    rules: ['WSO2-ISMGMT-01'],
    description: 'A scope\'s role bindings are not repeated in scopeBindings as one DEFAULT binding.',
  },
  {
    name: 'ismgmt.api-resource-duplicate-scope-allowed',
    rules: ['WSO2-ISMGMT-13'],
    description: 'Adding a scope whose name exists answers 204 (and adds nothing) instead of 409 API-RESOURCE-60004.',
  },
  {
    name: 'ismgmt.api-resource-removed-scopes-ignored',
    rules: ['WSO2-ISMGMT-14'],
    description: 'A PATCH with removedScopes answers 204 instead of the product\'s 501 API-RESOURCE-60006.',
  },
  {
    name: 'ismgmt.api-resource-delete-keeps-scope',
    rules: ['WSO2-ISMGMT-15'],
    description: 'Deleting an API resource scope answers 204 but keeps it.',
  },
  {
    name: 'ismgmt.api-resource-unknown-empty-404',
    rules: ['WSO2-ISMGMT-16'],
    description: 'An unknown API resource id answers 404 without the API-RESOURCE-60002 error body.',
  },
  {
    name: 'ismgmt.api-resource-blank-filter-refused',
    rules: ['WSO2-ISMGMT-29'],
    description: 'An API resource search with a blank filter is refused as API-RESOURCE-60001 instead of listing the API resources.',
  },
  {
    name: 'ismgmt.api-resource-limit-unchecked',
    rules: ['WSO2-ISMGMT-31'],
    description: 'An API resource search limit of 0 or below is taken as the default page size instead of 400 API-RESOURCE-60010.',
  },
  {
    name: 'ismgmt.api-resource-blank-name-allowed',
    rules: ['WSO2-ISMGMT-32'],
    description: 'An API resource with a blank name is created instead of refused with 400 API-RESOURCE-60003.',
  },
  {
    name: 'ismgmt.api-resource-patch-replaces-all',
    rules: ['WSO2-ISMGMT-34'],
    description: 'An API resource PATCH clears the description it does not carry instead of keeping it.',
  },
  {
    name: 'ismgmt.api-resource-delete-keeps-resource',
    rules: ['WSO2-ISMGMT-36'],
    description: 'Deleting an API resource answers 204 but keeps it.',
  },
  {
    name: 'ismgmt.roles-search-ignores-filter',
    rules: ['WSO2-ISMGMT-17'],
    description: 'The SCIM2 Roles v2 search lists every role whatever the filter.',
  },
  {
    name: 'ismgmt.roles-duplicate-allowed',
    rules: ['WSO2-ISMGMT-18'],
    description: 'Creating a role whose displayName exists answers 201 with the existing role instead of 409.',
  },
  {
    name: 'ismgmt.roles-patch-appends',
    rules: ['WSO2-ISMGMT-19'],
    description: 'A PATCH replace of permissions appends them to the role\'s permissions instead of replacing them.',
  },
  {
    name: 'ismgmt.roles-unchecked-permissions',
    rules: ['WSO2-ISMGMT-20'],
    description: 'A role permission that is no API resource scope is stored instead of refused with 400.',
  },
  {
    name: 'ismgmt.roles-unknown-empty-404',
    rules: ['WSO2-ISMGMT-21'],
    description: 'An unknown role id answers 404 without the SCIM error body.',
  },
  {
    name: 'ismgmt.roles-patch-lenient-ops',
    rules: ['WSO2-ISMGMT-37'],
    description: 'A role PATCH op other than add or replace is applied as replace instead of refused with 400 invalidSyntax.',
  },
  {
    name: 'ismgmt.roles-patch-add-replaces',
    rules: ['WSO2-ISMGMT-38'],
    description: 'A role PATCH add of permissions replaces the role\'s permissions instead of adding to them.',
  },
  {
    name: 'ismgmt.roles-patch-lenient-types',
    rules: ['WSO2-ISMGMT-39'],
    description: 'A role PATCH whose permissions member is not a list (null, a string) sets no permissions instead of being refused with 400 invalidSyntax.',
  },
  {
    name: 'ismgmt.roles-missing-name-allowed',
    rules: ['WSO2-ISMGMT-40'],
    description: 'A role created without displayName is stored with an empty name instead of refused with 400 invalidValue.',
  },
  {
    name: 'ismgmt.roles-any-content-type',
    rules: ['WSO2-ISMGMT-41'],
    description: 'The Roles v2 endpoints read a body of any Content-Type instead of refusing it with 406.',
  },
  {
    name: 'ismgmt.roles-body-not-object-empty',
    rules: ['WSO2-ISMGMT-42'],
    description: 'A Roles v2 body that is not a JSON object is read as an empty object instead of refused with 400 invalidSyntax.',
  },
  {
    name: 'ismgmt.roles-filter-unchecked',
    rules: ['WSO2-ISMGMT-43'],
    description: 'A role filter on another attribute than displayName, or with an operator the role search does not take, is applied instead of refused with 400.',
  },
  {
    name: 'ismgmt.roles-delete-keeps-role',
    rules: ['WSO2-ISMGMT-44'],
    description: 'Deleting a role answers 204 but keeps it.',
  },
  {
    name: 'ismgmt.roles-rename-duplicate-allowed',
    rules: ['WSO2-ISMGMT-45'],
    description: 'A role PATCH may rename a role to the displayName of another role instead of being refused with 409.',
  },
  {
    name: 'ismgmt.scope-list-zero-based',
    rules: ['WSO2-ISMGMT-49'],
    description: 'The scope list reads startIndex from 0 instead of 1 and a count of 0 as none (the whole page).',
  },
  {
    name: 'ismgmt.roles-patch-empty-refused',
    rules: ['WSO2-ISMGMT-48'],
    description: 'A role PATCH with an empty Operations list is refused with 400 instead of answered with the unchanged role.',
  },
] as const satisfies readonly FaultSwitch[];