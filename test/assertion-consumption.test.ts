import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ASSERTION_TYPE, harness, pkjwtMetadata, type Harness } from './token-helpers.ts';

/**
 * Issue 16 point 7: a request refused after client authentication does not consume the client
 * assertion's jti, so the corrected retry authenticates; a request that succeeded does (CAUTH-09).
 */

function withAssertion(clientId: string, assertion: string, form: Record<string, string>): Record<string, string> {
  return { client_id: clientId, client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, ...form };
}

async function errorOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: string }).error;
}

async function clientAndAssertion(h: Harness) {
  const client = await h.register(await pkjwtMetadata());
  return { clientId: client.client_id, assertion: await h.assertion(client.client_id) };
}

describe('a refused request keeps the client assertion usable', () => {
  test('invalid_scope, then the corrected request with the same assertion succeeds once', async () => {
    const h = await harness();
    try {
      const { clientId, assertion } = await clientAndAssertion(h);
      const refused = await h.post('/oauth2/token', withAssertion(clientId, assertion, { grant_type: 'client_credentials', scope: 'no-such-scope' }), { cert: 'tpp1' });
      assert.equal(refused.status, 400);
      assert.equal(await errorOf(refused), 'invalid_scope');
      const retry = await h.post('/oauth2/token', withAssertion(clientId, assertion, { grant_type: 'client_credentials', scope: 'accounts' }), { cert: 'tpp1' });
      assert.equal(retry.status, 200, await retry.clone().text());
      const replay = await h.post('/oauth2/token', withAssertion(clientId, assertion, { grant_type: 'client_credentials', scope: 'accounts' }), { cert: 'tpp1' });
      assert.equal(replay.status, 401);
      assert.equal(await errorOf(replay), 'invalid_client');
    } finally {
      h.close();
    }
  });

  test('unauthorized_client and a missing code leave the assertion unused', async () => {
    const h = await harness();
    try {
      const { clientId, assertion } = await clientAndAssertion(h);
      const wrongGrant = await h.post('/oauth2/token', withAssertion(clientId, assertion, { grant_type: 'authorization_code', code: 'x', redirect_uri: 'https://a.example/cb' }), { cert: 'tpp1' });
      assert.equal(await errorOf(wrongGrant), 'unauthorized_client');
      const ok = await h.post('/oauth2/token', withAssertion(clientId, assertion, { grant_type: 'client_credentials' }), { cert: 'tpp1' });
      assert.equal(ok.status, 200);
    } finally {
      h.close();
    }
  });

  test("revoking another client's token is refused and the assertion still revokes the caller's own", async () => {
    const h = await harness();
    try {
      const own = await clientAndAssertion(h);
      const other = await clientAndAssertion(h);
      const token = async (c: { clientId: string }) => {
        const res = await h.post('/oauth2/token', withAssertion(c.clientId, await h.assertion(c.clientId), { grant_type: 'client_credentials' }), { cert: 'tpp1' });
        return ((await res.json()) as { access_token: string }).access_token;
      };
      const othersToken = await token(other);
      const ownToken = await token(own);
      const refused = await h.post('/oauth2/revoke', withAssertion(own.clientId, own.assertion, { token: othersToken }), { cert: 'tpp1' });
      assert.equal(refused.status, 401);
      assert.equal(await errorOf(refused), 'unauthorized_client');
      const revoked = await h.post('/oauth2/revoke', withAssertion(own.clientId, own.assertion, { token: ownToken }), { cert: 'tpp1' });
      assert.equal(revoked.status, 200);
    } finally {
      h.close();
    }
  });

  test('twenty concurrent requests with one assertion: exactly one token', async () => {
    const h = await harness();
    try {
      const { clientId, assertion } = await clientAndAssertion(h);
      const results = await Promise.all(Array.from({ length: 20 }, () =>
        h.post('/oauth2/token', withAssertion(clientId, assertion, { grant_type: 'client_credentials' }), { cert: 'tpp1' })));
      assert.deepEqual(results.map((r) => r.status).sort(), [200, ...Array<number>(19).fill(401)]);
      assert.equal(h.tokenRows(), 1);
    } finally {
      h.close();
    }
  });
});
