import type { TlsIdentity, HttpResponse } from './http-client.ts';
import assert from 'node:assert/strict';
import { clientAuthentication, jwtClaims } from './token-client.ts';
import type { ObWorld } from './world.ts';

/**
 * RFC 7662 §2.1: the caller authenticates. The target's admin (a privileged caller, as API
 * Manager's key manager is) where the target declares one; else the client that owns the token,
 * with its own authentication method, which every server lets see its own tokens.
 */
export async function introspectionRequest(world: ObWorld, token: string | undefined, owner: string, extra: Record<string, string> = {}): Promise<{ identity: TlsIdentity; headers: Record<string, string>; body: string }> {
  const form: Record<string, string> = { ...extra };
  if (token !== undefined) form.token = token;
  if (world.target.has('privileged-introspection')) {
    return { identity: 'none', headers: { authorization: world.adminAuthorization() }, body: new URLSearchParams(form).toString() };
  }
  const auth = await clientAuthentication(world, owner);
  return { identity: identityOfClient(world, owner), headers: auth.headers, body: new URLSearchParams({ ...auth.form, ...form }).toString() };
}

/** The TLS identity a client's tokens were obtained over (bound tokens need the same one). */
export function identityOfClient(world: ObWorld, name: string): TlsIdentity {
  return (world.remembered.has(`signer:${name}`) ? world.recall<string>(`signer:${name}`) : 'tpp1') as TlsIdentity;
}

/** Introspect without replacing the scenario's last response (for reading an opaque token). */
export async function introspectQuietly(world: ObWorld, token: string, owner: string): Promise<HttpResponse> {
  const req = await introspectionRequest(world, token, owner);
  return world.http.send(req.identity, 'POST', world.endpoint('introspection_endpoint'), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...req.headers },
    body: req.body,
  });
}

/**
 * An access token's claims: decoded when it is a JWT, else read by introspection (RFC 7662 §2.2),
 * where an opaque token also carries its certificate binding (RFC 8705 §3.2).
 */
export async function accessTokenClaimsOf(world: ObWorld, token: string, owner: string): Promise<Record<string, unknown>> {
  if (token.split('.').length === 3) return jwtClaims(token);
  const res = await introspectQuietly(world, token, owner);
  assert.equal(res.status, 200, `introspection of the opaque access token answered ${res.status}: ${res.text.slice(0, 200)}`);
  const claims = res.json as Record<string, unknown>;
  assert.equal(claims.active, true, 'the opaque access token is not active at introspection');
  return claims;
}
