import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { loadTestPki, subjectDnOf } from '../../pki/test-pki.ts';
import { softwareProductOf } from '../../pki/software-products.ts';
import { CDR_SSA_ISSUER, UK_SSA_ISSUER, softwareStatementClaims, type SoftwareProduct, type SsaFlavour } from '../../pki/software-statements.ts';
import { registrationRequestClaims } from '../../pki/registration-request.ts';
import type { ObWorld } from './world.ts';
import { noteLeftBehind } from './clients.ts';
import type { HttpResponse, TlsIdentity } from './http-client.ts';
import { REPO_ROOT, type ObDcrTarget, type PathName } from './target.ts';
import { jwsKeyFromJwk, signVariant, type JwsKey } from './ob-jws.ts';
import { requestToken, tokenEndpoint, transportCertPem } from './token-client.ts';
import { claimValue } from './client-assertion.ts';
import { withLeeway } from './claims-table.ts';

/**
 * The harness as a TPP onboarding by Open Banking DCR (seed 004, wso2-surface §6): software
 * statements signed with the directory key the target trusts, registration requests signed with
 * the software's key, sent over mTLS; then client_credentials tokens (private_key_jwt) and
 * GET/PUT/DELETE of the registration. Everything deployment-specific comes from the target's
 * `obDcr` description and profile.
 *
 * World memory: `obdcr:<name>` the registration, `client:<name>` its response (so the token
 * client can authenticate it), `signer:<name>` the TPP, `tokens:<name>` its last token response.
 */
export type Tpp = 'tpp1' | 'tpp2';

export interface Registration {
  name: string;
  tpp: Tpp;
  clientId: string;
  product: SoftwareProduct;
  /** The key its software signs with, where not the TPP's own (keys served on the software JWKS host). */
  key?: JwsKey;
  deleted: boolean;
}

export function obDcrOf(world: ObWorld): ObDcrTarget {
  const o = world.target.file.obDcr;
  if (!o) throw new Error(`target "${world.target.file.name}" has no obDcr description (needed by @needs:ob-dcr)`);
  return o;
}

/** UK targets get UK OB Directory SSAs, CDR targets CDR Register SSAs. */
export function flavourOf(world: ObWorld): SsaFlavour {
  return world.target.file.profile === 'cdr' ? 'cdr' : 'uk';
}

function fillUrl(world: ObWorld, template: string, vars: Record<string, string>): string {
  return template
    .replace(/\{(is|apim|gateway)\}/g, (_m, l: 'is' | 'apim' | 'gateway') => world.baseUrl(l))
    .replace(/\{(software_id|org_id|issuer)\}/g, (m, k: string) => vars[k] ?? m);
}

/** The software product a TPP registers: the test product, overridden by the target's. */
export function productOf(world: ObWorld, tpp: Tpp): SoftwareProduct {
  const pki = loadTestPki();
  const own = obDcrOf(world).products?.[tpp] ?? {};
  const base = softwareProductOf(pki[tpp], 'https://directory.invalid', flavourOf(world), own.softwareId ?? pki[tpp].softwareId);
  const product: SoftwareProduct = {
    ...base,
    ...(own.orgId ? { orgId: own.orgId } : {}),
    ...(own.orgName ? { orgName: own.orgName } : {}),
    ...(own.redirectUris ? { redirectUris: own.redirectUris } : {}),
    ...(own.scope ? { scope: own.scope } : {}),
  };
  const jwksUri = fillUrl(world, obDcrOf(world).directory.softwareJwksUri, { software_id: product.softwareId, org_id: product.orgId });
  return { ...product, jwksUri, orgJwksUri: jwksUri };
}

const readJwk = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as JWK;

/** The key the software signs registration requests and client assertions with. */
export function softwareKey(world: ObWorld, tpp: Tpp): JwsKey {
  const own = obDcrOf(world).products?.[tpp]?.signingKey;
  const pki = loadTestPki();
  return own ? jwsKeyFromJwk(readJwk(own)) : jwsKeyFromJwk(readJwk(pki[tpp].signingPrivateJwk), pki[tpp].signingKid);
}

export function directoryKey(world: ObWorld): JwsKey {
  const dir = obDcrOf(world).directory;
  return jwsKeyFromJwk(readJwk(dir.signingKey), dir.kid);
}

export function ssaIssuer(world: ObWorld): string {
  return obDcrOf(world).directory.issuer ?? (flavourOf(world) === 'cdr' ? CDR_SSA_ISSUER : UK_SSA_ISSUER);
}

const issuers = new Map<string, string>();
/** The target's issuer from its discovery document (CDR: the registration `aud`, DCR-REQ-12). */
export async function discoveryIssuer(world: ObWorld): Promise<string> {
  const key = world.target.urls.is;
  let issuer = issuers.get(key);
  if (!issuer) {
    const res = await world.http.send('none', 'GET', world.url('is', world.target.path('discovery')), { headers: { accept: 'application/json' } });
    issuer = (res.json as { issuer?: string } | undefined)?.issuer;
    assert.ok(issuer, `no issuer in the discovery document: ${res.status} ${res.text.slice(0, 200)}`);
    issuers.set(key, issuer);
  }
  return issuer;
}

export async function audienceOf(world: ObWorld): Promise<string> {
  return fillUrl(world, obDcrOf(world).audience ?? '{issuer}', { issuer: await discoveryIssuer(world) });
}

/**
 * Claim values in scenario tables: JSON, `absent`, `now±N` (see claimValue; `now-leeway+1` with the
 * target's declared clockSkewSeconds), with placeholders
 * {{software_id:tppN}}, {{org_id:tppN}}, {{jwks_uri:tppN}}, {{redirect_uri:tppN}} (its first),
 * {{subject_dn:tppN}} and {{ssa_issuer}}.
 */
export function fillObDcr(world: ObWorld, text: string): string {
  return text
    .replace(/\{\{(software_id|org_id|jwks_uri|redirect_uri|subject_dn):(tpp[12])\}\}/g, (_m, what: string, tpp: Tpp) => {
      if (what === 'subject_dn') return subjectDnOf(transportCertPem(world, tpp));
      const p = productOf(world, tpp);
      return { software_id: p.softwareId, org_id: p.orgId, jwks_uri: p.jwksUri, redirect_uri: p.redirectUris[0]! }[what]!;
    })
    .replace(/\{\{ssa_issuer\}\}/g, ssaIssuer(world));
}

export function claimOverrides(world: ObWorld, rows: readonly (readonly string[])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [claim, value] of rows) {
    if (claim === 'claim' || claim === undefined) continue;
    // `now` is the target's clock when the scenario holds it (World.nowSeconds), `leeway` its declared skew.
    out[claim] = claimValue(withLeeway(fillObDcr(world, value ?? ''), world.target.file.clockSkewSeconds), world.nowSeconds());
  }
  return out;
}

function applyOverrides(claims: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out = { ...claims };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface SsaSpec {
  claims?: Record<string, unknown>;
  variant?: string | undefined;
  /** Another software of the TPP's organisation (same keys and JWKS location). */
  softwareId?: string;
  /** Another location of the software's JWKS (and of its organisation's). */
  jwksUri?: string;
}

function productFor(world: ObWorld, tpp: Tpp, softwareId: string | undefined, jwksUri?: string): SoftwareProduct {
  const p = productOf(world, tpp);
  return { ...p, ...(softwareId === undefined ? {} : { softwareId }), ...(jwksUri === undefined ? {} : { jwksUri, orgJwksUri: jwksUri }) };
}

/** A software statement for the TPP's product from the directory the target trusts. */
export function buildSsa(world: ObWorld, tpp: Tpp, spec: SsaSpec = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = softwareStatementClaims(flavourOf(world), productFor(world, tpp, spec.softwareId, spec.jwksUri), { iat: now, jti: randomUUID(), issuer: ssaIssuer(world) });
  return signVariant(applyOverrides(claims, spec.claims), directoryKey(world), spec.variant);
}

export interface RequestSpec {
  /** Request claim overrides (`undefined` removes a claim). */
  claims?: Record<string, unknown>;
  variant?: string | undefined;
  /** The SSA; by default a good one for the TPP's product. */
  ssa?: string;
  authMethod?: 'private_key_jwt' | 'tls_client_auth';
  /** Another software of the TPP's organisation (iss and SSA software_id). */
  softwareId?: string;
  /** The key the request is signed with; by default the software's (softwareKey). */
  key?: JwsKey;
}

/** The signed registration request (seed 004 sample shape) for the TPP's product. */
export async function buildRequest(world: ObWorld, tpp: Tpp, spec: RequestSpec = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const product = productFor(world, tpp, spec.softwareId);
  const ssa = spec.ssa ?? buildSsa(world, tpp, spec.softwareId === undefined ? {} : { softwareId: spec.softwareId });
  const claims = registrationRequestClaims(flavourOf(world), product, ssa, {
    aud: await audienceOf(world),
    iat: now,
    jti: randomUUID(),
    ...(spec.authMethod ? { authMethod: spec.authMethod } : {}),
    ...(spec.authMethod === 'tls_client_auth' ? { subjectDn: subjectDnOf(transportCertPem(world, tpp)) } : {}),
  });
  return signVariant(applyOverrides(claims, spec.claims), spec.key ?? softwareKey(world, tpp), spec.variant);
}

/** Seed 004's own sample registration, re-signed with the test keys (fixtures/ssa/seed-004-uk.json). */
export async function seedRequest(world: ObWorld, tpp: Tpp): Promise<string> {
  const seed = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/ssa/seed-004-uk.json'), 'utf8')) as {
    request: { header: Record<string, unknown>; claims: Record<string, unknown> };
    softwareStatement: { header: Record<string, unknown>; claims: Record<string, unknown> };
  };
  const product = productOf(world, tpp);
  const ssaClaims = { ...seed.softwareStatement.claims, software_jwks_endpoint: product.jwksUri };
  const ssa = signVariant(ssaClaims, directoryKey(world));
  const claims = { ...seed.request.claims, jti: randomUUID(), software_statement: ssa };
  return signVariant(claims, softwareKey(world, tpp));
}

/** The registration endpoint (gateway by default; `obDcrIsRegister` is on the IS listener). */
export function registerUrl(world: ObWorld, clientId?: string, path: PathName = 'obDcrRegister'): string {
  const base = world.url(path === 'obDcrIsRegister' ? 'is' : 'gateway', world.target.path(path));
  return clientId === undefined ? base : `${base}/${encodeURIComponent(clientId)}`;
}

/** application/jwt: seed 004 and CDR (DCR-REQ-05); the UK profile also takes application/jose (DCR-REQ-04). */
export const JWT_CONTENT_TYPE = 'application/jwt';

export async function postRegistration(world: ObWorld, identity: TlsIdentity, body: string | Buffer, opts: { contentType?: string | undefined; path?: PathName } = {}): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.contentType !== '') headers['content-type'] = opts.contentType ?? JWT_CONTENT_TYPE;
  world.remember('obdcr:last-body', body);
  return world.send(identity, 'POST', registerUrl(world, undefined, opts.path), { headers, body });
}

/** Remember a 201 registration under `name` (for tokens, management and clean-up). */
export function rememberRegistration(world: ObWorld, name: string, tpp: Tpp, res: HttpResponse, key?: JwsKey): Registration | undefined {
  if (res.status !== 201) return undefined;
  const body = res.json as { client_id?: string } | undefined;
  assert.ok(body?.client_id, `201 without client_id: ${res.text.slice(0, 300)}`);
  const reg: Registration = { name, tpp, clientId: body.client_id, product: productOf(world, tpp), ...(key ? { key } : {}), deleted: false };
  world.remember(`obdcr:${name}`, reg);
  world.remember(`client:${name}`, body);
  world.remember(`signer:${name}`, tpp);
  const all = world.remembered.has('obdcr:registrations') ? world.recall<string[]>('obdcr:registrations') : world.remember('obdcr:registrations', [] as string[]);
  if (!all.includes(name)) all.push(name);
  return reg;
}

export function registrationOf(world: ObWorld, name: string): Registration {
  return world.recall<Registration>(`obdcr:${name}`);
}

/**
 * The scope of the management token: CDR requires cdr:registration (DCR-MGT-03); UK needs none
 * (DCR-MGT-02), seed 004 asks for accounts, and a client registered without it (a software with
 * other roles) for the first scope it registered.
 */
export function managementScope(world: ObWorld, name: string): string {
  if (flavourOf(world) === 'cdr') return 'cdr:registration';
  const registered = world.remembered.has(`client:${name}`) ? world.recall<{ scope?: unknown }>(`client:${name}`).scope : undefined;
  const scopes = typeof registered === 'string' ? registered.split(' ').filter((s) => s !== '' && s !== 'openid') : [];
  return scopes.length === 0 || scopes.includes('accounts') ? 'accounts' : scopes[0]!;
}

/** A client assertion (RFC 7523 §3) signed with the software's key, as seed 004 builds it. */
export function softwareClientAssertion(world: ObWorld, name: string, claims: Record<string, unknown> = {}, key?: JwsKey): string {
  const reg = registrationOf(world, name);
  const now = world.nowSeconds();
  const payload = applyOverrides({ iss: reg.clientId, sub: reg.clientId, aud: tokenEndpoint(world), iat: now, exp: now + 300, jti: randomUUID() }, claims);
  return signVariant(payload, key ?? reg.key ?? softwareKey(world, reg.tpp));
}

/** client_credentials with the method the client registered, over mTLS as its TPP (seed 004 step 2). */
export async function requestManagementToken(world: ObWorld, name: string, opts: { identity?: TlsIdentity; scope?: string | undefined; key?: JwsKey } = {}): Promise<HttpResponse> {
  const reg = registrationOf(world, name);
  const method = world.recall<{ token_endpoint_auth_method?: string }>(`client:${name}`).token_endpoint_auth_method;
  const scope = 'scope' in opts ? opts.scope : managementScope(world, name);
  return requestToken(world, {
    identity: opts.identity ?? reg.tpp,
    clientName: name,
    ...(method === 'private_key_jwt' ? { auth: 'private_key_jwt' as const, assertion: softwareClientAssertion(world, name, {}, opts.key) } : {}),
    form: { grant_type: 'client_credentials', scope },
  });
}

export interface ManageOptions {
  identity: TlsIdentity;
  /** The Authorization header value; undefined sends none. */
  authorization: string | undefined;
  clientId: string;
  body?: string;
  contentType?: string;
  /** The registration path; the gateway's obDcrRegister by default. */
  path?: PathName;
}

/** GET, PUT or DELETE `/register/{client_id}` (seed 004 steps 3-5). */
export async function manage(world: ObWorld, method: 'GET' | 'PUT' | 'DELETE', opts: ManageOptions): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? JWT_CONTENT_TYPE;
  return world.send(opts.identity, method, registerUrl(world, opts.clientId, opts.path), opts.body === undefined ? { headers } : { headers, body: opts.body });
}

export function bearerOf(world: ObWorld, name: string): string {
  return `Bearer ${world.recall<{ access_token: string }>(`tokens:${name}`).access_token}`;
}

/**
 * Delete what a scenario registered and did not delete, so a rerun on a real bank starts clean.
 * What cannot be deleted is noted for the run's summary; a token refused as invalid_client means
 * the registration is gone already (the scenario deleted it).
 */
export async function cleanUpRegistrations(world: ObWorld): Promise<void> {
  if (!world.remembered.has('obdcr:registrations')) return;
  for (const name of world.recall<string[]>('obdcr:registrations')) {
    const reg = registrationOf(world, name);
    if (reg.deleted) continue;
    const note = (why: string) => noteLeftBehind(world, { kind: 'Open Banking DCR registration', id: reg.clientId, why });
    try {
      const res = await requestManagementToken(world, name);
      if (res.status !== 200) {
        if ((res.json as { error?: unknown } | undefined)?.error !== 'invalid_client') note(`no token to delete it with (the token endpoint answered ${res.status})`);
        continue;
      }
      const del = await manage(world, 'DELETE', { identity: reg.tpp, authorization: bearerOf(world, name), clientId: reg.clientId });
      if ([204, 200, 401, 404].includes(del.status)) reg.deleted = true;
      else note(`the delete answered ${del.status}`);
    } catch (e) {
      note((e as Error).message.split('\n')[0]!);
    }
  }
}
