import { readFileSync } from 'node:fs';
import { isFaultName } from './faults.ts';

/**
 * Sandbox configuration: defaults, then a JSON file, then environment variables (OBC_*), then
 * programmatic overrides. Unknown keys and wrong types are errors, so a typo never silently
 * falls back to a default.
 */
export type Profile = 'uk' | 'cdr' | 'generic';
export const PROFILES: readonly Profile[] = ['uk', 'cdr', 'generic'];

export interface SandboxConfig {
  /** Host name used in every URL the sandbox publishes (issuer, endpoints). */
  host: string;
  /** Address the listeners bind to. */
  bind: string;
  /** Identity Server, API Manager and gateway ports; 0 picks a free port. */
  ports: { is: number; apim: number; gateway: number };
  profile: Profile;
  /** ':memory:' or a file path for the SQLite database. */
  database: string;
  tokens: {
    accessTokenTtl: number;
    refreshTokenTtl: number;
    idTokenTtl: number;
    authorizationCodeTtl: number;
  };
  /** Allowed clock skew, in seconds, for iat/nbf/exp checks. */
  clockSkewSeconds: number;
  mtls: {
    /** Read the client certificate from a header set by a trusted TLS-terminating proxy. */
    trustProxyHeader: boolean;
    /** WSO2 IS `[oauth.mutualtls] client_certificate_header`. */
    headerName: string;
  };
  limits: { maxBodyBytes: number };
  admin: { username: string; password: string };
  /**
   * The test PSU at /oauth2/authorize: "auto" signs in and consents at once (harness-friendly);
   * "page" shows a login and consent page a browser fills in (username psu@sandbox.local).
   */
  psu: { login: string; password: string };
  /** Checks the product lets a bank turn off (filled by later surfaces). */
  validators: Record<string, boolean>;
  /** Open Banking DCR and the test directory (mock-server/ob-dcr, mock-server/directory). */
  obDcr: ObDcrConfig;
  /**
   * The JWT bearer grant (RFC 7523 §2.1): `trustedIssuers` are files `{"issuer": ..., "jwks": {"keys": [...]}}`
   * of the identity providers whose assertions name a user; empty = the test identity provider of
   * the test PKI (certs/test-idp-signing.private.jwk.json, issuer https://test-idp.sandbox.invalid).
   */
  jwtBearer: { trustedIssuers: string[] };
  /** API Manager control plane (mock-server/admin-key-managers, apim-dcr, apim-auth). */
  apim: ApimConfig;
  /** Fault switches on for this instance; see faults.ts. */
  faults: string[];
}

/** KEY_MANAGER_TYPES: the connectors installed in the sandbox's API Manager (apim-surface §3.10). */
export const KEY_MANAGER_TYPES = ['default', 'WSO2-IS', 'WSO2-IS-7', 'fsKeyManager', 'ObKeyManager'] as const;

/**
 * The product's deployment.toml keys, camel-cased: `[apim.key_manager] type`,
 * `enable_provisioned_app_validation` and `[apim.devportal] enable_key_provisioning`.
 */
export interface ApimConfig {
  keyManager: {
    /** `[apim.key_manager] type`: the Resident Key Manager's connector type. */
    type: string;
    /** `[apim.key_manager] enable_provisioned_app_validation` (product default true). */
    enableProvisionedAppValidation: boolean;
  };
  devportal: {
    /** `[apim.devportal] enable_key_provisioning` (product default false). */
    enableKeyProvisioning: boolean;
  };
  /** Milliseconds `POST /key-managers/discover` waits for the well-known document. */
  discoveryTimeoutMs: number;
  /** Largest well-known document `discover` reads, in bytes. */
  discoveryMaxBytes: number;
}

export interface ObDcrConfig {
  /** JWKS files of the directories whose SSAs are trusted; empty = the test directory's key (certs/). */
  trustedDirectoryJwks: string[];
  /** Accepted SSA `iss` values; empty = the profile's register ("OpenBanking Ltd" UK, "cdr-register" CDR). */
  ssaIssuers: string[];
  /** URL prefixes a jwks_uri must start with to be used; empty = this sandbox's own `/test-directory/`. */
  jwksUriAllowList: string[];
  /** UK request `aud` values accepted besides the issuer (e.g. the ASPSP's OB organisation id). */
  audiences: string[];
  /** UK only (DCR-REQ-38): let one software_id register more than once. */
  allowMultipleRegistrations: boolean;
  /** `error` of a refused duplicate registration (DCR-REQ-37: the CDS example uses invalid_software_statement). */
  duplicateErrorCode: string;
  /** Gateway 9009xx auth errors: "fs" wraps them under `error` (FS accelerator), "plain" as APIM 4.x. */
  gatewayErrorWrapping: string;
  jwksFetchTimeoutMs: number;
  jwksMaxBytes: number;
  /** Serve the test directory under /test-directory on the IS listener. */
  testDirectory: boolean;
  /** Test PKI directory for the test directory's keys; empty = certs/. */
  pkiDir: string;
  /** How many further software ids the test directory issues per test organisation. */
  maxSoftwarePerOrganisation: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  host: 'localhost',
  bind: 'localhost',
  ports: { is: 9446, apim: 9443, gateway: 8243 },
  profile: 'uk',
  database: 'data/sandbox.db',
  tokens: { accessTokenTtl: 3600, refreshTokenTtl: 86400, idTokenTtl: 3600, authorizationCodeTtl: 600 },
  psu: { login: 'auto', password: 'sandbox' },
  clockSkewSeconds: 60,
  mtls: { trustProxyHeader: false, headerName: 'x-wso2-mutual-auth-cert' },
  limits: { maxBodyBytes: 64 * 1024 },
  admin: { username: 'admin', password: 'admin' },
  validators: {},
  obDcr: {
    trustedDirectoryJwks: [],
    ssaIssuers: [],
    jwksUriAllowList: [],
    audiences: [],
    allowMultipleRegistrations: false,
    duplicateErrorCode: 'invalid_client_metadata',
    gatewayErrorWrapping: 'fs',
    jwksFetchTimeoutMs: 5000,
    jwksMaxBytes: 64 * 1024,
    testDirectory: true,
    pkiDir: '',
    maxSoftwarePerOrganisation: 20,
  },
  jwtBearer: { trustedIssuers: [] },
  apim: {
    keyManager: { type: 'default', enableProvisionedAppValidation: true },
    devportal: { enableKeyProvisioning: false },
    discoveryTimeoutMs: 5000,
    discoveryMaxBytes: 256 * 1024,
  },
  faults: [],
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type ConfigOverrides = DeepPartial<SandboxConfig>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merge `patch` into `base`, checking every key exists and every value has the default's type. */
function merge(base: unknown, patch: unknown, path: string, open: boolean): unknown {
  if (patch === undefined) return base;
  if (isPlainObject(base)) {
    if (!isPlainObject(patch)) throw new ConfigError(`${path || 'config'} must be an object`);
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      const here = path ? `${path}.${k}` : k;
      // `validators` is an open map of booleans; everything else is closed.
      if (!Object.hasOwn(base, k) && !open) throw new ConfigError(`unknown configuration key: ${here}`);
      out[k] = Object.hasOwn(base, k) ? merge(base[k], v, here, path === '' && k === 'validators') : checkOpen(v, here);
    }
    return out;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(patch) || !patch.every((x) => typeof x === 'string')) {
      throw new ConfigError(`${path} must be an array of strings`);
    }
    return [...patch];
  }
  if (typeof patch !== typeof base) {
    throw new ConfigError(`${path} must be a ${typeof base}, got ${JSON.stringify(patch)}`);
  }
  return patch;
}

function checkOpen(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ConfigError(`${path} must be a boolean`);
  return v;
}

function validate(c: SandboxConfig): SandboxConfig {
  for (const [name, port] of Object.entries(c.ports)) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ConfigError(`ports.${name} must be an integer from 0 to 65535, got ${port}`);
    }
  }
  if (!PROFILES.includes(c.profile)) {
    throw new ConfigError(`profile must be one of ${PROFILES.join(', ')}, got ${JSON.stringify(c.profile)}`);
  }
  for (const [k, v] of Object.entries(c.tokens)) {
    if (!Number.isInteger(v) || v <= 0) throw new ConfigError(`tokens.${k} must be a positive integer (seconds)`);
  }
  if (!Number.isInteger(c.clockSkewSeconds) || c.clockSkewSeconds < 0) {
    throw new ConfigError('clockSkewSeconds must be a non-negative integer');
  }
  if (!Number.isInteger(c.limits.maxBodyBytes) || c.limits.maxBodyBytes < 1024) {
    throw new ConfigError('limits.maxBodyBytes must be an integer of at least 1024');
  }
  const unknown = c.faults.filter((f) => !isFaultName(f));
  if (unknown.length) throw new ConfigError(`unknown fault switch(es): ${unknown.join(', ')}`);
  if (!c.host) throw new ConfigError('host must not be empty');
  if (!['auto', 'page'].includes(c.psu.login)) throw new ConfigError('psu.login must be "auto" or "page"');
  if (!['fs', 'plain'].includes(c.obDcr.gatewayErrorWrapping)) throw new ConfigError('obDcr.gatewayErrorWrapping must be "fs" or "plain"');
  if (!['invalid_client_metadata', 'invalid_software_statement'].includes(c.obDcr.duplicateErrorCode)) {
    throw new ConfigError('obDcr.duplicateErrorCode must be "invalid_client_metadata" or "invalid_software_statement"');
  }
  if (!(KEY_MANAGER_TYPES as readonly string[]).includes(c.apim.keyManager.type)) {
    throw new ConfigError(`apim.keyManager.type must be one of ${KEY_MANAGER_TYPES.join(', ')}, got ${JSON.stringify(c.apim.keyManager.type)}`);
  }
  if (!Number.isInteger(c.apim.discoveryTimeoutMs) || c.apim.discoveryTimeoutMs < 100) {
    throw new ConfigError('apim.discoveryTimeoutMs must be an integer of at least 100');
  }
  if (!Number.isInteger(c.apim.discoveryMaxBytes) || c.apim.discoveryMaxBytes < 1024) {
    throw new ConfigError('apim.discoveryMaxBytes must be an integer of at least 1024');
  }
  return c;
}

function intEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function boolEnv(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/** The OBC_* environment variables, as a partial configuration. */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigOverrides {
  const o: ConfigOverrides = {};
  if (env.OBC_HOST) o.host = env.OBC_HOST;
  if (env.OBC_BIND) o.bind = env.OBC_BIND;
  const ports = { is: intEnv(env, 'OBC_IS_PORT'), apim: intEnv(env, 'OBC_APIM_PORT'), gateway: intEnv(env, 'OBC_GATEWAY_PORT') };
  const definedPorts = Object.fromEntries(Object.entries(ports).filter(([, v]) => v !== undefined));
  if (Object.keys(definedPorts).length) o.ports = definedPorts;
  if (env.OBC_PROFILE) o.profile = env.OBC_PROFILE as Profile;
  if (env.OBC_PSU_LOGIN) o.psu = { ...o.psu, login: env.OBC_PSU_LOGIN };
  if (env.OBC_DATABASE) o.database = env.OBC_DATABASE;
  const trust = boolEnv(env, 'OBC_TRUST_PROXY_CERT_HEADER');
  if (trust !== undefined) o.mtls = { trustProxyHeader: trust };
  if (env.OBC_FAULTS !== undefined && env.OBC_FAULTS !== '') {
    o.faults = env.OBC_FAULTS.split(',').map((s) => s.trim()).filter(Boolean);
  }
  return o;
}

export interface LoadConfigOptions {
  /** JSON configuration file; OBC_CONFIG names one when this is absent. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  overrides?: ConfigOverrides;
}

export function loadConfig(opts: LoadConfigOptions = {}): SandboxConfig {
  const env = opts.env ?? {};
  let config = structuredClone(DEFAULT_CONFIG) as unknown;
  const file = opts.file ?? env.OBC_CONFIG;
  if (file) {
    let parsed: Json;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Json;
    } catch (e) {
      throw new ConfigError(`cannot read configuration file ${file}: ${(e as Error).message}`);
    }
    config = merge(config, parsed, '', false);
  }
  config = merge(config, configFromEnv(env), '', false);
  config = merge(config, opts.overrides ?? {}, '', false);
  return validate(config as SandboxConfig);
}
