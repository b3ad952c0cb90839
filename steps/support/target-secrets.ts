import { readFileSync } from 'node:fs';
import { secretValue, type Secret, type TargetFile } from './target.ts';

/**
 * Every secret a target file names, resolved (environment variables and files read), so the
 * runner can scrub them from anything it writes. A secret that cannot be resolved is left out:
 * the run reports that as a target error where the secret is used.
 */
export function targetSecrets(file: TargetFile): string[] {
  const secrets: Secret[] = [];
  if (file.admin) secrets.push(file.admin.password);
  if (file.registration?.initialAccessToken) secrets.push(file.registration.initialAccessToken);
  for (const c of Object.values(file.clients ?? {})) if (c.secret !== undefined) secrets.push(c.secret);
  if (file.login?.password !== undefined) secrets.push(file.login.password);
  for (const step of file.login?.steps ?? []) secrets.push(...Object.values(step.fill ?? {}).filter((v) => typeof v !== 'string'));
  const values: string[] = [];
  for (const s of secrets) {
    try {
      values.push(secretValue(s, 'secret'));
    } catch {
      // reported where it is used
    }
  }
  // A password also travels as HTTP Basic credentials.
  if (file.admin) {
    try {
      values.push(Buffer.from(`${file.admin.username}:${secretValue(file.admin.password, 'admin.password')}`).toString('base64'));
    } catch {
      // as above
    }
  }
  // Private keys the target names: each line of their text (a PEM's base64 lines, a JWK's members).
  const keyFiles = [
    ...Object.values(file.identities ?? {}).map((i) => i?.key),
    file.obDcr?.directory.signingKey,
    ...Object.values(file.obDcr?.products ?? {}).map((p) => p?.signingKey),
    file.jwtBearer?.signingKey,
  ].filter((p): p is string => typeof p === 'string');
  for (const path of keyFiles) {
    try {
      values.push(...privateParts(readFileSync(path, 'utf8')));
    } catch {
      // a missing file is a target error already
    }
  }
  return values;
}

/** The private parts of a key file: a PEM's base64 lines, or a JWK's private members. */
function privateParts(text: string): string[] {
  if (text.includes('-----BEGIN')) return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('-----'));
  try {
    const jwk = JSON.parse(text) as Record<string, unknown>;
    return ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].map((m) => jwk[m]).filter((v): v is string => typeof v === 'string');
  } catch {
    return [text.trim()];
  }
}
