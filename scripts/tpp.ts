/**
 * What a TPP developer signs by hand when trying the sandbox with curl (README walkthroughs),
 * using the test PKI's keys (certs/). Prints only the JWT, so it fits in `$(...)`.
 *
 *   npm run -s tpp -- client-assertion --client-id <id> [--tpp tpp1] [--aud <token endpoint>]
 *   npm run -s tpp -- registration-request --ssa <software statement> [--aud <issuer>] [--auth-method <m>]
 *
 * client-assertion: RFC 7523 §3 / seed 004: iss = sub = client_id, aud = the token endpoint
 * (which is the issuer in WSO2), jti unique, exp a few minutes ahead; header alg PS256, kid = the
 * JWK thumbprint of the TPP's signing key, typ JWT.
 * registration-request: the Open Banking DCR request JWT of seed 004 (iss = the SSA's software_id,
 * its redirect URIs, the SSA inside), signed with the signing key of the SSA's organisation.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { decodeJwt } from 'jose';
import { registrationRequestClaims } from '../pki/registration-request.ts';
import { softwareProductOf, tppSigningKey } from '../pki/software-products.ts';
import { CDR_SSA_ISSUER, signJwt, type SoftwareProduct, type SsaFlavour } from '../pki/software-statements.ts';
import { ensureTestPki, type TestPki, type TppIdentity } from '../pki/test-pki.ts';

const USAGE = `usage: npm run -s tpp -- client-assertion --client-id <id> [--tpp tpp1|tpp2] [--aud <url>]
       npm run -s tpp -- registration-request --ssa <jws> [--aud <url>] [--auth-method private_key_jwt|tls_client_auth]
  --aud defaults to \$OBC_IS_URL/oauth2/token (OBC_IS_URL defaults to https://localhost:9446),
  the issuer and token endpoint of npm run sandbox`;

/** The Identity Server of npm run sandbox on its default port; OBC_IS_URL names another. */
const IS_URL = (process.env.OBC_IS_URL ?? 'https://localhost:9446').replace(/\/+$/, '');
const DEFAULT_TOKEN_ENDPOINT = `${IS_URL}/oauth2/token`;
/** The test directory of that sandbox; only the product's JWKS URL depends on it. */
const DIRECTORY_BASE = `${IS_URL}/test-directory`;
const ASSERTION_LIFETIME_S = 300;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function tppOf(pki: TestPki, name: string | undefined): TppIdentity {
  if (name === undefined || name === 'tpp1') return pki.tpp1;
  if (name === 'tpp2') return pki.tpp2;
  return fail(`unknown --tpp ${JSON.stringify(name)}`);
}

async function signAsTpp(tpp: TppIdentity, claims: Record<string, unknown>): Promise<string> {
  return signJwt(claims, tppSigningKey(tpp));
}

async function clientAssertion(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: { 'client-id': { type: 'string' }, tpp: { type: 'string' }, aud: { type: 'string' } },
  });
  const clientId = values['client-id'];
  if (clientId === undefined || clientId === '') fail('--client-id is required');
  const now = Math.floor(Date.now() / 1000);
  return signAsTpp(tppOf(await ensureTestPki(), values.tpp), {
    iss: clientId,
    sub: clientId,
    aud: values.aud ?? DEFAULT_TOKEN_ENDPOINT,
    iat: now,
    exp: now + ASSERTION_LIFETIME_S,
    jti: randomUUID(),
  });
}

/** The flavour and product a software statement describes, read from its claims. */
function productOfStatement(pki: TestPki, ssa: string): { flavour: SsaFlavour; tpp: TppIdentity; product: SoftwareProduct } {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(ssa);
  } catch {
    return fail('--ssa is not a JWT');
  }
  const flavour: SsaFlavour = claims.iss === CDR_SSA_ISSUER ? 'cdr' : 'uk';
  const tpp = [pki.tpp1, pki.tpp2].find((t) => t.orgId === claims.org_id);
  if (tpp === undefined || typeof claims.software_id !== 'string') {
    return fail(`the SSA names no test organisation (org_id ${JSON.stringify(claims.org_id)})`);
  }
  const product = softwareProductOf(tpp, DIRECTORY_BASE, flavour, claims.software_id);
  const redirectUris = claims.software_redirect_uris ?? claims.redirect_uris;
  if (Array.isArray(redirectUris)) product.redirectUris = redirectUris.map(String);
  if (typeof claims.scope === 'string') product.scope = claims.scope;
  return { flavour, tpp, product };
}

async function registrationRequest(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: { ssa: { type: 'string' }, aud: { type: 'string' }, 'auth-method': { type: 'string' } },
  });
  if (values.ssa === undefined || values.ssa === '') fail('--ssa is required');
  const method = values['auth-method'] ?? 'private_key_jwt';
  if (method !== 'private_key_jwt' && method !== 'tls_client_auth') fail(`unknown --auth-method ${JSON.stringify(method)}`);
  const { flavour, tpp, product } = productOfStatement(await ensureTestPki(), values.ssa);
  const claims = registrationRequestClaims(flavour, product, values.ssa, {
    aud: values.aud ?? DEFAULT_TOKEN_ENDPOINT,
    iat: Math.floor(Date.now() / 1000),
    jti: randomUUID(),
    authMethod: method,
    subjectDn: tpp.subjectDn,
  });
  return signAsTpp(tpp, claims);
}

const COMMANDS: Record<string, (args: string[]) => Promise<string>> = {
  'client-assertion': clientAssertion,
  'registration-request': registrationRequest,
};

const [command, ...rest] = process.argv.slice(2);
const run = command === undefined ? undefined : COMMANDS[command];
if (run === undefined) fail(command === undefined ? 'a command is required' : `unknown command ${JSON.stringify(command)}`);
try {
  process.stdout.write(`${await run(rest)}\n`);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
