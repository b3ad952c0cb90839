import type { FaultSwitch } from '../faults.ts';

/** IS DCR v1.1 (rules WSO2-ISDCR-*, and the RFC 7591 rules it enforces). */
export const IS_DCR_FAULTS = [
  {
    name: 'isdcr.no-admin-auth',
    rules: ['WSO2-ISDCR-02'],
    description: 'IS DCR accepts requests without (or with wrong) admin credentials.',
  },
  {
    name: 'isdcr.any-media-type',
    rules: ['DCR-REQ-06'],
    description: 'A registration body is read as JSON whatever its Content-Type (text/plain included).',
  },
  {
    name: 'isdcr.allow-duplicate-name',
    rules: ['WSO2-ISDCR-03'],
    description: 'A second client with an existing client_name is registered instead of refused.',
  },
  {
    name: 'isdcr.allow-missing-name',
    rules: ['WSO2-ISDCR-04'],
    description: 'A registration without client_name is accepted (named after its client id).',
  },
  {
    name: 'isdcr.unknown-client-404',
    rules: ['WSO2-ISDCR-05'],
    description: 'An unknown client id answers 404 with a body instead of the product\'s bare 401.',
  },
  {
    name: 'isdcr.delete-keeps-client',
    rules: ['WSO2-ISDCR-06'],
    description: 'DELETE answers 204 but leaves the client in place.',
  },
  {
    name: 'isdcr.accept-bad-redirect-uri',
    rules: ['WSO2-ISDCR-07'],
    description: 'Relative or fragment-carrying redirect URIs are registered.',
  },
  {
    name: 'isdcr.no-secret-expiry',
    rules: ['DCR-REQ-03'],
    description: 'client_secret is returned without client_secret_expires_at.',
  },
  {
    name: 'isdcr.accept-jwks-and-jwks-uri',
    rules: ['DCR-REQ-31'],
    description: 'A registration carrying both jwks and jwks_uri is accepted.',
  },
  {
    name: 'isdcr.echo-unknown-members',
    rules: ['DCR-REQ-33', 'WSO2-ISDCR-01'],
    description: 'Unknown and request-only client metadata is echoed back instead of only the ApplicationDTO members.',
  },
  {
    name: 'isdcr.accept-rsa1_5',
    rules: ['JWT-20'],
    description: 'Under the UK and CDR profiles a client may register RSA1_5 for encrypted ID tokens.',
  },
  {
    name: 'isdcr.unchecked-registration-values',
    rules: ['WSO2-ISDCR-10'],
    description: 'Preset credentials are taken as sent (an empty secret is the secret) and the client id pattern, secret expiry and assertion alg go unchecked.',
  },
  {
    name: 'isdcr.update-replaces',
    rules: ['WSO2-ISDCR-09'],
    description: 'PUT replaces the whole registration: members not sent are dropped and a name is required.',
  },
  {
    name: 'isdcr.errors-not-json',
    rules: ['ERR-05'],
    description: 'IS DCR registration errors are answered as a text/plain line instead of a JSON error body.',
  },
  {
    name: 'isdcr.omit-defaulted-members',
    rules: ['DCR-REQ-02'],
    description: 'The IS DCR response leaves out the id_token_signed_response_alg the server defaulted for a client that named none.',
  },
  {
    name: 'isdcr.names-rs256-default',
    rules: ['DCR-REQ-02', 'JWT-24'],
    description: 'The IS DCR response names RS256 as the defaulted id_token_signed_response_alg, whatever the ID tokens are then signed with.',
  },
  {
    name: 'isdcr.drop-additional-attributes',
    rules: ['WSO2-DEVP-21'],
    description: 'IS DCR ignores additionalAttributes: the application gets no SP properties (regulatory, sp_certificate).',
  },
] as const satisfies readonly FaultSwitch[];
