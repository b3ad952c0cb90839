/**
 * The command Stryker's command runner starts for the dry run and for every mutant
 * (`tsx scripts/mutation-run.ts --surface <folder>`, see scripts/mutation.ts). It runs, in this
 * one process, the conformance scenarios of the surface (scripts/mutation-surfaces.ts) against
 * each default embedded target in turn. Everything is imported relative to this file, so inside
 * Stryker's sandbox copy (.stryker-tmp/sandbox-*) it loads that copy's instrumented mock-server/,
 * whose mutant switch reads __STRYKER_ACTIVE_MUTANT__ from this process's environment.
 *
 * Exit 0 when every selected scenario passed on every target; 1 at the first target where one
 * failed (the mutant is killed, later targets are not tried); 2 when the run itself broke.
 */
import { parseArgs } from 'node:util';
import type { Envelope } from '@cucumber/messages';
import { loadSteps, runFeatures } from './cucumber-run.ts';
import { targetPath } from '../steps/support/target.ts';
import { DEFAULT_TARGETS } from './default-targets.ts';
import { scenarioResultsFromEnvelopes, isFailureStatus } from '../report/scenario-results.ts';
import { mutationSurface } from './mutation-surfaces.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { surface: { type: 'string' }, verbose: { type: 'boolean' } } });
  if (!values.surface) throw new Error('usage: tsx scripts/mutation-run.ts --surface <folder under mock-server/>');
  const { tags } = mutationSurface(values.surface);
  const support = await loadSteps({ ...process.env, OBC_TARGET: targetPath(DEFAULT_TARGETS[0]) });
  let total = 0;
  for (const target of DEFAULT_TARGETS) {
    const envelopes: Envelope[] = [];
    // In-process run (no workers): the hooks read this process's environment. Never with faults.
    process.env.OBC_TARGET = targetPath(target);
    process.env.OBC_FAULTS = '';
    await runFeatures({ support, parallel: 0, quiet: true, tags, onMessage: (e) => envelopes.push(e) });
    const results = scenarioResultsFromEnvelopes(envelopes);
    const failed = results.filter((r) => isFailureStatus(r.status));
    total += results.filter((r) => r.status !== 'skipped').length;
    if (failed.length > 0) {
      if (values.verbose) for (const f of failed) console.log(`failed on ${target}: ${f.name} (${f.uri})`);
      return 1;
    }
  }
  if (total === 0) throw new Error(`no scenario ran for "${tags}": a surviving mutant would prove nothing`);
  if (values.verbose) console.log(`${total} scenario run(s) passed`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
