import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Store } from '../store/store.ts';
import type { StoredSigningKey } from '../store/signing-keys.ts';
import type { Clock } from '../clock.ts';

/** One signing key of the sandbox (ID tokens, JWT access tokens): private for signing, public for the JWKS. */
export interface ServerKey {
  kid: string;
  alg: ServerKeyAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
  privateJwk: JWK;
}

export type ServerKeyAlg = 'PS256' | 'ES256' | 'RS256';

/**
 * The algorithms a profile signs with: FAPI1-Adv §8.6 allows PS256 and ES256 only; the generic
 * profile adds RS256, which OIDC Discovery §3 requires for ID tokens and OIDC Registration §2
 * makes the default id_token_signed_response_alg.
 */
export function serverKeyAlgs(profile: string): readonly ServerKeyAlg[] {
  return profile === 'generic' ? ['PS256', 'ES256', 'RS256'] : ['PS256', 'ES256'];
}

async function generate(alg: ServerKeyAlg, clock: Clock): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  // RFC 7638 thumbprint as kid, as Identity Server derives kid from its certificate.
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const meta = { kid, alg, use: 'sig' };
  return {
    kid,
    alg,
    privateJwk: { ...privateJwk, ...meta },
    publicJwk: { ...publicJwk, ...meta },
    createdAt: clock.now(),
  };
}

/**
 * The sandbox's signing keys: created once and kept in the store, so the JWKS (and every token
 * issued) survives a restart of `npm run sandbox` on the same database file.
 */
export async function loadOrCreateServerKeys(store: Store, clock: Clock, algs: readonly ServerKeyAlg[]): Promise<ServerKey[]> {
  let stored = store.signingKeys.all();
  const missing = algs.filter((alg) => !stored.some((k) => k.alg === alg));
  if (missing.length > 0) {
    store.signingKeys.insertAll(await Promise.all(missing.map((alg) => generate(alg, clock))));
    stored = store.signingKeys.all();
  }
  // A database first used by another profile may hold keys this profile does not sign with.
  return Promise.all(
    stored.filter((k) => algs.includes(k.alg as ServerKeyAlg)).map(async (k) => ({
      kid: k.kid,
      alg: k.alg as ServerKeyAlg,
      privateKey: (await importJWK(k.privateJwk as JWK, k.alg)) as CryptoKey,
      publicJwk: k.publicJwk as JWK,
      privateJwk: k.privateJwk as JWK,
    })),
  );
}
