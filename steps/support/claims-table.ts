import type { DataTable } from '@cucumber/cucumber';
import { claimValue } from './client-assertion.ts';

/** `leeway` in a claim value is the target's declared clock skew (clockSkewSeconds). */
export function withLeeway(text: string, leeway: number | undefined): string {
  if (text.includes('leeway') && leeway === undefined) throw new Error('a claim relative to the leeway needs the target to declare clockSkewSeconds (Given the target\'s clock stands still checks it)');
  return text.replaceAll('leeway', String(leeway));
}

/** A | claim | value | table as claim overrides (`absent` removes a claim; see claimValue). */
export function claimsFromTable(table: DataTable, fill: (text: string) => string = (t) => t, nowSeconds?: number): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [claim, value] of table.raw()) {
    if (claim === 'claim') continue;
    claims[claim!] = claimValue(fill(value ?? ''), nowSeconds);
  }
  return claims;
}
