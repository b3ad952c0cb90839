import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import type { SsaFlavour } from '../../pki/software-statements.ts';
import { DirectoryLimitError, ssaFlavourOf, testDirectoryOf, TEST_DIRECTORY_PATH } from './test-directory.ts';
import { clientCertificateOf } from '../security/client-certificate.ts';
import { belongsToOrganisation } from '../security/certificate-organisation.ts';
import { TEST_TPPS } from '../../pki/software-products.ts';

/** Longest SSA lifetime a caller may ask the test directory for (one day). */
const MAX_LIFETIME_SECONDS = 86_400;

const notFound = (what: string) => new OAuthError(404, 'not_found', `${what} is not known to the test directory`);
const badRequest = (description: string, status = 400) => new OAuthError(status, 'invalid_request', description);

/**
 * A new software id is issued only to its organisation: the caller presents, over mutual TLS, a
 * trusted transport certificate of that organisation (OU = org_id), as a directory's own portal
 * requires the organisation's login before it creates a software statement.
 */
function requireOrganisationCertificate(ctx: SandboxContext, c: Context<SandboxEnv>, orgId: string): void {
  const result = clientCertificateOf(c.env?.incoming, c.req.raw.headers, {
    trustProxyHeader: ctx.config.mtls.trustProxyHeader,
    headerName: ctx.config.mtls.headerName,
    trustedCas: ctx.trustedCas,
    nowMs: ctx.clock.now(),
  });
  if (result.kind !== 'present' || !result.cert.trusted) {
    throw new OAuthError(401, 'unauthorized', 'A new software id needs a trusted transport certificate of its organisation');
  }
  if (!belongsToOrganisation(result.cert, orgId)) {
    throw new OAuthError(403, 'forbidden', `The transport certificate is not of organisation ${orgId}`);
  }
}

/** Key sets are public and change only with the test PKI: cacheable like the product's JWKS. */
const jwksResponse = (c: Context, jwks: unknown) => c.json(jwks, 200, { 'cache-control': 'public, max-age=300' });

function flavourOf(ctx: SandboxContext, v: unknown): SsaFlavour {
  if (v === undefined) return ssaFlavourOf(ctx);
  if (v === 'uk' || v === 'cdr') return v;
  throw badRequest('profile must be "uk" or "cdr"');
}

function lifetimeOf(ctx: SandboxContext, flavour: SsaFlavour, v: unknown): number | undefined {
  if (v === undefined) return flavour === 'cdr' ? 3600 : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -MAX_LIFETIME_SECONDS || v > MAX_LIFETIME_SECONDS || v === 0) {
    throw badRequest(`lifetime_seconds must be a non-zero integer within ±${MAX_LIFETIME_SECONDS}`);
  }
  void ctx;
  return v;
}

function testTppName(ctx: SandboxContext, orgId: string): string | undefined {
  const pki = testDirectoryOf(ctx).pki();
  return TEST_TPPS.find((t) => pki[t].orgId === orgId);
}

/**
 * The test directory's HTTP surface on the Identity Server listener: its JWKS, each software's and
 * organisation's signing JWKS (and empty revoked sets), and `POST /software-statements` handing a TPP
 * developer a fresh SSA for a test software product (or a new software id of a test organisation).
 */
export function directoryApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const base = TEST_DIRECTORY_PATH;
  const directory = testDirectoryOf(ctx);

  app.get(`${base}/jwks`, (c) => jwksResponse(c, directory.jwks()));
  app.get(`${base}/software/:softwareId/jwks`, (c) => {
    const jwks = directory.softwareJwks(c.req.param('softwareId'));
    if (!jwks) throw notFound(`software ${c.req.param('softwareId')}`);
    return jwksResponse(c, jwks);
  });
  app.get(`${base}/software/:softwareId/revoked/jwks`, (c) => {
    if (!directory.software(c.req.param('softwareId'))) throw notFound(`software ${c.req.param('softwareId')}`);
    return jwksResponse(c, { keys: [] });
  });
  app.get(`${base}/organisations/:orgId/jwks`, (c) => {
    const jwks = directory.organisationJwks(c.req.param('orgId'));
    if (!jwks) throw notFound(`organisation ${c.req.param('orgId')}`);
    return jwksResponse(c, jwks);
  });
  app.get(`${base}/organisations/:orgId/revoked/jwks`, (c) => {
    if (!directory.organisation(c.req.param('orgId'))) throw notFound(`organisation ${c.req.param('orgId')}`);
    return jwksResponse(c, { keys: [] });
  });

  app.post(`${base}/software-statements`, async (c) => {
    const body = await readJsonObject(c, badRequest);
    const softwareId = body.software_id;
    if (typeof softwareId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(softwareId)) {
      throw badRequest('software_id must be 1 to 64 letters, digits, ".", "_" or "-"');
    }
    const flavour = flavourOf(ctx, body.profile);
    const lifetime = lifetimeOf(ctx, flavour, body.lifetime_seconds);
    const orgId = body.org_id;
    if (orgId !== undefined && typeof orgId !== 'string') throw badRequest('org_id must be a string');
    const isNew = orgId !== undefined && directory.software(softwareId, flavour) === undefined;
    if (isNew) requireOrganisationCertificate(ctx, c, orgId);
    let known;
    try {
      known = orgId === undefined ? directory.software(softwareId, flavour) : directory.addSoftware(softwareId, orgId);
    } catch (e) {
      if (e instanceof DirectoryLimitError) throw badRequest(e.message);
      throw e;
    }
    if (!known) {
      throw badRequest(orgId === undefined
        ? `software ${softwareId} is not known; name a test organisation with org_id to issue a new software id`
        : `software ${softwareId} cannot be issued for organisation ${orgId}`);
    }
    const product = directory.software(softwareId, flavour)!.product;
    const softwareStatement = await directory.issueStatement({ ...known, product }, flavour, lifetime);
    return c.json(
      {
        software_statement: softwareStatement,
        software_id: product.softwareId,
        org_id: product.orgId,
        org_name: product.orgName,
        profile: flavour,
        redirect_uris: product.redirectUris,
        scope: product.scope,
        software_jwks_endpoint: product.jwksUri,
        signing_kid: known.tpp.signingKid,
        // The test TPP whose files under the test PKI (certs/<tpp>-*) sign and carry this software;
        // never a path on the sandbox's host.
        test_tpp: testTppName(ctx, known.tpp.orgId),
        transport_subject_dn: known.tpp.subjectDn,
      },
      201,
      { 'cache-control': 'no-store' },
    );
  });
  return app;
}
