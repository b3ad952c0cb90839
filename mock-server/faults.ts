/**
 * Fault switches: named ways to break the sandbox on purpose, so the self-test can prove that the
 * scenarios tagged with a rule fail when the server stops enforcing it. Switches are set per
 * sandbox instance from configuration (never from a request) and are all off by default.
 */
import { DISCOVERY_FAULTS } from './faults/discovery.ts';
import { TRANSPORT_FAULTS } from './faults/transport.ts';
import { IS_DCR_FAULTS } from './faults/is-dcr.ts';
import { TOKEN_FAULTS } from './faults/token.ts';
import { AUTHORIZE_FAULTS } from './faults/authorize.ts';
import { OB_DCR_FAULTS } from './faults/ob-dcr.ts';
import { APIM_FAULTS } from './faults/apim.ts';
import { IS_MGMT_FAULTS } from './faults/is-mgmt.ts';
import { DEVPORTAL_FAULTS } from './faults/devportal.ts';

export interface FaultSwitch {
  readonly name: string;
  /** Rule IDs (rules/catalogue.md, rules/wso2.md) whose scenarios must fail with the switch on. */
  readonly rules: readonly string[];
  readonly description: string;
}

export const FAULT_SWITCHES = [
  ...DISCOVERY_FAULTS,
  ...TRANSPORT_FAULTS,
  ...IS_DCR_FAULTS,
  ...TOKEN_FAULTS,
  ...AUTHORIZE_FAULTS,
  ...OB_DCR_FAULTS,
  ...APIM_FAULTS,
  ...IS_MGMT_FAULTS,
  ...DEVPORTAL_FAULTS,
] as const satisfies readonly FaultSwitch[];

export type FaultName = (typeof FAULT_SWITCHES)[number]['name'];

const KNOWN = new Set<string>(FAULT_SWITCHES.map((f) => f.name));

export function isFaultName(name: string): name is FaultName {
  return KNOWN.has(name);
}

export function findFault(name: string): FaultSwitch | undefined {
  return FAULT_SWITCHES.find((f) => f.name === name);
}

/** The set of switches that are on for one sandbox instance. Immutable after creation. */
export class Faults {
  readonly #on: ReadonlySet<FaultName>;

  constructor(names: readonly string[] = []) {
    const unknown = names.filter((n) => !isFaultName(n));
    if (unknown.length > 0) {
      throw new Error(`unknown fault switch(es): ${unknown.join(', ')}; known: ${[...KNOWN].join(', ')}`);
    }
    this.#on = new Set(names as FaultName[]);
  }

  has(name: FaultName): boolean {
    return this.#on.has(name);
  }

  list(): FaultName[] {
    return [...this.#on];
  }
}
