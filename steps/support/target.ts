import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../../mock-server/config.ts';
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
export const CAPABILITIES = ['mtls', 'clock-control', 'admin-api', 'oauth-authorization-server-metadata'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** WSO2 paths of the surfaces; a target overrides them when its deployment differs. */
export const DEFAULT_PATHS = {
  discovery: '/oauth2/token/.well-known/openid-configuration',
  oauthServerMetadata: '/.well-known/oauth-authorization-server/oauth2/token',
  obDcrRegister: '/open-banking/v3.3.0/register',
  isDcrRegister: '/api/identity/oauth2/dcr/v1.1/register',
} as const;
export type PathName = keyof typeof DEFAULT_PATHS;

export interface TargetFile {
  name: string;
  /** Present for the embedded sandbox: started in every worker with these settings. */
  embedded?: { profile?: Profile };
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
  if (t.admin !== undefined) {
    const a = t.admin as Record<string, unknown>;
    if (typeof a.username !== 'string' || typeof a.password !== 'string') fail('admin needs username and password strings');
  }
  for (const k of Object.keys((t.paths as object | undefined) ?? {})) {
    if (!(k in DEFAULT_PATHS)) fail(`unknown path ${k}; known: ${Object.keys(DEFAULT_PATHS).join(', ')}`);
  }
  const base = dirname(path);
  const abs = (p: string) => (isAbsolute(p) ? p : existsSync(resolve(base, p)) ? resolve(base, p) : resolve(REPO_ROOT, p));
  const file = t as unknown as TargetFile;
  if (file.tls) file.tls = { ca: abs(file.tls.ca) };
  if (file.identities) {
    for (const [name, id] of Object.entries(file.identities)) {
      if (id) file.identities[name as IdentityName] = { cert: abs(id.cert), key: abs(id.key) };
    }
  }
  return file;
}
