#!/usr/bin/env node
// `npx ob-conformance [options]` runs the conformance suite (scripts/conformance.ts);
// `npx ob-conformance merge-reports DIR...` merges the reports of shards (scripts/merge-reports.ts).
// The scripts are TypeScript, run with the tsx this package depends on, from wherever it is installed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const COMMANDS = { 'merge-reports': 'merge-reports' };
const [first, ...rest] = process.argv.slice(2);
const command = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
const script = fileURLToPath(new URL(`../scripts/${command ?? 'conformance'}.ts`, import.meta.url));
const args = command ? rest : process.argv.slice(2);
const tsx = import.meta.resolve('tsx');

const child = spawn(process.execPath, ['--import', tsx, script, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
