import type { FaultSwitch } from '../faults.ts';

/** Developer portal v3, self sign-up and out-of-band keys (rules WSO2-DEVP-*, WSO2-OOB-*). */
export const DEVPORTAL_FAULTS = [
  {
    name: 'devp.signup-allow-taken-name',
    rules: ['WSO2-DEVP-01'],
    description: 'Self sign-up with a taken username answers 201 instead of 409 20030.',
  },
  {
    name: 'devp.no-auth',
    rules: ['WSO2-DEVP-02'],
    description: 'The portal serves calls without credentials, as the admin.',
  },
  {
    name: 'devp.app-name-case-sensitive',
    rules: ['WSO2-DEVP-03'],
    description: 'Application names are compared case-sensitively: "App" and "APP" both created.',
  },
  {
    name: 'devp.accept-unknown-app-tier',
    rules: ['WSO2-DEVP-04'],
    description: 'An application with an application tier the tenant does not define is created.',
  },
  {
    name: 'devp.no-owner-check',
    rules: ['WSO2-DEVP-05'],
    description: 'A TPP lists, reads, changes and deletes another TPP\'s applications, subscriptions and keys.',
  },
  {
    name: 'devp.subscribe-any-tier',
    rules: ['WSO2-DEVP-06'],
    description: 'A subscription with a tier the API does not offer is created.',
  },
  {
    name: 'devp.allow-second-subscription',
    rules: ['WSO2-DEVP-07'],
    description: 'A second subscription of an application to the same API is created.',
  },
  {
    name: 'devp.keys-disabled-km',
    rules: ['WSO2-DEVP-08', 'WSO2-DEVP-20'],
    description: 'Keys are generated at a disabled key manager.',
  },
  {
    name: 'devp.keys-allow-second-generation',
    rules: ['WSO2-DEVP-09'],
    description: 'A second generation for the same key type and key manager creates another client.',
  },
  {
    name: 'devp.keys-skip-callback-check',
    rules: ['WSO2-DEVP-10'],
    description: 'The code grant is accepted without a callback URL.',
  },
  {
    name: 'devp.keys-skip-property-validation',
    rules: ['WSO2-DEVP-11'],
    description: 'Application configurations are not validated (required regulatory, values).',
  },
  {
    name: 'devp.keys-skip-regulatory-certificate',
    rules: ['WSO2-DEVP-12'],
    description: 'A regulatory fsKeyManager application is accepted without a valid application certificate.',
  },
  {
    name: 'devp.keys-rollback-on-km-failure',
    rules: ['WSO2-DEVP-13'],
    description: 'A failed key manager call leaves no half-created mapping (a retry fails again instead of 409).',
  },
  {
    name: 'devp.list-keys-of-disabled-km',
    rules: ['WSO2-DEVP-14'],
    description: 'Keys of a disabled key manager are listed.',
  },
  {
    name: 'devp.token-ignores-km-setting',
    rules: ['WSO2-DEVP-15'],
    description: 'The portal issues a token at a key manager with token generation off.',
  },
  {
    name: 'devp.keys-answer-km-name',
    rules: ['WSO2-DEVP-16'],
    description: 'Generate-keys answers the key manager\'s name as keyManager instead of the string sent (the UUID).',
  },
  {
    name: 'devp.regenerate-is7-secret',
    rules: ['WSO2-DEVP-17'],
    description: 'Regenerate secret at an IS 7 / fsKeyManager key manager answers a secret the connector never asked for.',
  },
  {
    name: 'devp.delete-app-keeps-created-clients',
    rules: ['WSO2-DEVP-18'],
    description: 'Deleting an application leaves its generated clients at the key manager.',
  },
  {
    name: 'devp.ignore-km-permissions',
    rules: ['WSO2-DEVP-19'],
    description: 'A key manager restricted to other roles is listed to the TPP and generates its keys.',
  },
  {
    name: 'oob.map-without-validation',
    rules: ['WSO2-OOB-01'],
    description: 'map-keys stores the pair without reading the client from the key manager (no grant types, no check).',
  },
  {
    name: 'oob.allow-duplicate-mapping',
    rules: ['WSO2-OOB-02'],
    description: 'A second mapping of a key type, or of a consumer key already mapped, is stored.',
  },
  {
    name: 'oob.skip-secret-check',
    rules: ['WSO2-OOB-03'],
    description: 'map-keys with a wrong consumer secret is accepted.',
  },
  {
    name: 'oob.delete-app-deletes-mapped-client',
    rules: ['WSO2-OOB-04'],
    description: 'Deleting an application deletes its mapped (out-of-band) client at the key manager.',
  },
  {
    name: 'oob.map-keys-gated-by-flag',
    rules: ['WSO2-OOB-05'],
    description: 'map-keys is refused (400 901405) when the key manager\'s Out Of Band Provisioning is off.',
  },
  {
    name: 'store19.no-session-check',
    rules: ['WSO2-OOB-06'],
    description: 'The 1.9 Store maps a client for a request without the login session (as the first user).',
  },
  {
    name: 'store19.error-status',
    rules: ['WSO2-OOB-08'],
    description: 'The 1.9 Store answers its errors REST-style with HTTP 400 instead of HTTP 200 with error true.',
  },
  {
    name: 'store19.script-readable-session',
    rules: ['WSO2-OOB-09'],
    description: 'The 1.9 Store sets its session cookie without Secure and HttpOnly.',
  },
  {
    name: 'obdcr.no-portal-application',
    rules: ['WSO2-OOB-07'],
    description: 'The gateway\'s DCR executor leaves no application in the portal after an Open Banking DCR registration.',
  },
  {
    name: 'devp.fs-skip-is-extras',
    rules: ['WSO2-DEVP-21'],
    description: 'Generate-keys for a regulatory fsKeyManager application stops after the IS DCR create: no SP properties, certificate-bound tokens or application certificate at the Identity Server.',
  },
  {
    name: 'devp.list-without-sp-properties',
    rules: ['WSO2-DEVP-21'],
    description: 'The keys listing of an fsKeyManager key does not read the IS application: regulatory and sp_certificate are missing from additionalProperties.',
  },
  {
    name: 'devp.signup-no-auth',
    rules: ['WSO2-DEVP-01'],
    description: 'Self sign-up creates the account for a caller that is not authenticated.',
  },
  {
    name: 'devp.scim-users-any-caller',
    rules: ['WSO2-DEVP-22'],
    description: "Any authenticated user of API Manager may search and delete the user store's users over SCIM2.",
  },
  {
    name: 'devp.token-despite-generation-off',
    rules: ['WSO2-DEVP-23'],
    description: "Generate-keys asks the key manager for an application token even when the key manager's Token Generation is off.",
  },
  {
    name: 'devp.any-media-type',
    rules: ['WSO2-DEVP-24'],
    description: 'Portal bodies are read as JSON whatever Content-Type they name.',
  },
  {
    name: 'devp.no-pagination-links',
    rules: ['WSO2-DEVP-25'],
    description: 'Portal lists carry empty next and previous pagination links, even where a page remains.',
  },
  {
    name: 'devp.key-update-not-at-km',
    rules: ['WSO2-DEVP-26'],
    description: "Updating a key changes nothing at the key manager: its client keeps the grant types and callback it had.",
  },
  {
    name: 'devp.key-delete-keeps-km-client',
    rules: ['WSO2-DEVP-26'],
    description: "Deleting a key generated in the portal leaves its client at the key manager.",
  },
  {
    name: 'devp.km-list-without-app-config',
    rules: ['WSO2-DEVP-27'],
    description: "The portal's key manager list gives no key manager any application configurations.",
  },
  {
    name: 'devp.key-through-any-application',
    rules: ['WSO2-DEVP-28'],
    description: "A key's read, update, deletion, clean-up, secret and token are served through any application of its owner.",
  },
  {
    name: 'devp.key-delete-removes-mapped-client',
    rules: ['WSO2-OOB-04'],
    description: "Deleting a provided (MAPPED) key deletes the client at the key manager too.",
  },
  {
    name: 'devp.token-at-disabled-km',
    rules: ['WSO2-DEVP-15'],
    description: "The portal gets a token for a key of a disabled key manager instead of 400 901406.",
  },
  {
    name: 'devp.token-without-validity-period',
    rules: ['WSO2-DEVP-15'],
    description: "A portal token request without validityPeriod is served instead of failing.",
  },
  {
    name: 'devp.token-ignores-request-secret',
    rules: ['WSO2-DEVP-15'],
    description: "The portal's token request uses the stored secret, not the consumerSecret the request sends.",
  },
  {
    name: 'devp.key-update-answers-stored-names',
    rules: ['WSO2-DEVP-26'],
    description: "A key's update answers the stored mapping id and key manager name instead of those the body sends.",
  },
  {
    name: 'devp.app-body-not-validated',
    rules: ['WSO2-DEVP-29'],
    description: "An application body's bean validation is skipped: no name, no tier, or over-long members reach the store.",
  },
  {
    name: 'devp.app-name-spacing-accepted',
    rules: ['WSO2-DEVP-29'],
    description: "An application name with white space around it is accepted.",
  },
  {
    name: 'devp.app-owner-from-body',
    rules: ['WSO2-DEVP-29'],
    description: "A new application's owner is the read-only owner the body sends, not the caller.",
  },
  {
    name: 'devp.app-list-ignores-query',
    rules: ['WSO2-DEVP-30'],
    description: "The applications list ignores query, sortBy and sortOrder: every application, by name ascending.",
  },
  {
    name: 'devp.km-list-shows-credentials',
    rules: ['WSO2-DEVP-31'],
    description: "The portal's key manager list gives every additional property of a key manager, the Username and Password APIM signs in with included.",
  },
  {
    name: 'devp.km-list-ignores-display-endpoints',
    rules: ['WSO2-DEVP-31'],
    description: "The portal's key manager list gives the real token and revoke endpoints where display ones are set.",
  },
  {
    name: 'devp.ob-properties-checked-as-default',
    rules: ['WSO2-DEVP-11'],
    description: "An ObKeyManager's application configurations are checked as the default connector's: its toolkit's attributes refused.",
  },
  {
    name: 'devp.subscribe-internal-plan',
    rules: ['WSO2-DEVP-32'],
    description: "A subscription with an internal business plan (SubscriptionLess) is not refused with 902019.",
  },
  {
    name: 'devp.subscriptions-of-api-any-owner',
    rules: ['WSO2-DEVP-32'],
    description: "Subscriptions listed by apiId are every TPP's, not only the caller's.",
  },
  {
    name: 'devp.multiple-subscriptions-errors-as-is',
    rules: ['WSO2-DEVP-32'],
    description: "A refused item of /subscriptions/multiple is answered with its own error, not the product's 500.",
  },
  {
    name: 'devp.km-client-drops-app-properties',
    rules: ['WSO2-DEVP-16'],
    description: "APIM's calls to a key manager leave out the application configurations (lifetimes, PKCE and public-client flags).",
  },
  {
    name: 'devp.km-client-empty-redirect-uris',
    rules: ['WSO2-KMC-01'],
    description: 'Without a callback URL the client registration sends `redirect_uris: []` instead of leaving the member out.',
  },
  {
    name: 'devp.km-client-no-allowed-audience',
    rules: ['WSO2-KMC-02'],
    description: 'The IS 7 client registration leaves out `ext_allowed_audience: organization`.',
  },
  {
    name: 'devp.km-client-standard-base64-id',
    rules: ['WSO2-KMC-03'],
    description: 'keymanager-operations paths carry the client id in standard base64 (`+`, `/`) instead of base64url.',
  },
  {
    name: 'oob.mapped-key-names-km-by-name',
    rules: ['WSO2-OOB-10'],
    description: "A mapped key answers the key manager's name, not the name or UUID the request named it by.",
  },
  {
    name: 'devp.keys-despite-app-creation-off',
    rules: ['WSO2-DEVP-33'],
    description: "A key manager with OAuth app creation off generates keys.",
  },
  {
    name: 'obdcr.delete-keeps-portal-application',
    rules: ['WSO2-OOB-07'],
    description: "An Open Banking DCR DELETE leaves the application the gateway's DCR executor made in the portal.",
  },
  {
    name: 'devp.app-config-tooltips-are-labels',
    rules: ['WSO2-DEVP-27'],
    description: "The portal's key manager list gives each application configuration its label as tooltip, not the connector's own text.",
  },
  {
    name: 'devp.km-tls-unverified',
    rules: ['WSO2-KMC-04'],
    description: "API Manager's calls to a key manager accept any TLS certificate, one no trusted CA signed included.",
  },
  {
    name: 'obdcr.refused-delete-removes-portal-application',
    rules: ['WSO2-OOB-07'],
    description: "An Open Banking DCR DELETE the gateway refuses still removes the application the DCR executor made in the portal.",
  },
  {
    name: 'obdcr.subscribes-every-regulatory-api',
    rules: ['WSO2-OOB-07'],
    description: "The gateway's DCR executor subscribes the application to every regulatory API, whatever the SSA's roles.",
  },
  {
    name: 'obdcr.subscribes-on-every-role',
    rules: ['WSO2-OOB-07'],
    description: "The gateway's DCR executor subscribes the application to a regulatory API only when the SSA has every role the API lists, not one of them.",
  },
  {
    name: 'devp.list-keys-despite-km-error',
    rules: ['WSO2-DEVP-14'],
    description: "The keys listing keeps a key its key manager could not be asked about, without the key manager's data.",
  },
  {
    name: 'devp.unknown-api-found',
    rules: ['WSO2-DEVP-34'],
    description: "An API id the portal does not publish answers the first published API instead of 404.",
  },
  {
    name: 'devp.km-registration-needs-201',
    rules: ['WSO2-KMC-05'],
    description: 'A key manager registration answered with a 2xx other than 201 is taken as a failure.',
  },
  {
    name: 'devp.key-update-ignores-km-refusal',
    rules: ['WSO2-KMC-05'],
    description: "A key update the key manager refuses is answered 200 with the grant types and callback sent, and stored.",
  },
  {
    name: 'devp.regenerate-ignores-km-refusal',
    rules: ['WSO2-KMC-05'],
    description: 'A secret regeneration the key manager refuses is answered 200 with a secret of its own making.',
  },
  {
    name: 'devp.token-error-without-km-reason',
    rules: ['WSO2-KMC-05'],
    description: "A portal token the token endpoint refuses is answered without the token endpoint's error_description.",
  },
  {
    name: 'devp.subscription-delete-keeps',
    rules: ['WSO2-DEVP-36'],
    description: 'DELETE of a subscription answers 200 and keeps the subscription.',
  },
  {
    name: 'devp.settings-grant-types-for-anyone',
    rules: ['WSO2-DEVP-35'],
    description: "The portal's settings give an anonymous caller the grant types and the gateway endpoint.",
  },
  {
    name: 'devp.list-drops-key-the-km-lost',
    rules: ['WSO2-KMC-05'],
    description: 'The keys listing drops a key whose client the key manager answers 404 for, instead of listing it from the stored application info.',
  },
] as const satisfies readonly FaultSwitch[];
