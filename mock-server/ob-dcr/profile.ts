import type { SandboxContext } from '../context.ts';
import { issuerOf } from '../context.ts';
import { CDR_SSA_ISSUER, UK_SSA_ISSUER, type SsaFlavour } from '../../pki/software-statements.ts';
import { ssaFlavourOf } from '../directory/test-directory.ts';

/**
 * Where the UK and CDR profiles differ (rules/catalogue.md "Profile conflicts index"); the generic
 * profile registers as the UK one does.
 */
export interface ObDcrProfile {
  flavour: SsaFlavour;
  /** DCR-REQ-04 (UK application/jose; the product's gateway also takes application/jwt, seed 004), DCR-REQ-05 (CDR application/jwt). */
  contentTypes: readonly string[];
  /** DCR-REQ-11 (UK: the ASPSP id, or the issuer) / DCR-REQ-12 (CDR: the issuer only). */
  audiences: readonly string[];
  /** DCR-REQ-22/23 (UK under FAPI) / DCR-REQ-24 (CDR). */
  authMethods: readonly string[];
  /** DCR-REQ-35. */
  applicationTypes: readonly string[];
  /** DCR-SSA-04: the trusted registers. */
  ssaIssuers: readonly string[];
  /** DCR-MGT-03: CDR management tokens need this scope; UK none (DCR-MGT-02). */
  managementScope: string | undefined;
  /** DCR-REQ-26: the UK data dictionary ties tls_client_auth_subject_dn to tls_client_auth. */
  subjectDnRequired: boolean;
  /** DCR-REQ-37 (CDR: refuse) / DCR-REQ-38 (UK: may allow, configurable). */
  allowMultipleRegistrations: boolean;
  /** CDR scope is optional in the request (seed 004's PUT sample has none): the SSA's is registered. */
  scopeRequired: boolean;
}

export function obDcrProfile(ctx: SandboxContext): ObDcrProfile {
  const flavour = ssaFlavourOf(ctx);
  const issuer = issuerOf(ctx);
  const configuredIssuers = ctx.config.obDcr.ssaIssuers;
  if (flavour === 'cdr') {
    return {
      flavour,
      contentTypes: ['application/jwt'],
      audiences: [issuer],
      authMethods: ['private_key_jwt'],
      applicationTypes: ['web'],
      ssaIssuers: configuredIssuers.length ? configuredIssuers : [CDR_SSA_ISSUER],
      managementScope: 'cdr:registration',
      // Stryker disable next-line BooleanLiteral: CDR refuses tls_client_auth (authMethods) before the subject DN is read.
      subjectDnRequired: false,
      allowMultipleRegistrations: false,
      // Fault ob-dcr.cdr-scope-required: a CDR request without scope is refused (the CDS makes it optional).
      scopeRequired: ctx.faults.has('ob-dcr.cdr-scope-required'),
    };
  }
  return {
    flavour,
    contentTypes: ['application/jose', 'application/jwt'],
    audiences: [issuer, ...ctx.config.obDcr.audiences],
    authMethods: ['private_key_jwt', 'tls_client_auth'],
    // Fault ob-dcr.uk-web-only: application_type mobile is refused although the UK allows it.
    applicationTypes: ctx.faults.has('ob-dcr.uk-web-only') ? ['web'] : ['web', 'mobile'],
    ssaIssuers: configuredIssuers.length ? configuredIssuers : [UK_SSA_ISSUER],
    managementScope: undefined,
    subjectDnRequired: true,
    allowMultipleRegistrations: ctx.config.obDcr.allowMultipleRegistrations,
    scopeRequired: true,
  };
}
