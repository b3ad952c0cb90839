import type { TlsIdentity, HttpResponse } from './http-client.ts';
import { clientAuthentication } from './token-client.ts';
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
