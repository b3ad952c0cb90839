/**
 * The TLS client identities scenarios connect as, and where the test PKI keeps each one. A target
 * may name its own (target file `identities`); the test PKI's are used otherwise, except that a
 * target with its own tpp1 gets none of tpp1's variants from the test PKI (they certify the test
 * PKI's tpp1 key and organisation, not the target's).
 */
import type { TestPki } from '../../pki/test-pki.ts';
import type { IdentityName } from './target.ts';

/**
 * tpp1's other transport certificates: renewed (same subject and key, RFC 8705 §3.1), out of date
 * (RFC 5280 §6.1.3), tpp1's CN under another organisation (RFC 8705 §2.1.2 subject DN) and a
 * certificate that names the trusted CA as issuer without its signature (RFC 5280 §6.1.3 (a)(1)).
 */
export const TPP1_VARIANTS = ['tpp1-reissued', 'tpp1-expired', 'tpp1-not-yet-valid', 'tpp1-other-org', 'tpp1-forged-issuer'] as const;
export type Tpp1Variant = (typeof TPP1_VARIANTS)[number];

export function isTpp1Variant(name: string): name is Tpp1Variant {
  return (TPP1_VARIANTS as readonly string[]).includes(name);
}

/** The test PKI's certificate and key files of an identity. */
export function testPkiIdentity(pki: TestPki, name: IdentityName): { cert: string; key: string } {
  switch (name) {
    case 'untrusted':
      return { cert: pki.untrusted.cert, key: pki.untrusted.key };
    case 'tpp1-reissued':
      return pki.tpp1Reissued;
    case 'tpp1-expired':
      return pki.tpp1Expired;
    case 'tpp1-not-yet-valid':
      return pki.tpp1NotYetValid;
    case 'tpp1-other-org':
      return { cert: pki.tpp1OtherOrg.cert, key: pki.tpp1OtherOrg.key };
    case 'tpp1-forged-issuer':
      return pki.tpp1ForgedIssuer;
    default:
      return { cert: pki[name].transportCert, key: pki[name].transportKey };
  }
}

/** Files of an identity for a target: its own, else the test PKI's (see the module comment). */
export function identityFiles(
  own: Partial<Record<string, { cert: string; key: string }>> | undefined,
  pki: TestPki,
  name: IdentityName,
): { cert: string; key: string } | undefined {
  const declared = own?.[name];
  if (declared) return declared;
  if (isTpp1Variant(name) && own?.tpp1) return undefined;
  return testPkiIdentity(pki, name);
}
