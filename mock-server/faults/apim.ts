import type { FaultSwitch } from '../faults.ts';

/** API Manager control plane: REST API authentication, admin v4 key managers, APIM DCR v0.17. */
export const APIM_FAULTS = [
  {
    name: 'apim.rest-api-no-auth',
    rules: ['WSO2-KM-01', 'WSO2-APIMDCR-02'],
    description: 'The APIM REST APIs serve callers without (or with wrong) credentials, as the admin.',
  },
  {
    name: 'apim.rest-api-ignore-scopes',
    rules: ['WSO2-KM-01'],
    description: 'A user without the operation\'s role, or a token without its scope, is served.',
  },
  {
    name: 'apimdcr.callback-url-spelling',
    rules: ['WSO2-APIMDCR-01'],
    description: 'APIM DCR answers the seed\'s `callbackUrl` and a string `isSaasApplication` instead of the product\'s `callBackURL` and boolean.',
  },
  {
    name: 'apimdcr.new-client-for-existing-name',
    rules: ['WSO2-APIMDCR-03'],
    description: 'A registration with an existing clientName of the same owner creates new credentials.',
  },
  {
    name: 'apimdcr.answer-other-owners-app',
    rules: ['WSO2-APIMDCR-04'],
    description: "A registration naming another owner's clientName is answered with that app's credentials.",
  },
  {
    name: 'apimdcr.accept-empty-owner',
    rules: ['WSO2-APIMDCR-05'],
    description: 'A registration without owner is accepted (owned by the caller).',
  },
  {
    name: 'apimdcr.skip-owner-checks',
    rules: ['WSO2-APIMDCR-06', 'WSO2-APIMDCR-07'],
    description: 'The owner need not exist, and any user may register for another owner.',
  },
  {
    name: 'apimdcr.missing-grant-type-400',
    rules: ['WSO2-APIMDCR-08'],
    description: 'A registration without grantType is refused with a 400 instead of the product\'s generic 500.',
  },
  {
    name: 'apimdcr.keep-redirect-grants',
    rules: ['WSO2-APIMDCR-09'],
    description: 'authorization_code and implicit are kept for an app without callbackUrl.',
  },
  {
    name: 'apimdcr.blank-client-name-400',
    rules: ['WSO2-APIMDCR-12'],
    description: 'A registration with a blank clientName is refused with a 400 instead of the product\'s 500 "creation or updating failed".',
  },
  {
    name: 'apimdcr.token-type-default-jwt',
    rules: ['WSO2-APIMDCR-13'],
    description: 'A registration without tokenType gets JWT instead of the product\'s DEFAULT.',
  },
  {
    name: 'apimdcr.strict-json-binding',
    rules: ['WSO2-APIMDCR-14'],
    description: 'Only JSON strings bind to string members and only `true` to saasApp, unlike the product\'s Jackson binding.',
  },
  {
    name: 'km.discover-tls-unverified',
    rules: ['WSO2-KMC-04'],
    description: 'The key manager import (discover) reads a well-known URL whatever its TLS certificate.',
  },
  {
    name: 'km.resident-listed-first',
    rules: ['WSO2-KM-02'],
    description: 'The key manager list starts with the Resident Key Manager instead of ending with it.',
  },
  {
    name: 'km.create-200',
    rules: ['WSO2-KM-03'],
    description: 'Creating a key manager answers 200 without a Location header instead of 201.',
  },
  {
    name: 'km.lenient-json',
    rules: ['WSO2-KM-04', 'WSO2-KM-18'],
    description: 'Key manager bodies with unknown members or without name/type pass bean validation.',
  },
  {
    name: 'km.allow-duplicate-name',
    rules: ['WSO2-KM-05'],
    description: 'A second key manager with an existing name is created.',
  },
  {
    name: 'km.accept-unknown-type',
    rules: ['WSO2-KM-06'],
    description: 'A key manager of a type with no installed connector is created.',
  },
  {
    name: 'km.skip-required-configuration',
    rules: ['WSO2-KM-07'],
    description: 'Required connector configurations and endpoints are not checked.',
  },
  {
    name: 'km.unmasked-secrets',
    rules: ['WSO2-KM-08'],
    description: 'GET and PUT answer masked connector fields (Password) in clear.',
  },
  {
    name: 'km.plain-not-found',
    rules: ['WSO2-KM-08', 'WSO2-KM-11'],
    description: 'An unknown key manager id answers a plain 404 instead of 901411.',
  },
  {
    name: 'km.rename-allowed',
    rules: ['WSO2-KM-09'],
    description: 'An update may change the key manager\'s name.',
  },
  {
    name: 'km.update-ignores-enabled',
    rules: ['WSO2-KM-10'],
    description: 'An update keeps the stored `enabled`, so key managers cannot be disabled or enabled.',
  },
  {
    name: 'km.delete-resident',
    rules: ['WSO2-KM-11'],
    description: 'The Resident Key Manager can be deleted.',
  },
  {
    name: 'km.discover-extra-fields',
    rules: ['WSO2-KM-12'],
    description: 'discover also fills the display token and revoke endpoints, which the product leaves to the portal.',
  },
  {
    name: 'km.discover-failure-not-valid',
    rules: ['WSO2-KM-13'],
    description: 'discover of an unreachable URL answers 200 valid:false instead of the product\'s 500.',
  },
  {
    name: 'km.missing-enabled-defaults-true',
    rules: ['WSO2-KM-14'],
    description: 'A create or update without `enabled` succeeds (enabled) instead of the product\'s 500.',
  },
  {
    name: 'km.skip-role-check',
    rules: ['WSO2-KM-15'],
    description: 'Unknown roles in a key manager\'s permissions are stored.',
  },
  {
    name: 'km.settings-lists-default',
    rules: ['WSO2-KM-16'],
    description: 'The admin settings list the `default` connector among the key manager types.',
  },
  {
    name: 'km.settings-example-tooltips',
    rules: ['WSO2-KM-16'],
    description: "The settings' connection and endpoint configurations carry the REST API's example tooltip ('Enter … to connect to key manager') instead of the connectors' own.",
  },
  {
    name: 'km.usages-unknown-id-200',
    rules: ['WSO2-KM-17'],
    description: 'The usages of an unknown key manager id answer 200 with no usages.',
  },
  {
    name: 'km.absent-flags-true',
    rules: ['WSO2-KM-19'],
    description: 'Feature flags a create leaves out are answered true (as discover fills them), not the DTO\'s false.',
  },
  {
    name: 'km.strict-json-scalars',
    rules: ['WSO2-KM-20'],
    description: 'A number or boolean sent for a text member of a key manager is refused instead of read as its text.',
  },
  {
    name: 'km.endpoints-unvalidated',
    rules: ['WSO2-KM-21'],
    description: '`endpoints[]` entries without a name or value pass bean validation.',
  },
  {
    name: 'km.no-security-headers',
    rules: ['WSO2-KM-22'],
    description: 'Admin answers lack X-Content-Type-Options and X-XSS-Protection.',
  },
  {
    name: 'km.resident-no-token-handling',
    rules: ['WSO2-KM-23'],
    description: 'The Resident Key Manager reads without its REFERENCE token handling.',
  },
  {
    name: 'kmops.no-admin-auth',
    rules: ['WSO2-KMOPS-06'],
    description: 'keymanager-operations serves callers without (or with wrong) admin credentials.',
  },
  {
    name: 'kmops.register-200',
    rules: ['WSO2-KMOPS-01'],
    description: 'keymanager-operations answers a registration with 200 instead of 201.',
  },
  {
    name: 'kmops.raw-client-id',
    rules: ['WSO2-KMOPS-02'],
    description: 'Client ids in keymanager-operations paths are read raw instead of base64url-decoded.',
  },
  {
    name: 'kmops.delete-keeps-client',
    rules: ['WSO2-KMOPS-02'],
    description: 'keymanager-operations DELETE answers 204 but keeps the client.',
  },
  {
    name: 'kmops.duplicate-409',
    rules: ['WSO2-KMOPS-03'],
    description: 'A duplicate client name answers 409 instead of the product\'s 400.',
  },
  {
    name: 'kmops.unknown-client-404',
    rules: ['WSO2-KMOPS-04'],
    description: 'An unknown client answers 404 with a body instead of the product\'s bare 401.',
  },
  {
    name: 'kmops.accept-bad-redirect-uri',
    rules: ['WSO2-KMOPS-05'],
    description: 'keymanager-operations registers relative or fragment-carrying redirect URIs.',
  },
  {
    name: 'ismgmt.no-admin-auth',
    rules: ['WSO2-ISMGMT-06'],
    description: 'The scope API serves callers without (or with wrong) admin credentials.',
  },
  {
    name: 'ismgmt.duplicate-scope-400',
    rules: ['WSO2-ISMGMT-02'],
    description: 'A duplicate scope answers 400 instead of 409 41004.',
  },
  {
    name: 'ismgmt.unchecked-scope-names',
    rules: ['WSO2-ISMGMT-03'],
    description: 'Scopes without a name or display name, or with whitespace, special characters or the internal_ prefix, are stored.',
  },
  {
    name: 'ismgmt.delete-keeps-scope',
    rules: ['WSO2-ISMGMT-01'],
    description: 'Deleting a scope answers 200 but keeps it.',
  },
  {
    name: 'ismgmt.delete-scope-204',
    rules: ['WSO2-ISMGMT-01'],
    description: 'Deleting a scope answers 204 instead of the product\'s 200.',
  },
  {
    name: 'apimdcr.delete-204',
    rules: ['WSO2-APIMDCR-10'],
    description: 'DELETE on the DCR v0.17 register endpoint answers 204 instead of the product\'s 500.',
  },
  {
    name: 'apim.token-default-scope-only',
    rules: ['WSO2-APIMDCR-11'],
    description: 'The APIM token endpoint grants only `default`, whatever apim:* scopes the user may have.',
  },
  {
    name: 'apim.token-any-grant-type',
    rules: ['WSO2-APIMDCR-15'],
    description: 'The APIM token endpoint issues a token for a grant type the REST API client was not registered for.',
  },
  {
    name: 'apim.token-outlives-user',
    rules: ['WSO2-APIMDCR-16'],
    description: 'A REST API token of a user since deleted is still served, as a user without roles.',
  },
  {
    name: 'kmops.owner-errors-400',
    rules: ['WSO2-KMOPS-07'],
    description: 'change-owner and regenerate-consumer-secret of an unknown client answer 400 instead of the product\'s bare 500.',
  },
  {
    name: 'kmops.preset-credentials-ignored',
    rules: ['WSO2-KMOPS-08'],
    description: 'keymanager-operations ignores the preset `ext_param_client_id` / `ext_param_client_secret` and generates new credentials.',
  },
  {
    name: 'kmops.change-owner-ignored',
    rules: ['WSO2-KMOPS-09'],
    description: 'change-owner answers 200 but keeps the old owner.',
  },
  {
    name: 'kmops.regenerate-same-secret',
    rules: ['WSO2-KMOPS-10'],
    description: 'regenerate-consumer-secret answers 200 with the old secret.',
  },
  {
    name: 'kmops.regenerate-keeps-tokens',
    rules: ['WSO2-KMOPS-10'],
    description: "regenerate-consumer-secret leaves the tokens issued with the old secret active.",
  },
  {
    name: 'kmops.no-tenant-path',
    rules: ['WSO2-KMOPS-11'],
    description: 'keymanager-operations is not served under `/t/carbon.super/`.',
  },
  {
    name: 'kmops.rename-conflict-400',
    rules: ['WSO2-KMOPS-12'],
    description: 'Renaming a client to another client\'s name answers 400 invalid_client_metadata instead of the product\'s bare 500.',
  },
  {
    name: 'kmops.update-clears-empty-lists',
    rules: ['WSO2-KMOPS-02'],
    description: 'An update with an empty `grant_types` or `redirect_uris` clears the stored ones instead of keeping them.',
  },
  {
    name: 'ismgmt.unknown-scope-empty-404',
    rules: ['WSO2-ISMGMT-04'],
    description: 'An unknown scope answers 404 without the 41003 error body.',
  },
  {
    name: 'kmops.nameless-client',
    rules: ['WSO2-KMOPS-13'],
    description: 'A keymanager-operations registration without a usable client_name registers a client with an empty name.',
  },
] as const satisfies readonly FaultSwitch[];
