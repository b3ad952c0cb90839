import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet, type JWK } from 'jose';

/**
 * The harness as a verifier of the target's JWTs, following the client-side rules: only keys for
 * signatures are used (RFC 7517 §4.2, DISC-13), and an unknown kid triggers one re-fetch of the
 * JWKS before the JWT is rejected (OIDC Core §10.1.1, DISC-14).
 */
export class RemoteJwks {
  readonly #fetch: () => Promise<JSONWebKeySet>;
  #cached: JSONWebKeySet | undefined;
  fetches = 0;

  constructor(fetchJwks: () => Promise<JSONWebKeySet>) {
    this.#fetch = fetchJwks;
  }

  async #load(): Promise<JSONWebKeySet> {
    this.fetches += 1;
    const set = await this.#fetch();
    this.#cached = { keys: set.keys.filter((k: JWK) => k.use === undefined || k.use === 'sig') };
    return this.#cached;
  }

  async verify(jwt: string, algorithms: string[]): Promise<Uint8Array> {
    const set = this.#cached ?? (await this.#load());
    try {
      return (await compactVerify(jwt, createLocalJWKSet(set), { algorithms })).payload;
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey)) throw e;
      const fresh = await this.#load();
      return (await compactVerify(jwt, createLocalJWKSet(fresh), { algorithms })).payload;
    }
  }
}
