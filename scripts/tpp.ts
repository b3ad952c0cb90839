/**
 * What a TPP developer signs by hand when trying the sandbox with curl (README walkthroughs),
 * using the test PKI's keys (certs/). Prints only the JWT, so it fits in `$(...)`.
 *
 *   npm run -s tpp -- client-assertion --client-id <id> [--tpp tpp1] [--aud <token endpoint>]
 *
 * client-assertion: RFC 7523 §3 / seed 004: iss = sub = client_id, aud = the token endpoint
 * (which is the issuer in WSO2), jti unique, exp a few minutes ahead; header alg PS256, kid = the
 * JWK thumbprint of the TPP's signing key, typ JWT.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SignJWT, importJWK, type JWK } from 'jose';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';

const USAGE = `usage: npm run -s tpp -- client-assertion --client-id <id> [--tpp tpp1|tpp2] [--aud <url>]
  --aud defaults to https://localhost:9446/oauth2/token (npm run sandbox on its default port)`;

const DEFAULT_TOKEN_ENDPOINT = 'https://localhost:9446/oauth2/token';
const ASSERTION_LIFETIME_S = 300;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function tppOf(pki: TestPki, name: string | undefined) {
  if (name === undefined || name === 'tpp1') return pki.tpp1;
  if (name === 'tpp2') return pki.tpp2;
  return fail(`unknown --tpp ${JSON.stringify(name)}`);
}

async function signAsTpp(pki: TestPki, tppName: string | undefined, claims: Record<string, unknown>): Promise<string> {
  const tpp = tppOf(pki, tppName);
  const jwk = JSON.parse(readFileSync(tpp.signingPrivateJwk, 'utf8')) as JWK;
  const key = await importJWK(jwk, 'PS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'PS256', kid: tpp.signingKid, typ: 'JWT' }).sign(key);
}

async function clientAssertion(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: { 'client-id': { type: 'string' }, tpp: { type: 'string' }, aud: { type: 'string' } },
  });
  const clientId = values['client-id'];
  if (clientId === undefined || clientId === '') fail('--client-id is required');
  const now = Math.floor(Date.now() / 1000);
  return signAsTpp(await ensureTestPki(), values.tpp, {
    iss: clientId,
    sub: clientId,
    aud: values.aud ?? DEFAULT_TOKEN_ENDPOINT,
    iat: now,
    exp: now + ASSERTION_LIFETIME_S,
    jti: randomUUID(),
  });
}

const COMMANDS: Record<string, (args: string[]) => Promise<string>> = {
  'client-assertion': clientAssertion,
};

const [command, ...rest] = process.argv.slice(2);
const run = command === undefined ? undefined : COMMANDS[command];
if (run === undefined) fail(command === undefined ? 'a command is required' : `unknown command ${JSON.stringify(command)}`);
try {
  process.stdout.write(`${await run(rest)}\n`);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
