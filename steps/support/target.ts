import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigOverrides, Profile } from '../../mock-server/config.ts';
import { PROFILES } from '../../mock-server/config.ts';

/**
 * A target: what the harness runs against. Everything that differs between deployments lives
 * here (URLs, TLS identities, profile, capabilities, error dialect), so steps never ask whether
 * the target is the sandbox.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TARGETS_DIR = join(REPO_ROOT, 'fixtures/targets');

export type IdentityName = 'tpp1' | 'tpp2' | 'untrusted';
export const IDENTITY_NAMES: readonly IdentityName[] = ['tpp1', 'tpp2', 'untrusted'];

/** Capabilities a scenario may need (`@needs:<capability>`). */
export const CAPABILITIES = [
  'mtls',
  'clock-control',
  'admin-api',
  'oauth-authorization-server-metadata',
  // Open Banking DCR with software statements (wso2-surface §6); the target names its directory in `obDcr`.
  'ob-dcr',
  // The bank refuses request redirect_uris outside the SSA's (DCR-REQ-20) ...
  'strict-redirect-uris',
  // ... or has that validator off, as the product allows (the seed 004 sample passes only then).
  'lenient-redirect-uris',
  // An API Manager control plane (admin v4, APIM DCR v0.17, devportal v3) at urls.apim.
  'apim',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** WSO2 paths of the surfaces; a target overrides them when its deployment differs. */
export const DEFAULT_PATHS = {
  discovery: '/oauth2/token/.well-known/openid-configuration',
  oauthServerMetadata: '/.well-known/oauth-authorization-server/oauth2/token',
  /** OB DCR on the gateway: the FS 4.x swagger's context (wso2-surface §6.1) ... */
  obDcrRegister: '/open-banking/v3.3.0/register',
  /** ... and seed 004's. */
  obDcrRegisterLegacy: '/open-banking/0.1/register',
  /** The Identity Server web app behind the gateway (seed 004). */
  obDcrIsRegister: '/api/openbanking/dynamic-client-registration/register',
  isDcrRegister: '/api/identity/oauth2/dcr/v1.1/register',
} as const;
export type PathName = keyof typeof DEFAULT_PATHS;

/**
 * What the harness needs to onboard as a TPP by Open Banking DCR: a directory the bank trusts
 * (its SSA signing key; the embedded sandbox trusts the test PKI's), where each software's JWKS
 * is served, and optionally the software products to register as. Templates may use {is},
 * {apim}, {gateway}, {software_id} and {org_id}.
 */
export interface ObDcrTarget {
  directory: {
    /** Private JWK file of the SSA signing key the bank trusts. */
    signingKey: string;
    /** kid of SSAs; defaults to the JWK's kid. */
    kid?: string;
    /** iss of SSAs; defaults per profile (UK "OpenBanking Ltd", CDR "cdr-register"). */
    issuer?: string;
    /** URL (template) of a software's JWKS, named in the SSA (UK software_jwks_endpoint, CDR jwks_uri). */
    softwareJwksUri: string;
  };
  /** Software products per TPP identity; each member overrides the test software product's. */
  products?: Partial<Record<'tpp1' | 'tpp2', ProductOverride>>;
  /** aud of registration requests (template, also {issuer}: the discovery issuer); default {issuer}. */
  audience?: string;
}

export interface ProductOverride {
  softwareId?: string;
  orgId?: string;
  orgName?: string;
  redirectUris?: string[];
  scope?: string;
  /** Private JWK file the TPP signs registration requests and client assertions with. */
  signingKey?: string;
}

/**
 * What product a target is. `WSO2-*` rules (rules/wso2.md) describe that product's behaviour, not
 * a spec's, so scenarios tagged with one run only where `product.name` starts with "wso2".
 */
export interface ProductInfo {
  /** e.g. "wso2-is" (Identity Server with the Open Banking accelerator). */
  name: string;
  /** Identity Server release, e.g. "7.0"; texts that changed between releases are chosen by it. */
  release?: string;
  /** API Manager release in front of it, e.g. "4.4". */
  apim?: string;
  /** Open Banking / Financial Services accelerator, e.g. "ob-3". */
  accelerator?: string;
}

export interface TargetFile {
  name: string;
  /** Absent for a spec-only server: then no `WSO2-*` rule is checked. */
  product?: ProductInfo;
  /**
   * Present for the embedded sandbox: started in every worker with these settings. `validators`
   * are the sandbox's switchable checks (mock-server/config.ts), e.g. redirectUrisWithinSsa;
   * `config` further sandbox settings (e.g. obDcr.audiences), checked by loadConfig.
   */
  embedded?: { profile?: Profile; validators?: Record<string, boolean>; config?: ConfigOverrides };
  profile: Profile;
  /** 'wso2' asserts the product's exact error descriptions; 'generic' only status and code. */
  dialect: 'wso2' | 'generic';
  urls?: { is: string; apim: string; gateway: string };
  capabilities: Capability[];
  tls?: { ca: string };
  identities?: Partial<Record<IdentityName, { cert: string; key: string }>>;
  paths?: Partial<Record<PathName, string>>;
  /** Identity Server admin user (IS DCR, scopes); the embedded sandbox uses admin/admin. */
  admin?: { username: string; password: string };
  /** Required with the ob-dcr capability. */
  obDcr?: ObDcrTarget;
  /**
   * The identity provider the target trusts at the JWT bearer grant (RFC 7521 §5.2): its `iss` and
   * the private JWK file the harness signs grant assertions with. Without it jwt-bearer scenarios
   * cannot get a token (their set-up fails: not checked).
   */
  jwtBearer?: { issuer: string; signingKey: string };
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Resolve `--target`: a name under fixtures/targets/ or a path to a JSON file. */
export function targetPath(nameOrPath: string): string {
  const candidates = isAbsolute(nameOrPath) || nameOrPath.includes('/') || nameOrPath.endsWith('.json')
    ? [resolve(nameOrPath)]
    : [join(TARGETS_DIR, `${nameOrPath}.json`)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new TargetError(`target not found: ${nameOrPath} (looked for ${candidates.join(', ')})`);
  return found;
}

export function loadTargetFile(path: string): TargetFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TargetError(`cannot read target ${path}: ${(e as Error).message}`);
  }
  return validateTarget(raw, path);
}

function validateTarget(raw: unknown, path: string): TargetFile {
  const fail = (msg: string): never => {
    throw new TargetError(`${path}: ${msg}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a JSON object');
  const t = raw as Record<string, unknown>;
  if (typeof t.name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(t.name)) fail('name must be a simple identifier');
  if (!PROFILES.includes(t.profile as Profile)) fail(`profile must be one of ${PROFILES.join(', ')}`);
  if (t.dialect !== 'wso2' && t.dialect !== 'generic') fail('dialect must be "wso2" or "generic"');
  if (!Array.isArray(t.capabilities)) fail('capabilities must be an array');
  for (const c of t.capabilities as unknown[]) {
    if (!CAPABILITIES.includes(c as Capability)) fail(`unknown capability ${JSON.stringify(c)}; known: ${CAPABILITIES.join(', ')}`);
  }
  if (!t.embedded) {
    const urls = t.urls as Record<string, unknown> | undefined;
    for (const k of ['is', 'apim', 'gateway']) {
      const u = urls?.[k];
      if (typeof u !== 'string' || !u.startsWith('https://')) fail(`urls.${k} must be an https URL`);
    }
    if (!t.tls || typeof (t.tls as Record<string, unknown>).ca !== 'string') fail('tls.ca (the CA file to trust) is required');
  }
  if (t.product !== undefined) {
    const p = t.product as Record<string, unknown>;
    if (typeof p !== 'object' || p === null || typeof p.name !== 'string') fail('product needs a name string (e.g. "wso2-is")');
    for (const k of ['release', 'apim', 'accelerator']) {
      if (p[k] !== undefined && typeof p[k] !== 'string') fail(`product.${k} must be a string`);
    }
  }
  if (t.admin !== undefined) {
    const a = t.admin as Record<string, unknown>;
    if (typeof a.username !== 'string' || typeof a.password !== 'string') fail('admin needs username and password strings');
  }
  const caps = t.capabilities as string[];
  if (caps.includes('strict-redirect-uris') && caps.includes('lenient-redirect-uris')) fail('strict-redirect-uris and lenient-redirect-uris exclude each other');
  if (caps.includes('ob-dcr')) validateObDcr(t.obDcr, fail);
  if (t.jwtBearer !== undefined) {
    const j = t.jwtBearer as Record<string, unknown>;
    if (typeof j.issuer !== 'string' || typeof j.signingKey !== 'string') fail('jwtBearer needs issuer and signingKey (a private JWK file) strings');
  }
  const embedded = t.embedded as Record<string, unknown> | undefined;
  if (embedded?.validators !== undefined) {
    const v = embedded.validators as Record<string, unknown>;
    if (typeof v !== 'object' || v === null || Object.values(v).some((x) => typeof x !== 'boolean')) fail('embedded.validators must map names to booleans');
  }
  for (const k of Object.keys((t.paths as object | undefined) ?? {})) {
    if (!(k in DEFAULT_PATHS)) fail(`unknown path ${k}; known: ${Object.keys(DEFAULT_PATHS).join(', ')}`);
  }
  const base = dirname(path);
  const abs = (p: string) => (isAbsolute(p) ? p : existsSync(resolve(base, p)) ? resolve(base, p) : resolve(REPO_ROOT, p));
  const file = t as unknown as TargetFile;
  if (file.tls) file.tls = { ca: abs(file.tls.ca) };
  if (file.jwtBearer) file.jwtBearer = { ...file.jwtBearer, signingKey: abs(file.jwtBearer.signingKey) };
  if (file.obDcr) {
    file.obDcr.directory.signingKey = abs(file.obDcr.directory.signingKey);
    for (const p of Object.values(file.obDcr.products ?? {})) {
      if (p?.signingKey) p.signingKey = abs(p.signingKey);
    }
  }
  if (file.identities) {
    for (const [name, id] of Object.entries(file.identities)) {
      if (id) file.identities[name as IdentityName] = { cert: abs(id.cert), key: abs(id.key) };
    }
  }
  return file;
}

function validateObDcr(raw: unknown, fail: (msg: string) => never): void {
  if (typeof raw !== 'object' || raw === null) fail('the ob-dcr capability needs an "obDcr" object (directory, products)');
  const o = raw as Record<string, unknown>;
  const dir = o.directory as Record<string, unknown> | undefined;
  if (typeof dir?.signingKey !== 'string') fail('obDcr.directory.signingKey (private JWK file of the SSA signing key) is required');
  if (typeof dir?.softwareJwksUri !== 'string') fail('obDcr.directory.softwareJwksUri (template of a software\'s JWKS URL) is required');
  for (const k of ['kid', 'issuer'] as const) {
    if (dir?.[k] !== undefined && typeof dir[k] !== 'string') fail(`obDcr.directory.${k} must be a string`);
  }
  if (o.audience !== undefined && typeof o.audience !== 'string') fail('obDcr.audience must be a string');
  for (const [name, p] of Object.entries((o.products as Record<string, unknown> | undefined) ?? {})) {
    if (name !== 'tpp1' && name !== 'tpp2') fail(`obDcr.products.${name}: only tpp1 and tpp2 are known`);
    if (typeof p !== 'object' || p === null) fail(`obDcr.products.${name} must be an object`);
  }
}
