import type { DataTable } from '@cucumber/cucumber';
import { claimValue } from './client-assertion.ts';

/** A | claim | value | table as claim overrides (`absent` removes a claim; see claimValue). */
export function claimsFromTable(table: DataTable, fill: (text: string) => string = (t) => t, nowSeconds?: number): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [claim, value] of table.raw()) {
    if (claim === 'claim') continue;
    claims[claim!] = claimValue(fill(value ?? ''), nowSeconds);
  }
  return claims;
}
