import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../mock-server/store/store.ts';
import { harness, pkjwtMetadata } from './token-helpers.ts';

/** Issue 16 point 4: an error answer never follows a change of state. */

const admin = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' };
const BASE = '/api/identity/oauth2/dcr/v1.1/register';
const deepJwks = (n: number) => `{"keys":[${'['.repeat(n)}${']'.repeat(n)}]}`;

describe('a write commits only with its answer', () => {
  test('Store.commitWithAnswer rolls the write back when the answer cannot be rendered', () => {
    const store = Store.open(':memory:');
    try {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      assert.throws(() => store.commitWithAnswer(
        () => store.clients.insert({ clientId: 'c1', clientName: 'n1', metadata: {}, now: 0 }),
        () => cyclic,
      ), TypeError);
      assert.equal(store.clients.get('c1'), undefined);
      const text = store.commitWithAnswer(() => store.clients.insert({ clientId: 'c2', clientName: 'n2', metadata: {}, now: 0 }), (c) => ({ id: c.clientId }));
      assert.equal(text, '{"id":"c2"}');
    } finally {
      store.close();
    }
  });

  test('IS DCR metadata nested 3,000 deep is refused with 400 and nothing is written', async () => {
    const h = await harness();
    try {
      const body = `{"client_name":"deep-app","grant_types":["client_credentials"],"jwks":${deepJwks(3000)}}`;
      const res = await h.sandbox.apps.is.request(BASE, { method: 'POST', headers: admin, body });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_client_metadata');
      const rows = (h.sandbox.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
      assert.equal(rows, 0);
      // The name is not taken.
      const again = await h.sandbox.apps.is.request(BASE, { method: 'POST', headers: admin, body: JSON.stringify({ client_name: 'deep-app', grant_types: ['client_credentials'] }) });
      assert.equal(again.status, 201);
    } finally {
      h.close();
    }
  });

  test('an IS DCR PUT nested 3,000 deep is refused and the registration is unchanged', async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const before = await (await h.sandbox.apps.is.request(`${BASE}/${client.client_id}`, { headers: admin })).json();
      const res = await h.sandbox.apps.is.request(`${BASE}/${client.client_id}`, { method: 'PUT', headers: admin, body: `{"jwks":${deepJwks(3000)}}` });
      assert.equal(res.status, 400);
      const after = await h.sandbox.apps.is.request(`${BASE}/${client.client_id}`, { headers: admin });
      assert.equal(after.status, 200);
      assert.deepEqual(await after.json(), before);
    } finally {
      h.close();
    }
  });
});
