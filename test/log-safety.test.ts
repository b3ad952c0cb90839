import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { createSandbox } from '../mock-server/app.ts';
import { listen } from '../mock-server/listeners.ts';
import { escapeLogText } from '../mock-server/log.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { Agent, fetch } from 'undici';
import { jwksFor } from '../steps/support/client-assertion.ts';
import { ASSERTION_TYPE, harness } from './token-helpers.ts';

/** Issue 16 point 6: request values never forge log lines (CWE-117); a client abort is no stack trace. */

describe('the log (CWE-117)', () => {
  test('control characters are escaped, so one message is one line', () => {
    assert.equal(escapeLogText('a\r\nb\u2028c\u0000d\u009b'), 'a\\r\\nb\\u2028c\\u0000d\\u009b');
    assert.equal(escapeLogText('plain text: "quoted"'), 'plain text: "quoted"');
  });

  test('an unknown client_id with CR/LF is logged on one line, escaped', async () => {
    const h = await harness();
    try {
      const forged = 'x\r\n[sandbox] admin logged in\nmore';
      const res = await h.post('/oauth2/token', {
        grant_type: 'client_credentials', client_id: forged, client_assertion_type: ASSERTION_TYPE, client_assertion: 'a.b.c',
      });
      assert.equal(res.status, 401);
      assert.ok(h.logs.length > 0);
      for (const line of h.logs) assert.doesNotMatch(line, /[\r\n\u2028\u2029]/);
      assert.ok(h.logs.some((l) => l.includes('x\\r\\n[sandbox] admin logged in\\nmore')), h.logs.join(' | '));
    } finally {
      h.close();
    }
  });

  test('a client that closes its connection mid-body is logged in one line, without a stack trace', async () => {
    const pki = await ensureTestPki();
    const ca = readFileSync(pki.ca.cert, 'utf8');
    const logs: string[] = [];
    const sandbox = await createSandbox({
      overrides: { database: ':memory:', ports: { is: 0, apim: 0, gateway: 0 } }, trustedCaPems: [ca], log: (m) => logs.push(m),
    });
    const running = await listen(sandbox, { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [ca] });
    try {
      for (const [path, type] of [['/oauth2/token', 'application/x-www-form-urlencoded'], ['/api/identity/oauth2/dcr/v1.1/register', 'application/json']] as const) {
        await new Promise<void>((resolve) => {
          const socket = connect({ port: running.ports.is, host: 'localhost', ca }, () => {
            socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n`
              + `Content-Type: ${type}\r\nContent-Length: 1000\r\n\r\ngrant_type`);
            setTimeout(() => socket.destroy(), 150);
          });
          socket.on('error', () => {});
          socket.on('close', () => setTimeout(resolve, 200));
        });
      }
      assert.deepEqual(logs, [
        'client closed the connection during POST /oauth2/token',
        'client closed the connection during POST /api/identity/oauth2/dcr/v1.1/register',
      ]);
    } finally {
      await running.close();
    }
  });

  test('a request read in full that then fails inside the sandbox is a 500 with its stack on one line, not an abort', async () => {
    const pki = await ensureTestPki();
    const ca = readFileSync(pki.ca.cert, 'utf8');
    const logs: string[] = [];
    // The fault lets a deep header reach a recursive walk: the one way left to make the sandbox fail.
    const sandbox = await createSandbox({
      overrides: { database: ':memory:', ports: { is: 0, apim: 0, gateway: 0 }, faults: ['limits.unbounded-json'] },
      trustedCaPems: [ca], log: (m) => logs.push(m),
    });
    const running = await listen(sandbox, { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [ca] });
    const dispatcher = new Agent({ connect: { ca } });
    try {
      const base = running.urls.is;
      const reg = await fetch(`${base}/api/identity/oauth2/dcr/v1.1/register`, {
        method: 'POST', dispatcher,
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'deep-log', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: await jwksFor('tpp1') }),
      });
      const clientId = ((await reg.json()) as { client_id: string }).client_id;
      const header = `{"alg":"PS256","typ":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      const jwt = `${Buffer.from(header).toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`;
      const res = await fetch(`${base}/oauth2/token`, {
        method: 'POST', dispatcher, headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_assertion_type: ASSERTION_TYPE, client_assertion: jwt }).toString(),
      });
      assert.equal(res.status, 500);
      const line = logs.find((l) => l.startsWith('unexpected error on POST /oauth2/token: RangeError'));
      assert.ok(line, logs.join(' | '));
      assert.doesNotMatch(line, /[\r\n]/);
    } finally {
      await dispatcher.close();
      await running.close();
    }
  });
});
