import { readFileSync } from 'node:fs';
import { ControllableClock } from '../../mock-server/clock.ts';
import { createSandbox } from '../../mock-server/app.ts';
import { loadConfig } from '../../mock-server/config.ts';
import { listen, type RunningSandbox } from '../../mock-server/listeners.ts';
import { ensureTestPki } from '../../pki/test-pki.ts';
import { HttpClient, type TlsIdentity, type TlsMaterial } from './http-client.ts';
import { identityFiles } from './identities.ts';
import { RateGate } from './rate-limit.ts';
import { startJwksHost, type JwksHost } from './jwks-host.ts';
import { TEST_DIRECTORY_PATH } from '../../mock-server/directory/test-directory.ts';
import { KEY_SET_CACHE_SECONDS } from '../../mock-server/directory/jwks-resolver.ts';
import { SAMPLE_APIS } from '../../mock-server/devportal/sample-apis.ts';
import {
  DEFAULT_PATHS, DISCOVERED_CAPABILITIES, IDENTITY_NAMES, TargetError, fillsPassword, loadTargetFile, targetPath, type Capability, type EndpointName, type PathName, type TargetFile,
} from './target.ts';

/** The target's base URLs; `apim` and `gateway` only where it has them. */
export interface TargetUrls {
  is: string;
  apim?: string;
  gateway?: string;
}

/** A target made ready to run against: URLs known, TLS identities loaded. */
export interface ResolvedTarget {
  file: TargetFile;
  urls: TargetUrls;
  /** The discovery document as the target served it when the worker started. */
  discovery: Record<string, unknown>;
  /** The issuer from discovery. */
  issuer: string;
  /** An endpoint: the target file's override, else discovery's; undefined when neither names it. */
  endpoint(name: EndpointName): string | undefined;
  /** PEM of the CA the target's server certificates chain to. */
  caPem: string;
  /** PEM of a CA that has nothing to do with the target (the test PKI's untrusted CA). */
  unrelatedCaPem: string;
  has(capability: Capability): boolean;
  path(name: PathName): string;
}

/**
 * Per-worker state shared by every scenario of one cucumber worker: the target, the embedded
 * sandbox when the target is the sandbox, and one HTTP client. Cucumber runs scenarios of a
 * worker one at a time, so a scenario may move the clock and the After hook puts it back.
 */
export interface Runtime {
  target: ResolvedTarget;
  http: HttpClient;
  /**
   * CNF-08: a client over tpp1's transport key presenting another certificate for it (same key,
   * other DER), as `tpp1`; absent when the target names its own tpp1 and no `tpp1-reissued`.
   */
  reissued?: HttpClient;
  /** PEM of that re-issued certificate. */
  reissuedCertPem?: string;
  /** Controls the target's clock; present when the target has the clock-control capability. */
  clock?: ControllableClock;
  sandbox?: RunningSandbox;
  /** The software JWKS host, where the target has the software-jwks-host capability. */
  jwksHost?: JwksHost;
  stop(): Promise<void>;
}

/** The name scenarios use for tpp1's re-issued transport certificate. */
export const REISSUED_IDENTITY = 'tpp1-reissued';

let current: Runtime | undefined;

export function runtime(): Runtime {
  if (!current) throw new Error('the harness runtime is not started (BeforeAll did not run)');
  return current;
}

/** The target named by OBC_TARGET (a name under fixtures/targets/ or a path); `embedded` by default. */
export async function startRuntime(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  const file = loadTargetFile(targetPath(env.OBC_TARGET || 'embedded'));
  // The test PKI also supplies the untrusted identity and an unrelated CA for every target.
  const pki = await ensureTestPki();

  let sandbox: RunningSandbox | undefined;
  let clock: ControllableClock | undefined;
  let urls: TargetUrls;
  let caPem: string;
  // The software JWKS host: for an embedded target always (allow-listed below); for another one
  // only when its file declares the capability (and so says where the host listens).
  let jwksHost: JwksHost | undefined;
  if (file.embedded || file.capabilities.includes('software-jwks-host')) {
    const tls = file.softwareJwksHost?.tls ?? pki.server;
    jwksHost = await startJwksHost(file.softwareJwksHost ?? {}, { cert: readFileSync(tls.cert, 'utf8'), key: readFileSync(tls.key, 'utf8') }, env);
  }
  if (file.embedded) {
    clock = new ControllableClock();
    caPem = readFileSync(pki.ca.cert, 'utf8');
    const config = loadConfig({
      overrides: {
        ...(file.embedded.config ?? {}),
        database: ':memory:',
        ports: { is: 0, apim: 0, gateway: 0 },
        profile: file.embedded.profile ?? file.profile,
        ...(file.embedded.validators ? { validators: file.embedded.validators } : {}),
        // The self-test runs the suite against a sandbox with fault switches on.
        faults: (env.OBC_FAULTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      },
    });
    // The host's URL is known only now, so it joins the allow-list here (a configured list keeps
    // its entries; the default, the sandbox's own test directory, is added once the sandbox
    // listens and its URL is known). Two entries, so a check that needs every prefix to match
    // is caught as well as one that needs none.
    const ownDirectoryDefault = config.obDcr.jwksUriAllowList.length === 0;
    // The untrusted listener too: only its certificate keeps the target from fetching there (DCR-SSA-15).
    if (jwksHost) config.obDcr.jwksUriAllowList.push(`${jwksHost.url}/`, `${jwksHost.untrustedUrl}/`);
    const app = await createSandbox({ config, clock, trustedCaPems: [caPem], log: () => {} });
    // The embedded sandbox's own configuration is its declaration of the leeway it allows.
    file.clockSkewSeconds ??= config.clockSkewSeconds;
    file.keySetCacheSeconds ??= KEY_SET_CACHE_SECONDS;
    if (file.obDcr) file.obDcr.regulatoryApis ??= Object.fromEntries(SAMPLE_APIS.map((a) => [a.name, [...a.regulatoryRoles]]));
    sandbox = await listen(app, {
      cert: readFileSync(pki.server.cert, 'utf8'),
      key: readFileSync(pki.server.key, 'utf8'),
      ca: [caPem],
    });
    urls = sandbox.urls;
    if (jwksHost && ownDirectoryDefault) config.obDcr.jwksUriAllowList.unshift(`${urls.is}${TEST_DIRECTORY_PATH}/`);
  } else {
    urls = file.urls!;
    caPem = readFileSync(file.tls!.ca, 'utf8');
  }

  const identities: Partial<Record<TlsIdentity, TlsMaterial>> = { none: { ca: caPem } };
  for (const name of IDENTITY_NAMES) {
    const files = identityFiles(file.identities, pki, name);
    if (files) identities[name] = { ca: caPem, cert: readFileSync(files.cert, 'utf8'), key: readFileSync(files.key, 'utf8') };
  }
  // --rate: every request of this worker waits for the run's shared coordinator.
  const gate = RateGate.fromEnv(env);
  const presentation = { header: file.clientCertificates?.header, encoded: file.clientCertificates?.encoded };
  const http = new HttpClient(identities, gate, presentation);

  // CNF-08: tpp1's re-issued certificate, presented as `tpp1`; identityFiles decides where it
  // comes from (the target's own, or the test PKI's only when tpp1 is the test PKI's).
  const reissuedTls = identities[REISSUED_IDENTITY];
  const reissuedCertPem = reissuedTls?.cert;
  const reissued = reissuedTls ? new HttpClient({ tpp1: reissuedTls }, gate, presentation) : undefined;

  const discovery = await fetchDiscovery(http, `${urls.is}${file.paths?.discovery ?? DEFAULT_PATHS.discovery}`);
  const endpoint = (name: EndpointName) => {
    const v = file.endpoints?.[name] ?? discovery[name];
    return typeof v === 'string' ? v : undefined;
  };
  const capabilities = new Set<Capability>([...file.capabilities, ...capabilitiesFromDiscovery(discovery, file, endpoint)]);
  // Derived: the embedded sandbox allow-lists the host it was started with.
  if (jwksHost) capabilities.add('software-jwks-host');
  if (jwksHost && file.embedded) capabilities.add('harness-key-manager');
  const target: ResolvedTarget = {
    file,
    urls,
    discovery,
    issuer: String(discovery.issuer ?? ''),
    endpoint,
    caPem,
    unrelatedCaPem: readFileSync(pki.untrusted.ca, 'utf8'),
    has: (c) => capabilities.has(c),
    path: (name) => file.paths?.[name] ?? DEFAULT_PATHS[name],
  };
  const rt: Runtime = {
    target,
    http,
    ...(clock ? { clock } : {}),
    ...(sandbox ? { sandbox } : {}),
    ...(reissued ? { reissued, reissuedCertPem } : {}),
    ...(jwksHost ? { jwksHost } : {}),
    stop: async () => {
      await http.close();
      await jwksHost?.close();
      await reissued?.close();
      await sandbox?.close();
      if (current === rt) current = undefined;
    },
  };
  current = rt;
  return rt;
}

/** The discovery document; without one the harness cannot know the target's endpoints. */
async function fetchDiscovery(http: HttpClient, url: string): Promise<Record<string, unknown>> {
  let res;
  try {
    res = await http.send('none', 'GET', url, { headers: { accept: 'application/json' } });
  } catch (e) {
    throw new TargetError(`cannot fetch the discovery document ${url}: ${(e as Error).message}`);
  }
  const doc = res.json;
  if (res.status !== 200 || !doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new TargetError(`the discovery document ${url} answered ${res.status} ${res.text.slice(0, 200)}`);
  }
  return doc as Record<string, unknown>;
}

const list = (doc: Record<string, unknown>, member: string, dflt: string[]): string[] => {
  const v = doc[member];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : dflt;
};

/**
 * What the discovery document says the target supports (OIDC Discovery §3, RFC 8414 §2,
 * RFC 8705 §3.3), with the specs' defaults where a member is absent.
 */
export function capabilitiesFromDiscovery(doc: Record<string, unknown>, file: TargetFile, endpoint: (name: EndpointName) => string | undefined): Capability[] {
  const caps: Capability[] = [];
  // RFC 8414 §2: grant_types_supported defaults to authorization_code and implicit.
  const grants = list(doc, 'grant_types_supported', ['authorization_code', 'implicit']);
  const grantCaps: Record<string, Capability> = {
    client_credentials: 'grant-client-credentials',
    authorization_code: 'grant-authorization-code',
    refresh_token: 'grant-refresh-token',
    'urn:ietf:params:oauth:grant-type:jwt-bearer': 'grant-jwt-bearer',
  };
  for (const g of grants) if (grantCaps[g]) caps.push(grantCaps[g]);
  // RFC 8414 §2: token_endpoint_auth_methods_supported defaults to client_secret_basic.
  for (const m of list(doc, 'token_endpoint_auth_methods_supported', ['client_secret_basic'])) {
    const cap = `auth-${m.replaceAll('_', '-')}` as Capability;
    if ((DISCOVERED_CAPABILITIES as readonly string[]).includes(cap)) caps.push(cap);
  }
  // OIDC Discovery §3: request_parameter_supported defaults to false.
  if (doc.request_parameter_supported === true) caps.push('request-objects');
  if (doc.tls_client_certificate_bound_access_tokens === true) caps.push('bound-tokens');
  if (endpoint('introspection_endpoint')) caps.push('introspection');
  if (endpoint('revocation_endpoint')) caps.push('revocation');
  if (endpoint('userinfo_endpoint')) caps.push('userinfo');
  if (list(doc, 'code_challenge_methods_supported', []).includes('plain')) caps.push('pkce-plain');
  const hybrid = list(doc, 'response_types_supported', []).some((t) => t.split(' ').sort().join(' ') === 'code id_token');
  if (hybrid) caps.push('hybrid-flow');
  const style = file.registration?.style;
  if (style === 'wso2-is-dcr' || (style && endpoint('registration_endpoint')) || Object.keys(file.clients ?? {}).length > 0) caps.push('client-registration');
  if (file.login) caps.push('psu-login');
  if (file.login?.deny?.length) caps.push('psu-deny');
  if ((file.login?.steps ?? []).some(fillsPassword)) caps.push('psu-password');
  caps.push(file.clientCertificates?.header ? 'client-certificate-header' : 'tls-client-certificates');
  return caps;
}
