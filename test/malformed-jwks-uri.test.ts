import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signJwt, softwareStatementClaims } from '../pki/software-statements.ts';
import { registrationRequestClaims } from '../pki/registration-request.ts';
import { directorySigningKey, testSoftwareProducts, tppSigningKey } from '../pki/software-products.ts';
import { readFileSync } from 'node:fs';
import { ASSERTION_TYPE, URLS, harness, pkjwtMetadata } from './token-helpers.ts';

/** Issue 16 point 5: a malformed %-escape in an allow-listed jwks_uri is a refusal, never a 500. */

const BAD_URI = `${URLS.is}/test-directory/software/%E0%A4%A/jwks`;

describe('a jwks_uri with a malformed percent-encoding', () => {
  test('an IS DCR client registered with one is refused at the token endpoint with 401 invalid_client', async () => {
    const h = await harness();
    try {
      const { jwks: _jwks, ...metadata } = await pkjwtMetadata();
      const client = await h.register({ ...metadata, jwks_uri: BAD_URI });
      for (let i = 0; i < 2; i++) {
        const res = await h.post('/oauth2/token', {
          grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE,
          client_assertion: await h.assertion(client.client_id),
        }, { cert: 'tpp1' });
        assert.equal(res.status, 401);
        assert.equal(((await res.json()) as { error: string }).error, 'invalid_client');
      }
      assert.ok(h.logs.every((l) => !l.includes('unexpected error')), h.logs.join('\n'));
    } finally {
      h.close();
    }
  });

  test('an SSA naming one as software_jwks_endpoint makes OB DCR answer 400, not 500', async () => {
    const h = await harness();
    try {
      const pki = h.pki;
      const now = Math.floor(Date.now() / 1000);
      const product = { ...testSoftwareProducts(pki, `${URLS.is}/test-directory`, 'uk').tpp1, jwksUri: BAD_URI };
      const ssa = await signJwt(softwareStatementClaims('uk', product, { iat: now, jti: randomUUID(), exp: now + 600 }), directorySigningKey(pki));
      const request = await signJwt(registrationRequestClaims('uk', product, ssa, { aud: `${URLS.is}/oauth2/token`, iat: now, jti: randomUUID() }), tppSigningKey(pki.tpp1));
      const res = await h.sandbox.apps.gateway.request('/open-banking/v3.3.0/register', {
        method: 'POST',
        headers: { 'content-type': 'application/jwt', 'x-wso2-mutual-auth-cert': encodeURIComponent(readFileSync(pki.tpp1.transportCert, 'utf8')) },
        body: request,
      });
      assert.equal(res.status, 400, await res.clone().text());
      // The product's request-signature refusal (WSO2-OBDCR-01): the software's keys cannot be had.
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
      assert.equal((h.sandbox.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n, 0);
    } finally {
      h.close();
    }
  });
});
