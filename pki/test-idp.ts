import { generateKeyPairSync, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { DEFAULT_PKI_DIR } from './test-pki.ts';

/**
 * The test identity provider: the issuer the sandbox trusts, by default, to assert a user at the
 * JWT bearer grant (RFC 7521 §5.2, RFC 7523 §3 item 1), as Identity Server trusts only its
 * configured identity providers. One PS256 key in `certs/test-idp-signing.private.jwk.json`,
 * created on first use; whoever holds it (the harness, a TPP developer's test) can speak for a
 * user, so it is test material only, like the rest of certs/.
 */
export const TEST_IDP_ISSUER = 'https://test-idp.sandbox.invalid';
export const TEST_IDP_KEY_FILE = 'test-idp-signing.private.jwk.json';

export interface TestIdp {
  issuer: string;
  /** The private JWK file (kid = RFC 7638 thumbprint, alg PS256, use sig). */
  privateJwkFile: string;
  privateJwk: JWK;
  /** The public key set a server trusts for this issuer. */
  jwks: { keys: JWK[] };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export function publicJwkOf(jwk: JWK): JWK {
  const pub: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete pub[m];
  return pub as JWK;
}

async function generate(): Promise<JWK> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwkOf(jwk));
  return { ...jwk, kid, alg: 'PS256', use: 'sig' };
}

/**
 * The test identity provider of a PKI directory, created when missing. Safe against concurrent
 * first uses (cucumber workers): the key is written to a temporary file and linked into place,
 * so exactly one key wins and every caller reads that one.
 */
export async function ensureTestIdp(dir: string = DEFAULT_PKI_DIR): Promise<TestIdp> {
  const file = path.join(dir, TEST_IDP_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `.tmp-idp-${randomUUID()}`);
    fs.writeFileSync(tmp, `${JSON.stringify(await generate(), null, 2)}\n`, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  return loadTestIdp(dir);
}

export function loadTestIdp(dir: string = DEFAULT_PKI_DIR): TestIdp {
  const privateJwkFile = path.join(dir, TEST_IDP_KEY_FILE);
  const privateJwk = JSON.parse(fs.readFileSync(privateJwkFile, 'utf8')) as JWK;
  return { issuer: TEST_IDP_ISSUER, privateJwkFile, privateJwk, jwks: { keys: [publicJwkOf(privateJwk)] } };
}
