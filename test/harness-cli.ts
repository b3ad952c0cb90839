import { spawn } from 'node:child_process';
import { REPO } from './sandbox-process.ts';

/** Run one of the harness's scripts (scripts/<name>.ts) as a user would, collecting its output. */
export function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${REPO}/scripts/${script}.ts`, ...args], {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}
