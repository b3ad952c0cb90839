import { outboundTls } from '../http/outbound-tls.ts';
import type { Agent } from 'undici';
import type { JWK } from 'jose';
import type { SandboxContext } from '../context.ts';
import type { KeyLookup } from '../security/client-keys.ts';
import { readUpTo } from '../http/bounded-stream.ts';
import { parseBoundedJson, UnsafeJsonError } from '../http/bounded-json.ts';
import { testDirectoryBase, testDirectoryOf, TEST_DIRECTORY_PATH } from './test-directory.ts';

/**
 * Resolution of a software's jwks_uri (UK `software_jwks_endpoint`, CDR `jwks_uri`) to its keys.
 * Only URLs on the allow-list (config obDcr.jwksUriAllowList; default: this sandbox's own test
 * directory) are used: a URL the client chose is never fetched otherwise (SSRF). The sandbox's
 * own directory is answered in-process; other allowed URLs are fetched over HTTPS with a timeout
 * and a size limit, and cached so the token endpoint can use them synchronously. `jku` and `x5u`
 * headers are never looked at (RFC 8725 §3.10, DCR-SSA-09).
 */
/** How long a fetched key set is used before it is read again (JWT-23: a removed key stops verifying). */
export const KEY_SET_CACHE_SECONDS = 300;

interface Cached {
  keys: JWK[];
  until: number;
}
const remoteCaches = new WeakMap<SandboxContext, Map<string, Cached>>();

/**
 * HTTPS to a remote key set trusts the public roots and the CAs this sandbox trusts (a private
 * directory's, or the test CA). One agent per sandbox instance.
 */
const agents = new WeakMap<SandboxContext, Agent>();
/** undici is loaded on the first remote fetch only: most sandboxes never make one, and it costs start-up time. */
async function agentOf(ctx: SandboxContext): Promise<Agent> {
  let agent = agents.get(ctx);
  // Stryker disable next-line ConditionalExpression: a new agent per fetch connects alike; only connection reuse is lost.
  if (!agent) {
    const { Agent } = await import('undici');
    // Fault ob-dcr.jwks-tls-unverified: a key set is read whatever its host's certificate (DCR-SSA-15).
    // Stryker disable next-line StringLiteral: the fault switch's name; the self-test measures it.
    agent = new Agent({ connect: outboundTls(ctx, 'ob-dcr.jwks-tls-unverified') });
    agents.set(ctx, agent);
  }
  return agent;
}

function cacheOf(ctx: SandboxContext): Map<string, Cached> {
  let m = remoteCaches.get(ctx);
  if (!m) {
    m = new Map();
    remoteCaches.set(ctx, m);
  }
  return m;
}

export function allowList(ctx: SandboxContext): string[] {
  const configured = ctx.config.obDcr.jwksUriAllowList;
  return configured.length > 0 ? configured : [`${testDirectoryBase(ctx)}/`];
}

/**
 * RFC 8725 §3.10 (DCR-SSA-15): the location is the registering party's choice, so only https
 * URLs without userinfo under an allow-listed prefix are dereferenced (userinfo can make a
 * prefix match while the request goes to another host: `https://allowed.example@elsewhere/`).
 */
export function isAllowed(ctx: SandboxContext, uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (ctx.faults.has('ob-dcr.jwks-uri-any-location')) return true;
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return allowList(ctx).some((prefix) => uri.startsWith(prefix));
}

const keysOf = (jwks: unknown): JWK[] | undefined => {
  // Stryker disable next-line OptionalChaining: a JSON null key set then throws inside fetchRemote's try and is refused alike.
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is JWK => typeof k === 'object' && k !== null && !Array.isArray(k)) : undefined;
};

function decodedPath(path: string): string | undefined {
  try {
    return decodeURI(path);
  } catch {
    return undefined;
  }
}

/** The sandbox's own test directory, answered without HTTP. */
function ownDirectory(ctx: SandboxContext, uri: string): KeyLookup | undefined {
  const base = testDirectoryBase(ctx);
  if (!ctx.config.obDcr.testDirectory || !uri.startsWith(`${base}/`)) return undefined;
  const path = decodedPath(new URL(uri).pathname.slice(new URL(base).pathname.length));
  // RFC 3986 §2.1: a "%" not followed by two hex digits is no URI; such a key set does not exist.
  if (path === undefined) return { ok: false, reason: `${uri} has a malformed percent-encoding` };
  const directory = testDirectoryOf(ctx);
  let m: RegExpExecArray | null;
  let jwks: { keys: JWK[] } | undefined;
  try {
    if ((m = /^\/software\/([^/]+)\/jwks$/.exec(path))) jwks = directory.softwareJwks(m[1]!);
    else if ((m = /^\/organisations\/([^/]+)\/jwks$/.exec(path))) jwks = directory.organisationJwks(m[1]!);
  } catch (e) {
    return { ok: false, reason: `the test directory cannot read its keys: ${(e as Error).message}` };
  }
  return jwks ? { ok: true, keys: jwks.keys } : { ok: false, reason: `${uri} is not a key set of the test directory ${TEST_DIRECTORY_PATH}` };
}

/** Synchronous lookup: the own directory, or a remote key set fetched before and still cached. */
export function resolveJwksSync(ctx: SandboxContext, uri: string): KeyLookup {
  // Stryker disable next-line ConditionalExpression: refreshJwks never fetches a location off the list, so unchecked here it is found in no cache and refused alike.
  if (!isAllowed(ctx, uri)) return { ok: false, reason: `jwks_uri ${uri} is not on the sandbox's allow-list` };
  const own = ownDirectory(ctx, uri);
  if (own) return own;
  const cached = cacheOf(ctx).get(uri);
  if (cached && cached.until > ctx.clock.nowSeconds()) return { ok: true, keys: cached.keys };
  return { ok: false, reason: `keys at ${uri} have not been fetched yet` };
}

/** Read a response body up to `max` bytes; undefined when it is larger. */
async function boundedText(res: Response, max: number): Promise<string | undefined> {
  // Stryker disable next-line ConditionalExpression,StringLiteral: no body, or any text that is no JSON, fails the parse in fetchRemote and is refused alike.
  if (!res.body) return '';
  // Stryker disable next-line OptionalChaining,ArrowFunction: an answer over the bound then throws inside fetchRemote's try and is refused alike; left uncancelled it only holds its connection longer.
  return (await readUpTo(res.body, max, (reader) => reader.cancel()))?.toString('utf8');
}

async function fetchRemote(ctx: SandboxContext, uri: string): Promise<KeyLookup> {
  const { jwksFetchTimeoutMs } = ctx.config.obDcr;
  // DCR-SSA-15: a bounded answer (a key set is a few kilobytes).
  const jwksMaxBytes = ctx.faults.has('ob-dcr.jwks-unbounded') ? Number.POSITIVE_INFINITY : ctx.config.obDcr.jwksMaxBytes;
  try {
    // redirect: 'error' — a redirect could leave the allow-list (DCR-SSA-15).
    const { fetch } = await import('undici');
    const redirect = ctx.faults.has('ob-dcr.jwks-follow-redirects') ? 'follow' : 'error';
    // Stryker disable next-line ObjectLiteral,StringLiteral: a courtesy; a key set host answers JSON whatever the request accepts.
    const headers = { accept: 'application/json' };
    const res = await fetch(uri, { redirect, signal: AbortSignal.timeout(jwksFetchTimeoutMs), headers, dispatcher: await agentOf(ctx) });
    // Stryker disable next-line ObjectLiteral,StringLiteral: the reason is only logged, and a lookup that is not ok is refused alike.
    // RFC 9110 §15.6: a 5xx (or 4xx) carries no key set, whatever its content (DCR-REQ-07).
    if (!res.ok && !ctx.faults.has('ob-dcr.jwks-any-status')) return { ok: false, reason: `${uri} answered ${res.status}` };
    const text = await boundedText(res as unknown as Response, jwksMaxBytes);
    // Stryker disable next-line ObjectLiteral,StringLiteral,ConditionalExpression: the reason is only logged; unchecked, the undefined text throws in the parse below and is refused alike.
    if (text === undefined) return { ok: false, reason: `${uri} is larger than ${jwksMaxBytes} bytes` };
    const keys = keysOf(parseBoundedJson(text, { maxDepth: 32, maxChars: jwksMaxBytes }));
    // Stryker disable next-line ObjectLiteral,StringLiteral: the reason is only logged, and a lookup that is not ok is refused alike.
    if (!keys) return { ok: false, reason: `${uri} is not a JWKS` };
    cacheOf(ctx).set(uri, { keys, until: ctx.clock.nowSeconds() + KEY_SET_CACHE_SECONDS });
    return { ok: true, keys };
  } catch (e) {
    // Stryker disable next-line ObjectLiteral,StringLiteral,ConditionalExpression: the reason is only logged, and either branch refuses alike.
    if (e instanceof UnsafeJsonError) return { ok: false, reason: `${uri} is not a JWKS: ${e.reason}` };
    // Stryker disable next-line ObjectLiteral,StringLiteral: the reason is only logged, and a lookup that is not ok is refused alike.
    return { ok: false, reason: `${uri} could not be fetched: ${(e as Error).message}` };
  }
}

/** Resolve a jwks_uri, fetching an allowed remote key set when needed. */
export async function resolveJwks(ctx: SandboxContext, uri: string): Promise<KeyLookup> {
  if (!isAllowed(ctx, uri)) return { ok: false, reason: `jwks_uri ${uri} is not on the sandbox's allow-list` };
  return ownDirectory(ctx, uri) ?? fetchRemote(ctx, uri);
}

/** Seconds between two re-reads of one key set for JWTs naming a `kid` it lacks. */
export const UNKNOWN_KID_REFETCH_SECONDS = 10;
const unknownKidRefetches = new WeakMap<SandboxContext, Map<string, number>>();

/**
 * OIDC Core §10.1.1: "The verifier knows to go back to the jwks_uri location to re-retrieve the
 * keys when it sees an unfamiliar kid value" (JWT-22; Nimbus's RemoteJWKSet, which Identity
 * Server uses, does the same). The kid is the caller's choice, so such re-reads of one location
 * are limited to one per UNKNOWN_KID_REFETCH_SECONDS: a stream of invented kids cannot turn the
 * sandbox into a fetcher aimed at the TPP's host.
 */
function mayRefetchForKid(ctx: SandboxContext, uri: string, cached: Cached, kid: string | undefined): boolean {
  if (kid === undefined || cached.keys.some((k) => k.kid === kid) || ctx.faults.has('ob-dcr.jwks-no-refetch-for-unknown-kid')) return false;
  let last = unknownKidRefetches.get(ctx);
  if (!last) unknownKidRefetches.set(ctx, (last = new Map()));
  const now = ctx.clock.nowSeconds();
  const at = last.get(uri);
  if (at !== undefined && now - at < UNKNOWN_KID_REFETCH_SECONDS && !ctx.faults.has('ob-dcr.jwks-refetch-every-unknown-kid')) return false;
  last.set(uri, now);
  return true;
}

/**
 * Before a jwks_uri client authenticates: fetch its remote key set again when the cached copy is
 * missing, stale, or lacks the JWT's `kid`, so the synchronous lookup at the token endpoint finds
 * it (the own directory needs nothing). A failed fetch leaves the lookup to report why.
 */
export async function refreshJwks(ctx: SandboxContext, uri: string, kid?: string): Promise<void> {
  if (!isAllowed(ctx, uri) || ownDirectory(ctx, uri)) return;
  const cached = cacheOf(ctx).get(uri);
  if (cached && (cached.until > ctx.clock.nowSeconds() || ctx.faults.has('ob-dcr.jwks-cached-forever')) && !mayRefetchForKid(ctx, uri, cached, kid)) return;
  await fetchRemote(ctx, uri);
}
