import type { SandboxContext } from '../context.ts';
import type { Store } from '../store/store.ts';
import type { TokenRecord } from '../store/tokens.ts';
import { issueTokens, type GrantDecision, type TokenResponse } from './token-issuer.ts';

/** Tokens signed and ready, whose rows are written by `commit` inside the caller's transaction. */
export interface StagedTokens {
  response: TokenResponse;
  /** Write the token rows; call inside `ctx.store.transaction` together with what the grant consumes. */
  commit(): void;
}

/**
 * Run `issueTokens` (which signs asynchronously) with its row writes held back, so a grant can
 * consume its code or refresh token and record the new tokens in one synchronous SQLite
 * transaction: a failed request writes nothing, and no other request runs in between.
 */
export async function stageTokens(ctx: SandboxContext, decision: GrantDecision): Promise<StagedTokens> {
  const rows: Omit<TokenRecord, 'revokedAt'>[] = [];
  const staging = { tokens: { insert: (row: Omit<TokenRecord, 'revokedAt'>) => void rows.push(row) } } as unknown as Store;
  const response = await issueTokens({ ...ctx, store: staging }, decision);
  return {
    response,
    commit: () => {
      for (const row of rows) ctx.store.tokens.insert(row);
    },
  };
}
