// @ts-check
/**
 * Stryker loads plugins with Node's own import(), in its main process and in every worker: this
 * registers tsx there, then loads the TypeScript test runner (scripts/mutation-test-runner.ts).
 */
import { register } from 'tsx/esm/api';

register();
const runner = await import('./mutation-test-runner.ts');
export const strykerPlugins = runner.strykerPlugins;
