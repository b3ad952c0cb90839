import { importJWK, SignJWT, type JWK } from 'jose';

/**
 * Software statement assertions (SSAs) as the two registers issue them: the UK Open Banking
 * Directory (claims of seed 004's first SSA, `iss` "OpenBanking Ltd") and the CDR Register (claims
 * of seed 004's GET/PUT samples, `iss` "cdr-register"). Pure: no I/O, the caller signs with
 * `signJwt` and a key it chose.
 */
export type SsaFlavour = 'uk' | 'cdr';

export const UK_SSA_ISSUER = 'OpenBanking Ltd';
export const CDR_SSA_ISSUER = 'cdr-register';
/** CDR software products carry one role (CDR Register §SSA `software_roles`). */
export const CDR_SOFTWARE_ROLE = 'data-recipient-software-product';

export interface SoftwareProduct {
  softwareId: string;
  orgId: string;
  orgName: string;
  clientName: string;
  redirectUris: string[];
  /** UK: AISP, PISP, CBPII; CDR: data-recipient-software-product. */
  roles: string[];
  /** Space-separated scopes the software may ask for (CDR `scope` claim). */
  scope: string;
  /** The software's signing JWKS (UK `software_jwks_endpoint`, CDR `jwks_uri`). */
  jwksUri: string;
  environment: 'sandbox' | 'production';
  /** UK `org_jwks_endpoint`; defaults to `jwksUri`. */
  orgJwksUri?: string;
  /** UK `*_jwks_revoked_endpoint`, CDR `revocation_uri`; defaults to `jwksUri` with `/revoked` inserted. */
  revokedJwksUri?: string;
}

export interface SsaOptions {
  iat: number;
  jti: string;
  exp?: number;
  issuer?: string;
}

/** Default SSA lifetime where a flavour always carries `exp` (the CDR Register's SSAs do). */
export const CDR_SSA_LIFETIME_SECONDS = 3600;

function origin(uri: string | undefined, fallback: string): string {
  try {
    return uri ? new URL(uri).origin : fallback;
  } catch {
    return fallback;
  }
}

/** `.../x.jwks` → `.../revoked/x.jwks`, as the OB Directory keystore lays them out (seed 004). */
function withRevoked(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? uri : `${uri.slice(0, i)}/revoked${uri.slice(i)}`;
}

function revokedOf(p: SoftwareProduct): string {
  return p.revokedJwksUri ?? withRevoked(p.jwksUri);
}

/** UK OB Directory SSA: every claim of seed 004's first SSA, with this product's values. */
function ukClaims(p: SoftwareProduct, o: SsaOptions): Record<string, unknown> {
  const site = origin(p.redirectUris[0], 'https://example.com');
  const contact = (type: string) => ({ name: type, email: `${type.toLowerCase()}@${new URL(site).hostname}`, phone: '+440000000000', type });
  return {
    iss: o.issuer ?? UK_SSA_ISSUER,
    iat: o.iat,
    ...(o.exp !== undefined ? { exp: o.exp } : {}),
    jti: o.jti,
    software_environment: p.environment,
    software_mode: p.environment === 'production' ? 'Live' : 'Test',
    software_id: p.softwareId,
    software_client_id: p.softwareId,
    software_client_name: p.clientName,
    software_client_description: p.clientName,
    software_version: 1.5,
    software_client_uri: site,
    software_redirect_uris: [...p.redirectUris],
    software_roles: [...p.roles],
    organisation_competent_authority_claims: {
      authority_id: 'OBGBR',
      registration_id: `Unknown${p.orgId}`,
      status: 'Active',
      authorisations: ['GB', 'IE', 'NL'].map((member_state) => ({ member_state, roles: [...p.roles] })),
    },
    software_logo_uri: `${site}/logo.png`,
    org_status: 'Active',
    org_id: p.orgId,
    org_name: p.orgName,
    org_contacts: [contact('Technical'), contact('Business')],
    org_jwks_endpoint: p.orgJwksUri ?? p.jwksUri,
    org_jwks_revoked_endpoint: withRevoked(p.orgJwksUri ?? p.jwksUri),
    software_jwks_endpoint: p.jwksUri,
    software_jwks_revoked_endpoint: revokedOf(p),
    software_policy_uri: `${site}/policy`,
    software_tos_uri: `${site}/tos`,
    software_on_behalf_of_org: p.orgName,
  };
}

/** CDR Register SSA: the claims of seed 004's GET/PUT samples (software_roles a string). */
function cdrClaims(p: SoftwareProduct, o: SsaOptions): Record<string, unknown> {
  const site = origin(p.redirectUris[0], 'https://example.com');
  return {
    iss: o.issuer ?? CDR_SSA_ISSUER,
    iat: o.iat,
    exp: o.exp ?? o.iat + CDR_SSA_LIFETIME_SECONDS,
    jti: o.jti,
    org_id: p.orgId,
    org_name: p.orgName,
    client_name: p.clientName,
    client_description: p.clientName,
    client_uri: site,
    redirect_uris: [...p.redirectUris],
    logo_uri: `${site}/logo.png`,
    tos_uri: `${site}/tos.html`,
    policy_uri: `${site}/policy.html`,
    jwks_uri: p.jwksUri,
    revocation_uri: revokedOf(p),
    recipient_base_uri: site,
    software_id: p.softwareId,
    software_roles: p.roles.join(' ') || CDR_SOFTWARE_ROLE,
    scope: p.scope,
  };
}

export function softwareStatementClaims(flavour: SsaFlavour, product: SoftwareProduct, opts: SsaOptions): Record<string, unknown> {
  return flavour === 'uk' ? ukClaims(product, opts) : cdrClaims(product, opts);
}

export interface SigningKey {
  privateJwk: JWK;
  kid: string;
  alg: 'PS256' | 'ES256';
}

/** Sign claims as a compact JWS, header `{alg, kid, typ: "JWT"}` plus `header` (seed 004's SSA and request headers). */
export async function signJwt(claims: Record<string, unknown>, key: SigningKey, header: Record<string, unknown> = {}): Promise<string> {
  const privateKey = await importJWK({ ...key.privateJwk, alg: key.alg }, key.alg);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(privateKey);
}
