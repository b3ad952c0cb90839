/**
 * The recording key manager (steps/support/recording-km.ts): it answers as the two registration
 * APIs do and records each call, so that WSO2-KMC scenarios compare what API Manager sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingKeyManager } from '../steps/support/recording-km.ts';

const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
  ({ method: 'POST', path, headers: { 'content-type': 'application/json', authorization: 'Basic a2s6cHc=', ...extra }, body: JSON.stringify(body) });

test('keymanager-operations: ids in base64url only, unknown clients 401, every call recorded', () => {
  const km = new RecordingKeyManager();
  const created = km.handle(post('/keymanager-operations/dcr/register', { client_name: 'c', grant_types: ['client_credentials'] }));
  assert.equal(created.status, 201);
  const client = JSON.parse(created.body!) as { client_id: string; client_secret: string; client_name: string };
  assert.equal(client.client_name, 'c');
  const std = Buffer.from(client.client_id).toString('base64');
  assert.match(std, /[+/]/, 'the id makes + or / in standard base64');
  const url = std.replaceAll('+', '-').replaceAll('/', '_');
  assert.equal(km.handle({ method: 'GET', path: `/keymanager-operations/dcr/register/${url}`, headers: {}, body: '' }).status, 200);
  assert.equal(km.handle({ method: 'GET', path: `/keymanager-operations/dcr/register/${std.replaceAll('/', '_')}`, headers: {}, body: '' }).status, 500);
  assert.equal(km.handle({ method: 'GET', path: '/keymanager-operations/dcr/register/bm8', headers: {}, body: '' }).status, 401);
  assert.equal(km.handle({ method: 'DELETE', path: `/keymanager-operations/dcr/register/${url}`, headers: {}, body: '' }).status, 204);
  assert.deepEqual(km.calls.map((c) => c.method), ['POST', 'GET', 'GET', 'GET', 'DELETE']);
  assert.deepEqual(km.calls[0]!.json, { client_name: 'c', grant_types: ['client_credentials'] });
});

test('the token endpoint needs the client\'s own Basic credentials; a scripted answer comes first', () => {
  const km = new RecordingKeyManager();
  const client = JSON.parse(km.handle(post('/api/identity/oauth2/dcr/v1.1/register', { client_name: 'c' })).body!) as { client_id: string; client_secret: string };
  const token = (secret: string) => km.handle({
    method: 'POST', path: '/oauth2/token', body: 'grant_type=client_credentials&scope=a%20b',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString('base64')}` },
  });
  assert.equal(token('wrong').status, 401);
  const ok = token(client.client_secret);
  assert.equal(ok.status, 200);
  assert.equal((JSON.parse(ok.body!) as { scope: string }).scope, 'a b');
  km.failNext('POST', { status: 503 });
  assert.equal(token(client.client_secret).status, 503);
  assert.deepEqual(km.calls.at(-1)!.form, { grant_type: 'client_credentials', scope: 'a b' });
});
