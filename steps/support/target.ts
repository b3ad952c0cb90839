import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigOverrides, Profile } from '../../mock-server/config.ts';
import type { JwksHostConfig } from './jwks-host.ts';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * A target: what the harness runs against. Everything that differs between deployments lives
 * here (URLs, TLS identities, profile, capabilities, error dialect), so steps never ask whether
 * the target is the sandbox.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TARGETS_DIR = join(REPO_ROOT, 'fixtures/targets');

export type IdentityName = 'tpp1' | 'tpp2' | 'untrusted' | 'tpp1-reissued' | 'tpp1-expired' | 'tpp1-not-yet-valid' | 'tpp1-other-org' | 'tpp1-forged-issuer';
export const IDENTITY_NAMES: readonly IdentityName[] = ['tpp1', 'tpp2', 'untrusted', 'tpp1-reissued', 'tpp1-expired', 'tpp1-not-yet-valid', 'tpp1-other-org', 'tpp1-forged-issuer'];

/**
 * Capabilities a scenario may need (`@needs:<capability>`). The first group only a target file can
 * declare; the second the harness also reads from the target's discovery document
 * (runtime.ts `capabilitiesFromDiscovery`), so a server that advertises a feature needs no
 * declaration, and one that does not is never asked for it.
 */
export const DECLARED_CAPABILITIES = [
  'mtls',
  'clock-control',
  // The WSO2 Identity Server admin APIs (IS DCR v1.1 with Basic credentials).
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
  // Registered clients can be read, updated and deleted (RFC 7592 or the product's admin API).
  'client-management',
  // Registered clients are managed as RFC 7592 says: registration_client_uri with the
  // registration access token (not a product admin API).
  'rfc7592',
  // Each refresh returns a new refresh token and the used one stops working (RFC 6749 §6 MAY;
  // RFC 9700 §4.14.2). Identity Server renews refresh tokens by default (RenewRefreshTokenForRefreshGrant).
  'refresh-token-rotation',
  // The admin user may introspect any client's tokens (the key manager's call, WSO2-INTRO).
  'privileged-introspection',
  // SCIM2 /Me for a user's access token (Identity Server).
  'scim-me',
  // The PSU login page a browser fills in (OBC_PSU_LOGIN=page on the sandbox).
  'login-page',
  // The server is the harness's alone: scenarios may change what belongs to the whole server
  // and put it back (disable the Resident Key Manager, as seeds 000 and 004 do). Never declare
  // it for a bank others use: for a while their traffic would go through the changed settings.
  'change-server-settings',
  // The target fetches a software's JWKS from the harness's software JWKS host
  // (steps/support/jwks-host.ts) when an SSA names it: the embedded sandbox always (the runtime
  // allow-lists the host); another target only when it allow-lists the host's `url` and trusts
  // its certificate (target file `softwareJwksHost`).
  'software-jwks-host',
  // API Manager can reach the same harness host and trusts its certificate, so the admin may
  // register a key manager there: the recording key manager (steps/support/recording-km.ts) that
  // shows what API Manager sends to a key manager (WSO2-KMC-*). The embedded sandbox always.
  'harness-key-manager',
] as const;

export const DISCOVERED_CAPABILITIES = [
  'grant-client-credentials',
  'grant-authorization-code',
  'grant-refresh-token',
  'grant-jwt-bearer',
  'auth-private-key-jwt',
  'auth-tls-client-auth',
  'auth-self-signed-tls-client-auth',
  'auth-client-secret-basic',
  'auth-client-secret-post',
  // OIDC Core §9 `none`: a public client, identified by client_id only (RFC 6749 §2.1).
  'auth-none',
  'request-objects',
  'bound-tokens',
  'introspection',
  'revocation',
  'userinfo',
  'pkce-plain',
  'hybrid-flow',
  // The harness can obtain clients: a registration style, or clients named in the target.
  'client-registration',
  // A test user can sign in at the authorization endpoint (automatically, or by login steps).
  'psu-login',
  // ... and refuse consent: the target's login names `deny` steps.
  'psu-deny',
  // ... and types a password: a login step fills {{password}} (a wrong one can be tried).
  'psu-password',
  // The harness reaches the server directly and presents client certificates on the TLS
  // connection (the target names no `clientCertificates.header` proxy it plays).
  'tls-client-certificates',
  // ... or plays the TLS-terminating proxy in front of it, sending certificates in the header the
  // target names (`clientCertificates.header`).
  'client-certificate-header',
] as const;

export const CAPABILITIES = [...DECLARED_CAPABILITIES, ...DISCOVERED_CAPABILITIES] as const;
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
  /** Identity Server's SCIM2 Me (scim-me). */
  scimMe: '/scim2/Me',
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
  /**
   * The deployment's `[[open_banking.dcr.regulatory_api]]`: API name → the SSA roles for which the
   * gateway's DCR executor subscribes a registered application to it (wso2-surface §6.6 step 6).
   */
  regulatoryApis?: Record<string, string[]>;
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

/** A secret: a literal (test values only), an environment variable or a file; never printed. */
export type Secret = string | { env: string } | { file: string };

/** A client the target provides, for servers without open registration. */
export interface TargetClient {
  clientId: string;
  auth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'tls_client_auth' | 'self_signed_tls_client_auth' | 'none';
  secret?: Secret;
  signer?: 'tpp1' | 'tpp2';
  identity?: 'tpp1' | 'tpp2';
  redirectUri?: string;
  grantTypes?: string[];
  scope?: string;
}

export type RegistrationStyle = 'rfc7591' | 'rfc7591-initial-token' | 'wso2-is-dcr';

/** One page of the login: when the page URL matches, fill these fields and submit. */
export interface LoginStep {
  match: string;
  form?: string;
  fill?: Record<string, Secret>;
  click?: string;
  submit?: string;
  /** HTTP driver: follow the first link whose text matches this regular expression instead of submitting. */
  link?: string;
}

/** Does the step type the login user's password? */
export function fillsPassword(step: LoginStep): boolean {
  return Object.values(step.fill ?? {}).some((v) => typeof v === 'string' && v.includes('{{password}}'));
}

export interface LoginConfig {
  /** auto: the server signs the test user in by itself (the embedded sandbox's default). */
  driver: 'auto' | 'http' | 'browser';
  username?: Secret;
  password?: Secret;
  steps?: LoginStep[];
  /** The steps by which the test user refuses consent (tried before `steps` on each page). */
  deny?: LoginStep[];
}

export type EndpointName = 'token_endpoint' | 'authorization_endpoint' | 'introspection_endpoint' | 'revocation_endpoint' | 'userinfo_endpoint' | 'jwks_uri' | 'registration_endpoint';

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
  /** Deprecated: the product decides which exact texts are asserted. */
  dialect?: 'wso2' | 'generic';
  urls?: { is: string; apim?: string; gateway?: string };
  capabilities: Capability[];
  tls?: { ca: string };
  /**
   * How the harness presents the TPPs' transport certificates: on the TLS connection (absent), or
   * in a header, as the TLS-terminating proxy in front of the server does (wso2-surface §0:
   * `client_certificate_header`). With `header` the harness plays that proxy.
   */
  clientCertificates?: { header: string; encoded?: boolean };
  identities?: Partial<Record<IdentityName, { cert: string; key: string }>>;
  paths?: Partial<Record<PathName, string>>;
  /** Overrides of the endpoints read from discovery. */
  endpoints?: Partial<Record<EndpointName, string>>;
  /** Identity Server admin user (IS DCR, privileged introspection); never printed. */
  admin?: { username: string; password: Secret };
  registration?: { style: RegistrationStyle; initialAccessToken?: Secret };
  clients?: Record<string, TargetClient>;
  login?: LoginConfig;
  /** Required with the ob-dcr capability. */
  obDcr?: ObDcrTarget;
  /**
   * The identity provider the target trusts at the JWT bearer grant (RFC 7521 §5.2): its `iss` and
   * the private JWK file the harness signs grant assertions with. Without it jwt-bearer scenarios
   * cannot get a token (their set-up fails: not checked).
   */
  jwtBearer?: { issuer: string; signingKey: string };
  /**
   * The leeway, in seconds, the target allows on exp, nbf and iat. Lets scenarios wait out a
   * lifetime the harness chose where the harness has no clock control (issue 11, point 8).
   */
  clockSkewSeconds?: number;
  /**
   * The longest, in seconds, the target uses a key set it fetched (a `jwks_uri`, a software's
   * JWKS) before reading it again: a key removed there stops verifying after it (JWT-23).
   */
  keySetCacheSeconds?: number;
  /**
   * Where the harness's software JWKS host listens and how the target reaches it (the
   * software-jwks-host capability). The embedded sandbox needs none: its host listens on
   * 127.0.0.1 on free ports and is allow-listed at start-up.
   */
  softwareJwksHost?: JwksHostConfig;
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

let validator: ValidateFunction | undefined;

/** The target JSON Schema (schemas/target.schema.json), compiled once. */
function schemaValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/target.schema.json'), 'utf8')) as object);
  }
  return validator;
}

/** One line per problem: the field path and what was expected. */
export function schemaProblems(raw: unknown): string[] {
  const validate = schemaValidator();
  if (validate(raw)) return [];
  const lines = (validate.errors ?? [])
    // `if`/`oneOf` wrappers repeat what their branches already said.
    .filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf')
    .map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '(top level)';
      if (e.keyword === 'additionalProperties') return `${where === '(top level)' ? '' : `${where}.`}${String(e.params.additionalProperty)}: unknown field`;
      if (e.keyword === 'enum') return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      if (e.keyword === 'required') return `${where === '(top level)' ? '' : `${where}.`}${String(e.params.missingProperty)}: required`;
      return `${where}: ${e.message ?? e.keyword}`;
    });
  return [...new Set(lines)];
}

function validateTarget(raw: unknown, path: string): TargetFile {
  const problems = schemaProblems(raw);
  if (problems.length > 0) throw new TargetError(`${path}:\n  ${problems.join('\n  ')}`);
  const base = dirname(path);
  const abs = (p: string) => (isAbsolute(p) ? p : existsSync(resolve(base, p)) ? resolve(base, p) : resolve(REPO_ROOT, p));
  const file = raw as TargetFile;
  const missing: string[] = [];
  const mustExist = (where: string, p: string) => {
    if (!existsSync(p)) missing.push(`${where}: file not found: ${p}`);
    return p;
  };
  // The test PKI (certs/) is generated on first use: its files are checked after it exists.
  const generated = (p: string) => p.startsWith(join(REPO_ROOT, 'certs'));
  const check = (where: string, p: string) => (generated(p) ? p : mustExist(where, p));
  if (file.tls) file.tls = { ca: check('tls.ca', abs(file.tls.ca)) };
  if (file.obDcr) {
    file.obDcr.directory.signingKey = check('obDcr.directory.signingKey', abs(file.obDcr.directory.signingKey));
    for (const [name, p] of Object.entries(file.obDcr.products ?? {})) {
      if (p?.signingKey) p.signingKey = check(`obDcr.products.${name}.signingKey`, abs(p.signingKey));
    }
  }
  if (file.identities) {
    for (const [name, id] of Object.entries(file.identities)) {
      if (id) file.identities[name as IdentityName] = { cert: check(`identities.${name}.cert`, abs(id.cert)), key: check(`identities.${name}.key`, abs(id.key)) };
    }
  }
  const hostTls = file.softwareJwksHost?.tls;
  if (hostTls) file.softwareJwksHost!.tls = { cert: check('softwareJwksHost.tls.cert', abs(hostTls.cert)), key: check('softwareJwksHost.tls.key', abs(hostTls.key)) };
  if (file.jwtBearer) file.jwtBearer = { ...file.jwtBearer, signingKey: check('jwtBearer.signingKey', abs(file.jwtBearer.signingKey)) };
  if (missing.length > 0) throw new TargetError(`${path}:\n  ${missing.join('\n  ')}`);
  return file;
}

/** The value of a secret; a missing variable or file is a target error naming it, never the value. */
export function secretValue(secret: Secret, where: string): string {
  if (typeof secret === 'string') return secret;
  if ('env' in secret) {
    const v = process.env[secret.env];
    if (v === undefined) throw new TargetError(`${where}: environment variable ${secret.env} is not set`);
    return v;
  }
  try {
    return readFileSync(secret.file, 'utf8').trim();
  } catch {
    throw new TargetError(`${where}: cannot read ${secret.file}`);
  }
}
