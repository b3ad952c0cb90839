import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { SandboxContext } from '../context.ts';
import { parseBoundedJsonObject } from '../http/bounded-json.ts';
import { ensureTestIdp } from '../../pki/test-idp.ts';
import { DEFAULT_PKI_DIR } from '../../pki/test-pki.ts';

/**
 * The identity providers the sandbox trusts to assert a user at the JWT bearer grant: RFC 7521
 * §5.2 ("the authorization server ... trusts the issuer to make assertions about the subject"),
 * RFC 7523 §3 items 1 and 9 (iss identifies the issuer; the signature verifies with its key), as
 * Identity Server's JWT bearer handler accepts only a configured identity provider's assertions.
 * A client is never such an issuer for itself: its own key cannot name a user.
 */
export type TrustedIssuers = ReadonlyMap<string, readonly JWK[]>;

export class TrustedIssuerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustedIssuerError';
  }
}

function issuerFile(file: string): [string, JWK[]] {
  let doc: Record<string, unknown>;
  try {
    doc = parseBoundedJsonObject(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TrustedIssuerError(`jwtBearer.trustedIssuers: cannot read ${file}: ${(e as Error).message}`);
  }
  const keys = (doc.jwks as { keys?: unknown } | undefined)?.keys;
  if (typeof doc.issuer !== 'string' || doc.issuer === '' || !Array.isArray(keys)) {
    throw new TrustedIssuerError(`jwtBearer.trustedIssuers: ${file} must be {"issuer": "...", "jwks": {"keys": [...]}}`);
  }
  return [doc.issuer, keys as JWK[]];
}

const loaded = new WeakMap<SandboxContext, Promise<TrustedIssuers>>();

async function load(ctx: SandboxContext): Promise<TrustedIssuers> {
  const files = ctx.config.jwtBearer.trustedIssuers;
  if (files.length > 0) return new Map(files.map(issuerFile));
  const idp = await ensureTestIdp(ctx.config.obDcr.pkiDir || DEFAULT_PKI_DIR);
  return new Map([[idp.issuer, idp.jwks.keys]]);
}

/** The trusted issuers of one sandbox instance, read once. */
export function trustedIssuersOf(ctx: SandboxContext): Promise<TrustedIssuers> {
  let issuers = loaded.get(ctx);
  if (!issuers) {
    issuers = load(ctx);
    loaded.set(ctx, issuers);
  }
  return issuers;
}
