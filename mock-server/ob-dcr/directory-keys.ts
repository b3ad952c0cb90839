import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { SandboxContext } from '../context.ts';
import { testDirectoryOf } from '../directory/test-directory.ts';

/**
 * The keys whose SSAs the sandbox trusts (DCR-SSA-02/03): the JWKS files named in
 * obDcr.trustedDirectoryJwks, or, by default, the test directory's own key. Nothing else: not the
 * SSA's headers, not the TPP's keys.
 */
export function trustedDirectoryKeys(ctx: SandboxContext): JWK[] {
  const files = ctx.config.obDcr.trustedDirectoryJwks;
  if (files.length === 0) return testDirectoryOf(ctx).jwks().keys;
  return files.flatMap((f) => {
    const parsed = JSON.parse(readFileSync(f, 'utf8')) as { keys?: JWK[] };
    return Array.isArray(parsed.keys) ? parsed.keys : [];
  });
}
