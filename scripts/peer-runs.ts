/**
 * The suite against servers it did not start in-process, as a vendor runs it: panva's
 * oidc-provider (peers/oidc-provider.ts) with its expected-failures baseline, and `npm run
 * sandbox` as a separate process with a file database (fixtures/targets/sandbox-remote.json),
 * which must pass whole. Each server is a child process over real HTTPS and mutual TLS.
 *
 *   npx tsx scripts/peer-runs.ts [oidc-provider|sandbox-remote]...
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../steps/support/target.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { DEFAULT_INITIAL_ACCESS_TOKEN } from '../peers/oidc-provider.ts';

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface Peer {
  name: string;
  start: (env: NodeJS.ProcessEnv) => ChildProcess;
  /** A line the server prints once it listens. */
  ready: RegExp;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The fewest scenarios that must pass: a floor that only rises (issue 11: 250 for oidc-provider; 270 since issue 15's scenarios). */
  minPassed?: number;
}

const dataDir = mkdtempSync(join(tmpdir(), 'obc-remote-'));

const PEERS: Peer[] = [
  {
    name: 'oidc-provider',
    start: (env) => spawn(tsx, ['peers/oidc-provider.ts', '--port', '18446'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }),
    ready: /listening/,
    args: ['--target', 'oidc-provider', '--baseline', 'fixtures/baselines/oidc-provider.json'],
    env: { OP_INITIAL_ACCESS_TOKEN: DEFAULT_INITIAL_ACCESS_TOKEN },
    minPassed: 270,
  },
  {
    name: 'sandbox-remote',
    start: (env) => spawn(tsx, ['mock-server/main.ts', '--is-port', '19446', '--apim-port', '19443', '--gateway-port', '18243', '--database', join(dataDir, 'sandbox.db')], {
      cwd: REPO_ROOT, env: { ...env, OBC_PSU_LOGIN: 'page', OBC_PROFILE: 'uk' }, stdio: ['ignore', 'pipe', 'pipe'],
    }),
    ready: /discovery|listening|https:\/\/localhost:19446/i,
    // One worker: the product allows one registration per software_id (WSO2-OBDCR-04), so OB DCR
    // scenarios of two workers against one long-lived bank would take each other's software.
    args: ['--target', 'sandbox-remote', '--parallel', '1'],
    env: {},
  },
];

function waitReady(child: ChildProcess, ready: RegExp, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${out}`)));
  });
}

/** Run the suite, echoing its output; resolves with its exit code and the passed count of its Outcome line. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; passed: number | undefined }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['scripts/conformance.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      process.stdout.write(b);
    });
    child.on('close', (code) => {
      const m = /^Outcome: (\d+) passed/m.exec(out);
      resolve({ code: code ?? 1, passed: m ? Number(m[1]) : undefined });
    });
  });
}

async function main(): Promise<number> {
  await ensureTestPki();
  const names = process.argv.slice(2);
  const selected = names.length > 0 ? PEERS.filter((p) => names.includes(p.name)) : PEERS;
  let failed = 0;
  let passedRuns = 0;
  for (const peer of selected) {
    const env = { ...process.env, ...peer.env };
    const child = peer.start(env);
    try {
      await waitReady(child, peer.ready, peer.name);
      console.log(`\n=== ${peer.name}: started (pid ${child.pid}) ===`);
      const { code, passed } = await run(peer.args, env);
      const short = peer.minPassed !== undefined && (passed ?? 0) < peer.minPassed;
      if (short) console.error(`${peer.name}: ${passed ?? 0} scenarios passed, fewer than the floor of ${peer.minPassed}`);
      if (code === 0 && !short) passedRuns++;
      else failed++;
    } catch (e) {
      console.error((e as Error).message);
      failed++;
    } finally {
      child.kill('SIGTERM');
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`${passedRuns} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
