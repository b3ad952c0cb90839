import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What the README walkthrough tests share: the sh block under a README heading, and
 * `npm run sandbox`'s entry point started on free ports with its own file database.
 */
export const ROOT = join(import.meta.dirname, '..');

export function readmeBlock(heading: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n### ${heading}`);
  assert.ok(at >= 0, `README has a section "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `the section "${heading}" has a sh block`);
  return block[1]!;
}

export interface RunningSandbox { child: ChildProcess; is: string; apim: string; gateway: string; dir: string }

/** `mock-server/main.ts` with `args`, on ports 0; resolves with the URLs it prints. */
export function startReadmeSandbox(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'obc-readme-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/main.ts', ...args, '--database', join(dir, 'sandbox.db'),
    '--is-port', '0', '--apim-port', '0', '--gateway-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const is = /Identity Server\s+(https:\/\/\S+)/.exec(out)?.[1];
      const apim = /API Manager\s+(https:\/\/\S+)/.exec(out)?.[1];
      const gateway = /Gateway\s+(https:\/\/\S+)/.exec(out)?.[1];
      if (is && apim && gateway && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, is, apim, gateway, dir });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${out}`)));
  });
}

export function stopReadmeSandbox(s: RunningSandbox): Promise<void> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.on('exit', () => {
      rmSync(s.dir, { recursive: true, force: true });
      resolve();
    });
    s.child.kill('SIGTERM');
  });
}
