import { readFileSync } from 'node:fs';
import { ControllableClock } from '../../mock-server/clock.ts';
import { createSandbox } from '../../mock-server/app.ts';
import { loadConfig } from '../../mock-server/config.ts';
import { listen, type RunningSandbox } from '../../mock-server/listeners.ts';
import type { SandboxUrls } from '../../mock-server/context.ts';
import { ensureTestPki } from '../../pki/test-pki.ts';
import { HttpClient, type TlsIdentity, type TlsMaterial } from './http-client.ts';
import { DEFAULT_PATHS, loadTargetFile, targetPath, type Capability, type PathName, type TargetFile } from './target.ts';

/** A target made ready to run against: URLs known, TLS identities loaded. */
export interface ResolvedTarget {
  file: TargetFile;
  urls: SandboxUrls;
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
  let urls: SandboxUrls;
  let caPem: string;
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
    const app = await createSandbox({ config, clock, trustedCaPems: [caPem], log: () => {} });
    sandbox = await listen(app, {
      cert: readFileSync(pki.server.cert, 'utf8'),
      key: readFileSync(pki.server.key, 'utf8'),
      ca: [caPem],
    });
    urls = sandbox.urls;
  } else {
    urls = file.urls!;
    caPem = readFileSync(file.tls!.ca, 'utf8');
  }

  const identity = (name: 'tpp1' | 'tpp2' | 'untrusted'): TlsMaterial | undefined => {
    const own = file.identities?.[name];
    if (own) return { ca: caPem, cert: readFileSync(own.cert, 'utf8'), key: readFileSync(own.key, 'utf8') };
    const paths = name === 'untrusted' ? pki.untrusted : { cert: pki[name].transportCert, key: pki[name].transportKey };
    return { ca: caPem, cert: readFileSync(paths.cert, 'utf8'), key: readFileSync(paths.key, 'utf8') };
  };
  const identities: Partial<Record<TlsIdentity, TlsMaterial>> = { none: { ca: caPem } };
  for (const name of ['tpp1', 'tpp2', 'untrusted'] as const) {
    const m = identity(name);
    if (m) identities[name] = m;
  }
  const http = new HttpClient(identities);

  // A target's own re-issued certificate (identities["tpp1-reissued"]); the test PKI's one only
  // when tpp1 itself comes from the test PKI, since it certifies the test PKI's tpp1 key.
  const ownIdentities = file.identities as Record<string, { cert: string; key: string } | undefined> | undefined;
  const reissuedPaths = ownIdentities?.[REISSUED_IDENTITY] ?? (file.identities?.tpp1 ? undefined : pki.tpp1Reissued);
  const reissuedCertPem = reissuedPaths ? readFileSync(reissuedPaths.cert, 'utf8') : undefined;
  const reissued = reissuedPaths
    ? new HttpClient({ tpp1: { ca: caPem, cert: reissuedCertPem, key: readFileSync(reissuedPaths.key, 'utf8') } })
    : undefined;

  const capabilities = new Set(file.capabilities);
  const target: ResolvedTarget = {
    file,
    urls,
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
    stop: async () => {
      await http.close();
      await reissued?.close();
      await sandbox?.close();
      if (current === rt) current = undefined;
    },
  };
  current = rt;
  return rt;
}
