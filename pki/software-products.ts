import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { TestPki, TppIdentity } from './test-pki.ts';
import { CDR_SOFTWARE_ROLE, type SigningKey, type SoftwareProduct, type SsaFlavour } from './software-statements.ts';

/**
 * The software products of the test PKI's two TPP organisations, as the test directory knows them:
 * software_id = transport certificate CN, org_id = OU, org_name = O (certs/manifest.json), signing
 * JWKS = certs/tppN-signing.jwks.json served by the directory at `<base>/software/<id>/jwks`.
 */
export type TestTpp = 'tpp1' | 'tpp2';
export const TEST_TPPS: readonly TestTpp[] = ['tpp1', 'tpp2'];

/** UK OB roles and the scopes they open (UK OB DCR §Data Mapping: AISP accounts, PISP payments, CBPII fundsconfirmations). */
export const UK_ROLE_SCOPES: Readonly<Record<string, string>> = { AISP: 'accounts', PISP: 'payments', CBPII: 'fundsconfirmations' };
export const UK_ROLES = ['AISP', 'PISP', 'CBPII'];
/** The CDR scopes of seed 004's CDR SSA. */
export const CDR_SCOPES =
  'bank:accounts.basic:read bank:accounts.detail:read bank:transactions:read bank:payees:read bank:regular_payments:read common:customer.basic:read common:customer.detail:read cdr:registration';

/** Normalised directory base (no trailing slash), e.g. https://localhost:9446/test-directory */
const trim = (base: string) => base.replace(/\/+$/, '');

export function softwareJwksUri(directoryBaseUrl: string, softwareId: string): string {
  return `${trim(directoryBaseUrl)}/software/${encodeURIComponent(softwareId)}/jwks`;
}
export function organisationJwksUri(directoryBaseUrl: string, orgId: string): string {
  return `${trim(directoryBaseUrl)}/organisations/${encodeURIComponent(orgId)}/jwks`;
}

/** A software product of a TPP organisation (another software_id of the same org shares its keys). */
export function softwareProductOf(tpp: Pick<TppIdentity, 'softwareId' | 'orgId' | 'orgName' | 'name'>, directoryBaseUrl: string, flavour: SsaFlavour = 'uk', softwareId = tpp.softwareId): SoftwareProduct {
  const host = `${tpp.name}.tpp.example.com`;
  return {
    softwareId,
    orgId: tpp.orgId,
    orgName: tpp.orgName,
    clientName: `${tpp.orgName} ${softwareId}`,
    redirectUris: [`https://${host}/redirects/redirect1`, `https://${host}/redirects/redirect2`],
    roles: flavour === 'uk' ? [...UK_ROLES] : [CDR_SOFTWARE_ROLE],
    scope: flavour === 'uk' ? UK_ROLES.map((r) => UK_ROLE_SCOPES[r]).join(' ') : CDR_SCOPES,
    jwksUri: softwareJwksUri(directoryBaseUrl, softwareId),
    orgJwksUri: organisationJwksUri(directoryBaseUrl, tpp.orgId),
    environment: 'sandbox',
  };
}

/** tpp1 and tpp2 as software products of the test directory at `directoryBaseUrl`. */
export function testSoftwareProducts(pki: TestPki, directoryBaseUrl: string, flavour: SsaFlavour = 'uk'): Record<TestTpp, SoftwareProduct> {
  return {
    tpp1: softwareProductOf(pki.tpp1, directoryBaseUrl, flavour),
    tpp2: softwareProductOf(pki.tpp2, directoryBaseUrl, flavour),
  };
}

/** The public signing JWKS of a TPP (certs/tppN-signing.jwks.json). */
export function tppSigningJwks(tpp: TppIdentity): { keys: JWK[] } {
  return JSON.parse(readFileSync(tpp.signingJwks, 'utf8')) as { keys: JWK[] };
}

/** The TPP's signing key, for signJwt (PS256, kid = RFC 7638 thumbprint). */
export function tppSigningKey(tpp: TppIdentity): SigningKey {
  return { privateJwk: JSON.parse(readFileSync(tpp.signingPrivateJwk, 'utf8')) as JWK, kid: tpp.signingKid, alg: 'PS256' };
}

/** The test directory's SSA signing key (certs/directory-signing.private.jwk.json). */
export function directorySigningKey(pki: TestPki): SigningKey {
  return { privateJwk: JSON.parse(readFileSync(pki.directory.privateJwk, 'utf8')) as JWK, kid: pki.directory.kid, alg: 'PS256' };
}
