import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { promisify } from 'node:util';
import { runScript } from './harness-cli.ts';
import { REPO } from './sandbox-process.ts';

const exec = promisify(execFile);

const OPTIONS = ['--target', '--baseline', '--strict', '--tags', '--parallel', '--rate', '--shard', '--reports', '--help'];

test('conformance --help documents every option it parses', async () => {
  const { code, stdout } = await runScript('conformance', ['--help']);
  assert.equal(code, 0);
  for (const o of OPTIONS) assert.match(stdout, new RegExp(`^\\s+(-h, )?${o}\\b`, 'm'), `--help documents ${o}`);
  assert.match(stdout, /merge-reports/);
  assert.match(stdout, /Exit code/);
});

test('a bad option value is a usage error (exit 2) naming the option', async () => {
  for (const [args, pattern] of [
    [['--shard', '4/3'], /--shard must be I\/N/],
    [['--rate', '0'], /--rate must be a positive number/],
  ] as const) {
    const { code, stderr } = await runScript('conformance', ['--target', 'embedded', ...args]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, pattern);
  }
});

test('npx ob-conformance runs from a project that installed the package (bin, --help, merge-reports --help)', async () => {
  const project = mkdtempSync(join(tmpdir(), 'obc-installed-'));
  try {
    // What `npm install ob-conformance` leaves: the package under node_modules and its bin linked.
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(REPO, join(project, 'node_modules', 'ob-conformance'), 'dir');
    symlinkSync('../ob-conformance/bin/ob-conformance.js', join(project, 'node_modules', '.bin', 'ob-conformance'));
    const env = { ...process.env, npm_config_yes: 'false', npm_config_offline: 'true' };
    const help = await exec('npx', ['--no-install', 'ob-conformance', '--help'], { cwd: project, env });
    assert.match(help.stdout, /npx ob-conformance \[options\]/);
    for (const o of OPTIONS) assert.ok(help.stdout.includes(o), `--help documents ${o}`);
    const merge = await exec('npx', ['--no-install', 'ob-conformance', 'merge-reports', '--help'], { cwd: project, env });
    assert.match(merge.stdout, /merges the report directories|Merges the report directories/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('the sample GitHub Actions workflow uses only options the CLI documents, and merges every shard it runs', async () => {
  const workflow = readFileSync(join(REPO, 'examples/github-actions/conformance.yml'), 'utf8');
  const help = (await runScript('conformance', ['--help'])).stdout + (await runScript('merge-reports', ['--help'])).stdout;
  const used = [...workflow.matchAll(/(?<=\s)--[a-z-]+/g)].map((m) => m[0]).filter((o) => !['--no-save'].includes(o));
  assert.ok(used.includes('--shard') && used.includes('--out'));
  for (const o of used) assert.ok(help.includes(o), `${o} is documented`);
  const shards = /shard: \[([\d, ]+)\]/.exec(workflow)![1]!.split(',').map((x) => x.trim());
  for (const i of shards) assert.match(workflow, new RegExp(`merge-reports[^\n]* shard-${i}/`), `shard ${i} is merged`);
  assert.match(workflow, new RegExp(`--shard \\$\\{\\{ matrix.shard \\}\\}/${shards.length}`));
});
