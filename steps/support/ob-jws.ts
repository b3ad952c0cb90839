import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { b64u, compactJws, signInput } from './compact-jws.ts';

/**
 * Compact JWS for Open Banking DCR (RFC 7515 §7.1), signed with node:crypto so that any header,
 * even a nonsensical one, can be produced: the negative scenarios need `alg: none`, HS256 with a
 * public key as secret, RS256 with the right key, tampered payloads and foreign keys.
 */
export interface JwsKey {
  privateKey: KeyObject;
  kid: string;
  /** The public JWK (for `jwk` headers), without private members. */
  publicJwk: JWK;
}

export function jwsKeyFromJwk(privateJwk: JWK, kid?: string): JwsKey {
  const privateKey = createPrivateKey({ key: privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  return { privateKey, kid: kid ?? privateJwk.kid ?? 'key', publicJwk };
}

/** A fresh RSA key nobody trusts (an "untrusted directory" or a TPP key absent from its JWKS). */
let stranger: JwsKey | undefined;
export function strangerRsaKey(): JwsKey {
  if (!stranger) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    stranger = { privateKey, kid: 'stranger-rsa-key', publicJwk: createPublicKey(privateKey).export({ format: 'jwk' }) as JWK };
  }
  return stranger;
}

let strangerEc: JwsKey | undefined;
export function strangerEcKey(): JwsKey {
  if (!strangerEc) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    strangerEc = { privateKey, kid: 'stranger-ec-key', publicJwk: createPublicKey(privateKey).export({ format: 'jwk' }) as JWK };
  }
  return strangerEc;
}

/** The ways to break a JWS that the negative scenarios name (for the registration request and the SSA). */
export const JWS_VARIANTS = [
  'signed with alg none',
  'signed HS256 with the public key as secret',
  'signed RS256',
  'signed RS512',
  'signed PS384',
  'signed PS512',
  'with an ES256 header over an RSA signature',
  'signed by a key nobody trusts',
  'signed ES256 by a key nobody trusts',
  'signed by a key nobody trusts under the right key id',
  'with an unknown key id',
  'with a tampered payload',
  'with a jwk header of a key nobody trusts',
  'with a jku header pointing to a key nobody trusts',
  'with an x5u header pointing to a certificate nobody trusts',
  'that is not a JWT',
  'with only two parts',
  'with a header that is not JSON',
  'with a payload that is not JSON',
] as const;
export type JwsVariant = (typeof JWS_VARIANTS)[number];

/** The algorithm a proper signature with `key` uses: ES256 for a P-256 key, else PS256 (FAPI1-Adv §8.6). */
export const jwsAlgOf = (key: JwsKey): 'ES256' | 'PS256' => (key.privateKey.asymmetricKeyType === 'ec' ? 'ES256' : 'PS256');

/** Sign `payload` properly with `key` (jwsAlgOf), or broken in the way `variant` names. */
export function signVariant(payload: Record<string, unknown>, key: JwsKey, variant?: string, extraHeader: Record<string, unknown> = {}): string {
  const header = { alg: jwsAlgOf(key), kid: key.kid, typ: 'JWT', ...extraHeader };
  const good = () => compactJws(header, payload, key.privateKey, header.alg);
  const other = strangerRsaKey();
  switch (variant as JwsVariant | undefined) {
    case undefined:
      return good();
    case 'signed with alg none':
      return compactJws({ alg: 'none', typ: 'JWT' }, payload, Buffer.alloc(0), 'none');
    case 'signed HS256 with the public key as secret': {
      // RFC 8725 §2.1: algorithm confusion, the verifier's public key bytes as the HMAC secret.
      const pem = createPublicKey(key.privateKey).export({ format: 'pem', type: 'spki' });
      return compactJws({ ...header, alg: 'HS256' }, payload, Buffer.from(pem), 'HS256');
    }
    case 'signed RS256':
    case 'signed RS512':
    case 'signed PS384':
    case 'signed PS512': {
      const alg = String(variant).slice('signed '.length);
      return compactJws({ ...header, alg }, payload, key.privateKey, alg);
    }
    case 'with an ES256 header over an RSA signature': {
      const input = `${b64u({ ...header, alg: 'ES256' })}.${b64u(payload)}`;
      return `${input}.${signInput(input, 'PS256', key.privateKey).toString('base64url')}`;
    }
    case 'signed by a key nobody trusts':
      return compactJws({ ...header, kid: other.kid }, payload, other.privateKey, 'PS256');
    case 'signed ES256 by a key nobody trusts': {
      const ec = strangerEcKey();
      return compactJws({ ...header, alg: 'ES256', kid: ec.kid }, payload, ec.privateKey, 'ES256');
    }
    case 'signed by a key nobody trusts under the right key id':
      return compactJws(header, payload, other.privateKey, 'PS256');
    case 'with an unknown key id':
      return compactJws({ ...header, kid: 'no-such-key-id' }, payload, key.privateKey, 'PS256');
    case 'with a tampered payload': {
      // RFC 7515 §5.2: the signature covers the payload; change one claim after signing.
      const [h, , s] = good().split('.');
      return `${h}.${b64u({ ...payload, jti: `${String(payload.jti ?? '')}-tampered` })}.${s}`;
    }
    case 'with a jwk header of a key nobody trusts':
      return compactJws({ ...header, kid: other.kid, jwk: other.publicJwk }, payload, other.privateKey, 'PS256');
    case 'with a jku header pointing to a key nobody trusts':
      return compactJws({ ...header, kid: other.kid, jku: 'https://attacker.example/jwks.json' }, payload, other.privateKey, 'PS256');
    case 'with an x5u header pointing to a certificate nobody trusts':
      return compactJws({ ...header, kid: other.kid, x5u: 'https://attacker.example/signing.pem' }, payload, other.privateKey, 'PS256');
    case 'that is not a JWT':
      return 'this-is-not-a-jwt';
    case 'with only two parts':
      return good().split('.').slice(0, 2).join('.');
    case 'with a header that is not JSON': {
      const [, p, s] = good().split('.');
      return `${b64u('not json')}.${p}.${s}`;
    }
    case 'with a payload that is not JSON': {
      const input = `${b64u(header)}.${b64u('not json')}`;
      return `${input}.${signInput(input, 'PS256', key.privateKey).toString('base64url')}`;
    }
    default:
      throw new Error(`unknown JWS variant "${variant}"; known: ${JWS_VARIANTS.join('; ')}`);
  }
}
