import type { Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { mediaType } from '../http/request-body.ts';
import type { ClientMetadata, ClientRecord } from '../store/clients.ts';
import { decodeJws, type DecodedJws } from './jws.ts';
import { invalidClientMetadata, invalidRequest, invalidSoftwareStatement, unsupportedMediaType, MESSAGES } from './errors.ts';
import { obDcrProfile, type ObDcrProfile } from './profile.ts';
import {
  checkSsaExpiry, checkSsaForm, checkSsaIssuer, checkSsaNotFuture, checkSsaPresent, checkSsaSignature, ssaSoftwareId,
} from './software-statement.ts';
import { checkRequestAlgorithm, checkRequestSignature } from './request-signature.ts';
import {
  checkAudience, checkExpiry, checkIssuedAt, checkIssuer, checkJtiNotReplayed, checkJtiPresent, checkNoCriticalHeader, checkNotBefore,
  checkSoftwareId, claimJti,
} from './request-claims.ts';
import {
  checkApplicationType, checkAuthMethod, checkGrantTypes, checkRedirectUris, checkRedirectUrisWithinSsa, checkRequiredParameters,
  checkEncryptionAlgorithms, checkResponseTypes, checkScope, checkSubjectDn, checkTokenAlgorithms,
} from './client-metadata.ts';
import { ssaJwksUri, ssaOrgId } from './ssa-claims.ts';
import { testDirectoryBase } from '../directory/test-directory.ts';
import { belongsToOrganisation } from '../security/certificate-organisation.ts';

/** A registration request that passed every check, ready to be written. */
export interface ValidRegistration {
  softwareId: string;
  clientName: string;
  metadata: ClientMetadata;
  request: DecodedJws;
  jti: string | undefined;
}

/** DCR-REQ-04/05: the profile's JWS media type; anything else 415 (wso2-surface §6.3). */
export function checkContentType(ctx: SandboxContext, profile: ObDcrProfile, c: Context<SandboxEnv>): void {
  if (ctx.faults.has('ob-dcr.accept-any-content-type')) return;
  const type = mediaType(c);
  if (!profile.contentTypes.includes(type)) {
    throw unsupportedMediaType(`Unsupported Content-Type "${c.req.header('content-type') ?? ''}"; expected ${profile.contentTypes.join(' or ')}`);
  }
}

/** The gateway's first checks: a payload, and a compact JWS (JSON bodies included) that decodes. */
export async function readRequestJws(c: Context<SandboxEnv>): Promise<DecodedJws> {
  const text = (await c.req.text()).trim();
  if (text === '') throw invalidRequest(MESSAGES.emptyPayload);
  const d = decodeJws(text);
  if (!d) throw invalidRequest(MESSAGES.malformedJwt);
  return d;
}

/** The transport certificate's organisation (subject OU) is the SSA's org_id (OB transport certificate profile). */
export function checkOrganisation(ctx: SandboxContext, c: Context<SandboxEnv>, orgId: string | undefined): void {
  if (ctx.faults.has('ob-dcr.skip-org-check')) return;
  const cert = c.get('clientCertificate');
  if (!cert) {
    if (ctx.faults.has('ob-dcr.register-without-mtls') || ctx.faults.has('mtls.accept-missing-certificate')) return;
    throw invalidClientMetadata(MESSAGES.orgMismatch);
  }
  if (!belongsToOrganisation(cert, orgId)) throw invalidClientMetadata(MESSAGES.orgMismatch);
}

/** The stored metadata: the request's client metadata with the SSA's software id and JWKS location. */
function metadataOf(profile: ObDcrProfile, request: DecodedJws, ssa: DecodedJws, values: Partial<ClientMetadata>): ClientMetadata {
  const { iss: _iss, iat: _iat, exp: _exp, jti: _jti, aud: _aud, nbf: _nbf, ...rest } = request.claims;
  const m: ClientMetadata = { ...rest, ...values };
  m.software_id = ssa.claims.software_id;
  m.org_id = ssaOrgId(ssa.claims);
  // DCR-SSA-12: the client's keys are the SSA's software JWKS, never a request-supplied one.
  m.jwks_uri = ssaJwksUri(profile, ssa.claims);
  delete m.jwks;
  // The client's name is its software id (use_softwareIdForAppName, wso2-surface §6.6), kept as the
  // record's clientName; a request's client_name is not a second one (an IS DCR update would take it).
  delete m.client_name;
  m.tls_client_certificate_bound_access_tokens = true;
  return m;
}

/**
 * Validate an OB DCR registration (POST) or update (PUT) request, in the product's order:
 * content type → JWS form → SSA presence/form → SSA signature, issuer, lifetime → request alg and
 * critical headers, signature → iss, software_id, aud, exp, iat, nbf, jti → required parameters → redirect URIs → auth
 * method → grant/response types → application type → algorithms → scope → organisation.
 */
export async function validateRegistration(ctx: SandboxContext, c: Context<SandboxEnv>): Promise<ValidRegistration> {
  const profile = obDcrProfile(ctx);
  checkContentType(ctx, profile, c);
  const request = await readRequestJws(c);
  const claims = request.claims as Record<string, unknown>;

  const ssa = checkSsaForm(checkSsaPresent(claims));
  await checkSsaSignature(ctx, ssa);
  checkSsaIssuer(ctx, profile, ssa);
  checkSsaExpiry(ctx, ssa);
  checkSsaNotFuture(ctx, ssa);
  const softwareId = ssaSoftwareId(ssa);

  checkRequestAlgorithm(ctx, request);
  checkNoCriticalHeader(ctx, request);
  await checkRequestSignature(ctx, profile, ssa, request);

  checkIssuer(ctx, request, softwareId);
  checkSoftwareId(ctx, request, softwareId);
  checkAudience(ctx, profile, request);
  checkExpiry(ctx, request);
  checkIssuedAt(ctx, request);
  checkNotBefore(ctx, request);
  const jti = checkJtiPresent(ctx, request);
  checkJtiNotReplayed(ctx, jti);

  checkRequiredParameters(profile, claims);
  const redirectUris = checkRedirectUris(ctx, claims);
  checkRedirectUrisWithinSsa(ctx, profile, ssa.claims, redirectUris);
  const method = checkAuthMethod(ctx, profile, claims);
  checkSubjectDn(ctx, profile, claims, method);
  const grantTypes = checkGrantTypes(ctx, claims);
  const responseTypes = checkResponseTypes(ctx, claims, grantTypes);
  checkApplicationType(ctx, profile, claims);
  checkTokenAlgorithms(ctx, claims);
  checkEncryptionAlgorithms(ctx, claims);
  const scope = checkScope(ctx, profile, ssa.claims, claims);
  checkOrganisation(ctx, c, ssaOrgId(ssa.claims));

  const metadata = metadataOf(profile, request, ssa, {
    redirect_uris: redirectUris,
    token_endpoint_auth_method: method,
    grant_types: grantTypes,
    response_types: responseTypes,
    scope,
    software_statement: ssa.jws,
  });
  // The defect DCR-SSA-12 rules out: the client's keys looked up in the directory by software_id
  // instead of at the location the SSA names.
  if (ctx.faults.has('ob-dcr.client-keys-from-directory')) metadata.jwks_uri = `${testDirectoryBase(ctx)}/software/${encodeURIComponent(String(softwareId))}/jwks`;
  return { softwareId, clientName: softwareId, metadata, request, jti };
}

/**
 * The product names the application after the software_id (OB 3.x `use_softwareIdForAppName`), so
 * a second registration is IS's duplicate-name refusal (WSO2-OBDCR-04, DCR-REQ-37); the UK profile
 * may allow it (DCR-REQ-38, obDcr.allowMultipleRegistrations).
 */
export function checkNotDuplicate(ctx: SandboxContext, softwareId: string, except?: string): void {
  if (ctx.faults.has('ob-dcr.allow-duplicate-software') || obDcrProfile(ctx).allowMultipleRegistrations) return;
  // Stryker disable next-line MethodExpression: `except` is set only for a PUT that changes the software_id, which only ob-dcr.allow-software-id-change lets through (see validatedUpdate).
  const others = ctx.store.clients.bySoftwareId(softwareId).filter((cl) => cl.clientId !== except);
  if (others.length === 0) return;
  const message = MESSAGES.duplicate(softwareId);
  throw ctx.config.obDcr.duplicateErrorCode === 'invalid_software_statement' ? invalidSoftwareStatement(message) : invalidClientMetadata(message);
}

/** A unique client_name for the clients table when one software id has several registrations. */
export function storedName(ctx: SandboxContext, softwareId: string, except?: ClientRecord): string {
  const existing = ctx.store.clients.getByName(softwareId);
  if (!existing || existing.clientId === except?.clientId) return softwareId;
  return except?.clientName ?? `${softwareId}#${ctx.store.clients.bySoftwareId(softwareId).length + 1}-${Date.now().toString(36)}`;
}

export { claimJti };
