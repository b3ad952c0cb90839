import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, constants, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { loadTestPki, type TestPki } from '../../pki/test-pki.ts';
import { b64u, compactJws } from './compact-jws.ts';

/**
 * Client assertions (RFC 7523 §2.2, §3) and JWT bearer grant assertions (RFC 7523 §2.1) built the
 * way a TPP builds them (seed 004: header alg PS256 with kid, claims iss, sub, aud, exp, iat, jti),
 * signed with the test PKI's TPP signing keys. Variants break one thing each, for the negative
 * scenarios. Signing is done with node:crypto so that any header, even a nonsensical one, can be
 * produced.
 */
export type Signer = 'tpp1' | 'tpp2';

let pki: TestPki | undefined;
const testPki = () => (pki ??= loadTestPki());

interface SigningMaterial {
  privateKey: KeyObject;
  kid: string;
  /** The public JWKS file content (keys with kid, use sig, alg PS256, x5c). */
  jwks: { keys: JWK[] };
}

const materials = new Map<Signer, SigningMaterial>();
export function signingMaterial(signer: Signer): SigningMaterial {
  let m = materials.get(signer);
  if (!m) {
    const tpp = testPki()[signer];
    m = {
      privateKey: createPrivateKey(readFileSync(tpp.signingKey, 'utf8')),
      kid: tpp.signingKid,
      jwks: JSON.parse(readFileSync(tpp.signingJwks, 'utf8')) as { keys: JWK[] },
    };
    materials.set(signer, m);
  }
  return m;
}

/** An EC P-256 key of the harness, for scenarios that register an EC key next to the RSA one. */
let ec: { privateKey: KeyObject; jwk: JWK } | undefined;
export async function harnessEcKey(): Promise<{ privateKey: KeyObject; jwk: JWK }> {
  if (!ec) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    ec = { privateKey, jwk: { ...jwk, kid: await calculateJwkThumbprint(jwk), use: 'sig', alg: 'ES256' } };
  }
  return ec;
}

/** A key the harness generates for one kind of registration (JWT-04, JWT-15), with its JWS alg. */
export interface GeneratedKey {
  privateKey: KeyObject;
  /** Public JWK with kid and use "sig" (no alg member, so the key is judged by its type alone). */
  jwk: JWK;
  alg: 'PS256' | 'ES256' | 'EdDSA';
}

/** The key kinds a scenario can name: RSA-<bits>, P-256, Ed25519. */
export const GENERATED_KEY_KINDS = /^(RSA-(1024|1536|2048|3072)|P-256|Ed25519)$/;

const generated = new Map<string, GeneratedKey>();
export async function generatedKey(kind: string): Promise<GeneratedKey> {
  const m = GENERATED_KEY_KINDS.exec(kind);
  if (!m) throw new Error(`unknown key kind ${kind}; known: RSA-1024, RSA-1536, RSA-2048, RSA-3072, P-256, Ed25519`);
  let key = generated.get(kind);
  if (!key) {
    const pair = kind === 'Ed25519'
      ? generateKeyPairSync('ed25519')
      : kind === 'P-256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: Number(m[2]) });
    const pub = pair.publicKey.export({ format: 'jwk' }) as JWK;
    const alg = kind === 'Ed25519' ? 'EdDSA' : kind === 'P-256' ? 'ES256' : 'PS256';
    key = { privateKey: pair.privateKey, jwk: { ...pub, kid: await calculateJwkThumbprint(pub), use: 'sig' }, alg };
    generated.set(kind, key);
  }
  return key;
}

/**
 * The registered JWKS variants a scenario can name: `tpp1`, `tpp1:enc` (same key, use enc),
 * `tpp1:nouse` (same key, no `use`), `tpp1:rs256` (same key, `alg` RS256), `tpp1:noalg` (same key, no
 * `alg`: judged by its type alone, RFC 7517 §4.4), `tpp1+ec`.
 */
export async function jwksFor(spec: string): Promise<{ keys: JWK[] }> {
  const [name, modifier] = spec.split(/(?=[:+])/);
  const base = signingMaterial(name as Signer).jwks.keys.map((k) => ({ ...k }));
  if (modifier === ':enc') return { keys: base.map((k) => ({ ...k, use: 'enc' })) };
  if (modifier === ':nouse') return { keys: base.map(({ use: _use, ...k }) => k) };
  if (modifier === ':rs256') return { keys: base.map((k) => ({ ...k, alg: 'RS256' })) };
  if (modifier === ':noalg') return { keys: base.map(({ alg: _alg, ...k }) => k) };
  if (modifier === '+ec') return { keys: [...base, (await harnessEcKey()).jwk] };
  if (modifier !== undefined) throw new Error(`unknown JWKS variant ${spec}`);
  return { keys: base };
}


/** RFC 7515 §5.1: sign the JWS signing input with the algorithm the header claims. */
export interface AssertionOptions {
  /** iss and sub of a client assertion; iss of a grant assertion. */
  clientId: string;
  /** sub: the client id for client authentication, the user for the jwt-bearer grant. */
  subject?: string;
  audience: string;
  signer?: Signer;
  /** Claim overrides; `undefined` removes the claim. */
  claims?: Record<string, unknown>;
  /** Sign a good assertion with this generated key instead of the signer's. */
  key?: GeneratedKey;
  /** One of ASSERTION_VARIANTS, or undefined for a good assertion. */
  variant?: string | undefined;
}

/** The named ways to break an assertion's signature, header or encoding. */
export const ASSERTION_VARIANTS = [
  'signed with alg none',
  'signed HS256 with the public key as secret',
  'signed RS256',
  'signed ES256 with the RSA key id',
  'with an EC signature under a PS256 header',
  'signed by the tpp2 key',
  'signed by the tpp2 key under the tpp1 key id',
  'with a jku header pointing to the tpp2 key',
  'with an x5u header pointing to the tpp2 certificate',
  'with an x5c header of the tpp2 certificate',
  'with a jwk header of the tpp2 key',
  'with a crit header',
  'with typ dpop+jwt',
  'with typ at+jwt',
  'with typ secevent+jwt',
  'that is not a JWT',
  'that is truncated',
  'with a header that is not JSON',
  'with only two parts',
  'with a payload that is not JSON',
  'with a character outside base64url after its signature',
  'with base64 padding on its signature',
] as const;

/** Headers spelled otherwise that break nothing: an intact assertion all the same. */
export const INTACT_ASSERTION_VARIANTS = [
  'without a typ header',
  'without a kid header',
  'with typ application/jwt',
  'with typ client-authentication+jwt',
] as const;

export async function buildAssertion(opts: AssertionOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: opts.clientId,
    sub: opts.subject ?? opts.clientId,
    aud: opts.audience,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
  };
  for (const [k, v] of Object.entries(opts.claims ?? {})) {
    if (v === undefined) delete payload[k];
    else payload[k] = v;
  }
  const own = signingMaterial(opts.signer ?? 'tpp1');
  const other = signingMaterial('tpp2');
  const header = { alg: 'PS256', kid: own.kid, typ: 'JWT' };
  const good = () => compactJws(header, payload, own.privateKey, 'PS256');
  if (opts.key) {
    if (opts.variant !== undefined) throw new Error('a generated key signs good assertions only');
    return compactJws({ alg: opts.key.alg, kid: opts.key.jwk.kid, typ: 'JWT' }, payload, opts.key.privateKey, opts.key.alg);
  }
  switch (opts.variant as (typeof ASSERTION_VARIANTS)[number] | (typeof INTACT_ASSERTION_VARIANTS)[number] | undefined) {
    case undefined:
      return good();
    case 'signed with alg none':
      return compactJws({ alg: 'none', typ: 'JWT' }, payload, Buffer.alloc(0), 'none');
    case 'signed HS256 with the public key as secret': {
      // RFC 8725 §2.1: the algorithm confusion attack uses the verifier's public key bytes as the HMAC secret.
      const pem = createPublicKey(own.privateKey).export({ format: 'pem', type: 'spki' });
      return compactJws({ alg: 'HS256', kid: own.kid, typ: 'JWT' }, payload, Buffer.from(pem), 'HS256');
    }
    case 'signed RS256':
      return compactJws({ alg: 'RS256', kid: own.kid, typ: 'JWT' }, payload, own.privateKey, 'RS256');
    case 'signed ES256 with the RSA key id': {
      const key = await harnessEcKey();
      return compactJws({ alg: 'ES256', kid: own.kid, typ: 'JWT' }, payload, key.privateKey, 'ES256');
    }
    case 'with an EC signature under a PS256 header': {
      // The header claims PS256 for the registered EC key: an ES256 signature under a PS256 header.
      const key = await harnessEcKey();
      const input = `${b64u({ alg: 'PS256', kid: key.jwk.kid, typ: 'JWT' })}.${b64u(payload)}`;
      const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
      return `${input}.${signature.toString('base64url')}`;
    }
    case 'signed by the tpp2 key':
      return compactJws({ alg: 'PS256', kid: other.kid, typ: 'JWT' }, payload, other.privateKey, 'PS256');
    case 'signed by the tpp2 key under the tpp1 key id':
      return compactJws(header, payload, other.privateKey, 'PS256');
    case 'with a jku header pointing to the tpp2 key':
      return compactJws({ alg: 'PS256', kid: other.kid, typ: 'JWT', jku: 'https://tpp2.example/jwks.json' }, payload, other.privateKey, 'PS256');
    case 'with an x5u header pointing to the tpp2 certificate':
      return compactJws({ alg: 'PS256', typ: 'JWT', x5u: 'https://tpp2.example/signing.pem' }, payload, other.privateKey, 'PS256');
    case 'with an x5c header of the tpp2 certificate':
      return compactJws({ alg: 'PS256', typ: 'JWT', x5c: other.jwks.keys[0]?.x5c }, payload, other.privateKey, 'PS256');
    case 'with a jwk header of the tpp2 key': {
      const { x5c: _x5c, ...jwk } = other.jwks.keys[0]!;
      return compactJws({ alg: 'PS256', typ: 'JWT', jwk }, payload, other.privateKey, 'PS256');
    }
    case 'with a crit header':
      return compactJws({ ...header, crit: ['http://tpp.example/ext'], 'http://tpp.example/ext': true }, payload, own.privateKey, 'PS256');
    // RFC 8725 §3.11 (JWT-16): JWTs of other kinds, well signed by the client's own key.
    case 'with typ dpop+jwt':
    case 'with typ at+jwt':
    case 'with typ secevent+jwt':
      return compactJws({ ...header, typ: opts.variant!.slice('with typ '.length) }, payload, own.privateKey, 'PS256');
    // RFC 7523 §3 requires no typ; RFC 7515 §4.1.9: a media type, its "application/" prefix optional,
    // compared case-insensitively; draft-ietf-oauth-rfc7523bis names client-authentication+jwt.
    case 'without a typ header': {
      const { typ: _typ, ...untyped } = header;
      return compactJws(untyped, payload, own.privateKey, 'PS256');
    }
    case 'without a kid header': {
      const { kid: _kid, ...unnamed } = header;
      return compactJws(unnamed, payload, own.privateKey, 'PS256');
    }
    case 'with typ application/jwt':
    case 'with typ client-authentication+jwt':
      return compactJws({ ...header, typ: opts.variant!.slice('with typ '.length) }, payload, own.privateKey, 'PS256');
    case 'that is not a JWT':
      return 'not-a-jwt';
    case 'that is truncated': {
      const jwt = good();
      return jwt.slice(0, jwt.length - 20);
    }
    case 'with a header that is not JSON': {
      const [, p, s] = good().split('.');
      return `${b64u('not json')}.${p}.${s}`;
    }
    // RFC 7515 §2, §7.1: each part is base64url without padding; a lenient decoder would skip these.
    case 'with a character outside base64url after its signature':
      return `${good()}!`;
    case 'with base64 padding on its signature': {
      const jwt = good();
      return `${jwt}${'='.repeat((4 - (jwt.split('.')[2]!.length % 4)) % 4 || 2)}`;
    }
    case 'with only two parts':
      return good().split('.').slice(0, 2).join('.');
    case 'with a payload that is not JSON': {
      const input = `${b64u(header)}.${b64u('not json')}`;
      const signature = sign('sha256', Buffer.from(input), { key: own.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
      return `${input}.${signature.toString('base64url')}`;
    }
    default:
      throw new Error(`unknown assertion variant "${opts.variant}"; known: ${[...ASSERTION_VARIANTS, ...INTACT_ASSERTION_VARIANTS].join('; ')}`);
  }
}

/**
 * A claim value from a scenario table: JSON, `absent`, or a time relative to now (`now+600`,
 * `now-60-1`) in NumericDate seconds: of the harness's own clock, as a real client computes it,
 * unless `nowSeconds` gives another (the target's clock, where the harness holds it still).
 */
export function claimValue(text: string, nowSeconds: number = Math.floor(Date.now() / 1000)): unknown {
  const t = text.trim();
  if (t === 'absent') return undefined;
  if (/^now(\s*[+-]\s*\d+)*$/.test(t)) {
    return [...t.matchAll(/([+-])\s*(\d+)/g)].reduce((n, m) => n + (m[1] === '+' ? 1 : -1) * Number(m[2]), nowSeconds);
  }
  return JSON.parse(t);
}
