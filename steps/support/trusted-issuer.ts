import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import type { ObWorld } from './world.ts';
import type { GeneratedKey } from './client-assertion.ts';

/**
 * The identity provider a target trusts at the JWT bearer grant (target file `jwtBearer`: its
 * issuer and the private JWK the harness signs with). RFC 7521 §5.2: the assertion's issuer is
 * trusted by the server to speak for the subject; a client signing for itself is not.
 */
export interface TrustedIssuer {
  issuer: string;
  key: GeneratedKey;
}

const loaded = new Map<string, TrustedIssuer>();

export function trustedIssuerOf(world: ObWorld): TrustedIssuer {
  const j = world.target.file.jwtBearer;
  if (!j) throw new Error(`target "${world.target.file.name}" names no trusted jwt-bearer issuer (jwtBearer: issuer, signingKey)`);
  let t = loaded.get(j.signingKey);
  if (!t) {
    const jwk = JSON.parse(readFileSync(j.signingKey, 'utf8')) as JWK;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
    const alg = jwk.kty === 'EC' ? 'ES256' : 'PS256';
    t = { issuer: j.issuer, key: { privateKey: createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }), jwk: pub, alg } };
    loaded.set(j.signingKey, t);
  }
  return t;
}
