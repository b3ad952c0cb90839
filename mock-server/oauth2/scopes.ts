import { tryDecodeCompactJws } from '../security/compact-jws.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import type { SandboxContext } from '../context.ts';
import type { ClientRecord } from '../store/clients.ts';

/**
 * The scopes a client may be granted when it registered no `scope` of its own. The same list as
 * discovery's `scopes_supported` (mock-server/discovery/metadata.ts); kept here because discovery
 * is owned by another surface. Change both together.
 */
export const DEFAULT_ALLOWED_SCOPES: readonly string[] = ['openid', 'accounts', 'payments', 'fundsconfirmations', 'cdr:registration'];

/** RFC 6749 §3.3: a space-delimited list; empty strings dropped, duplicates folded, order kept. */
export function splitScope(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(' ').filter((s) => s !== ''))];
}

/** CDS DCR API (DCR-MGT-03): the scope of the registration management token. */
export const CDR_REGISTRATION_SCOPE = 'cdr:registration';

/** The `scope` claim of the SSA an Open Banking DCR client registered with, if any. */
function ssaScope(client: ClientRecord): string[] {
  const ssa = client.metadata.software_statement;
  if (typeof ssa !== 'string') return [];
  const scope = tryDecodeCompactJws(ssa)?.claims.scope;
  return typeof scope === 'string' ? splitScope(scope) : [];
}

/**
 * The registered `scope` (RFC 7591 §2) when present, else every scope the sandbox supports. An
 * Open Banking DCR client (one with a software statement) may also ask for `openid` (seed 004's
 * token call asks "accounts openid"), and for `cdr:registration` when its SSA grants it (CDS DCR
 * API: the management token of a CDR client).
 */
export function allowedScopes(client: ClientRecord): readonly string[] {
  if (typeof client.metadata.scope !== 'string') return DEFAULT_ALLOWED_SCOPES;
  const registered = splitScope(client.metadata.scope);
  if (typeof client.metadata.software_statement !== 'string') return registered;
  const extra = ['openid', ...ssaScope(client).filter((s) => s === CDR_REGISTRATION_SCOPE)];
  return [...new Set([...registered, ...extra])];
}

/**
 * RFC 6749 §3.3 (TOK-08): the requested scope narrowed to what the client may have; the response
 * then carries the granted scope (§5.1). A request of which nothing can be granted is refused with
 * invalid_scope instead of issuing a token for nothing.
 */
export function grantScope(ctx: SandboxContext, client: ClientRecord, requested: string | undefined): string {
  const wanted = splitScope(requested);
  if (ctx.faults.has('token.grant-any-scope')) return wanted.join(' ');
  const allowed = allowedScopes(client);
  const granted = wanted.filter((s) => allowed.includes(s));
  if (wanted.length > 0 && granted.length === 0) {
    throw new OAuthError(400, 'invalid_scope', `None of the requested scopes is allowed for the client: ${wanted.join(' ')}`);
  }
  return granted.join(' ');
}
