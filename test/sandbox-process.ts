import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** A real `tsx mock-server/main.ts` child process on free ports, for the crash and worker tests. */
export const REPO = resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface Ports {
  is: number;
  apim: number;
  gateway: number;
}

export async function freePorts(): Promise<Ports> {
  return { is: await freePort(), apim: await freePort(), gateway: await freePort() };
}

export interface SandboxProcess {
  child: ChildProcess;
  is: string;
  gateway: string;
  /** Milliseconds from spawn to the banner. */
  startMs: number;
}

/** Start the sandbox and wait for its banner ("Ctrl-C stops the sandbox"). */
export async function startSandbox(args: readonly string[], ports: Ports, env: NodeJS.ProcessEnv = {}): Promise<SandboxProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, [
    '--import', 'tsx', 'mock-server/main.ts', ...args,
    '--is-port', String(ports.is), '--apim-port', String(ports.apim), '--gateway-port', String(ports.gateway),
  ], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OBC_FAULTS: '', ...env } });
  let out = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the sandbox did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops the sandbox')) {
        clearTimeout(timer);
        ready();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`the sandbox exited (${code}): ${out}`)));
  });
  child.removeAllListeners('exit');
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, is: `https://localhost:${ports.is}`, gateway: `https://localhost:${ports.gateway}`, startMs: Date.now() - started };
}

/** Stop the process with `signal` and wait for it to exit. */
export function stopSandbox(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}
