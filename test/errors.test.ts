import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { OAuthError, asciiSafe, invalidRequest } from '../mock-server/errors/oauth-error.ts';
import { ApimError } from '../mock-server/errors/apim-error.ts';
import { IsDcrError, invalidClientMetadata } from '../mock-server/errors/is-dcr-error.ts';
import { StatusOnlyError } from '../mock-server/errors/status-only-error.ts';
import { WireError } from '../mock-server/errors/wire-error.ts';
import { onError, notFound, type ErrorDialect } from '../mock-server/errors/on-error.ts';
import { Faults } from '../mock-server/faults.ts';

/** The RFC 6749 §5.2 character set of error_description. */
const RFC6749_DESCRIPTION = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

function assertJsonErrorHeaders(res: Response): void {
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('pragma'), 'no-cache');
}

describe('OAuthError', () => {
  test('status, body and headers', async () => {
    const e = new OAuthError(400, 'invalid_request', 'Missing grant_type');
    assert.ok(e instanceof WireError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'OAuthError');
    assert.equal(e.message, 'invalid_request: Missing grant_type');
    assert.deepEqual(e.body(), { error: 'invalid_request', error_description: 'Missing grant_type' });
    const res = e.toResponse();
    assert.equal(res.status, 400);
    assertJsonErrorHeaders(res);
    assert.deepEqual(await res.json(), { error: 'invalid_request', error_description: 'Missing grant_type' });
  });

  test('without a description the body has only error', async () => {
    const e = new OAuthError(401, 'invalid_client');
    assert.equal(e.message, 'invalid_client');
    const body = await e.toResponse().json();
    assert.deepEqual(body, { error: 'invalid_client' });
    assert.ok(!('error_description' in (body as object)));
  });

  test('an empty description is still sent', () => {
    assert.deepEqual(new OAuthError(400, 'invalid_request', '').body(), { error: 'invalid_request', error_description: '' });
  });

  test('extra headers are added and may override the defaults', () => {
    const res = new OAuthError(401, 'invalid_client', 'Client authentication failed', {
      'www-authenticate': 'Basic realm="x"',
    }).toResponse();
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="x"');
    assertJsonErrorHeaders(res);
  });

  test('error_description is sanitised per RFC 6749 §5.2 (quote, backslash, non-ASCII, controls)', async () => {
    const e = new OAuthError(400, 'invalid_request', 'bad "value" C:\\path caf\u00e9 \u{1F600}\nline\ttab');
    const body = (await e.toResponse().json()) as { error_description: string };
    assert.match(body.error_description, RFC6749_DESCRIPTION);
    assert.equal(body.error_description, 'bad  value  C: path caf     line tab');
    // The original text is kept for logs.
    assert.equal(e.description, 'bad "value" C:\\path caf\u00e9 \u{1F600}\nline\ttab');
  });

  test('asciiSafe keeps every allowed character and replaces every other', () => {
    let allowed = '';
    for (let c = 0x20; c <= 0x7e; c++) if (c !== 0x22 && c !== 0x5c) allowed += String.fromCharCode(c);
    assert.equal(asciiSafe(allowed), allowed);
    assert.equal(asciiSafe('"\\\x7f\x00\u00a0'), '     ');
  });

  test('helpers', () => {
    const r = invalidRequest('nope');
    assert.equal(r.status, 400);
    assert.equal(r.error, 'invalid_request');
  });
});

describe('ApimError', () => {
  test('body shape {code, message, description, moreInfo, error}', async () => {
    const details = [{ code: '900967', message: 'General Resource Access Failure', description: 'x' }];
    const e = new ApimError(400, 'Bad Request', 'Invalid application name', details);
    assert.ok(e instanceof WireError);
    assert.equal(e.name, 'ApimError');
    assert.equal(e.message, 'Bad Request: Invalid application name');
    const res = e.toResponse();
    assert.equal(res.status, 400);
    assertJsonErrorHeaders(res);
    assert.deepEqual(await res.json(), {
      code: 400,
      message: 'Bad Request',
      description: 'Invalid application name',
      moreInfo: '',
      error: details,
    });
  });

  test('defaults: no details, code = status; an explicit code is kept', () => {
    assert.deepEqual(new ApimError(404, 'Not Found', 'd').body(), {
      code: 404,
      message: 'Not Found',
      description: 'd',
      moreInfo: '',
      error: [],
    });
    const custom = new ApimError(409, 'Conflict', 'd', [], 900001);
    assert.equal(custom.status, 409);
    assert.equal(custom.body().code, 900001);
    assert.equal(custom.toResponse().status, 409);
  });
});

describe('other wire errors', () => {
  test('IsDcrError: {error, error_description, traceId}, description sanitised', () => {
    const e = invalidClientMetadata('Invalid "redirect_uri"');
    const body = e.body();
    assert.equal(e.status, 400);
    assert.equal(body.error, 'invalid_client_metadata');
    assert.equal(body.error_description, 'Invalid  redirect_uri ');
    assert.match(body.traceId, /^[0-9a-f-]{36}$/);
    assert.notEqual(new IsDcrError(400, 'x', 'y').traceId, new IsDcrError(400, 'x', 'y').traceId);
  });

  test('StatusOnlyError: no body, no-store, extra headers', async () => {
    const res = new StatusOnlyError(401, 'unknown client', { 'www-authenticate': 'Basic' }).toResponse();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('www-authenticate'), 'Basic');
    assert.equal(res.headers.get('content-type'), null);
    assert.equal(await res.text(), '');
  });
});

/** A tiny app with the sandbox's error handlers and a few throwing routes. */
function appWith(dialect: ErrorDialect, faults = new Faults()) {
  const logged: string[] = [];
  const app = new Hono();
  app.onError(onError(dialect, (m) => logged.push(m)));
  app.notFound(notFound(dialect, faults));
  app.get('/oauth', () => {
    throw new OAuthError(400, 'invalid_grant', 'Expired code', { 'x-extra': '1' });
  });
  app.get('/apim', () => {
    throw new ApimError(409, 'Conflict', 'Duplicate');
  });
  app.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  return { app, logged };
}

describe('onError', () => {
  test('a thrown OAuthError answers itself (whatever the dialect)', async () => {
    for (const dialect of ['oauth', 'apim'] as const) {
      const { app, logged } = appWith(dialect);
      const res = await app.request('/oauth');
      assert.equal(res.status, 400);
      assertJsonErrorHeaders(res);
      assert.equal(res.headers.get('x-extra'), '1');
      assert.deepEqual(await res.json(), { error: 'invalid_grant', error_description: 'Expired code' });
      assert.deepEqual(logged, [], 'a WireError is not logged as unexpected');
    }
  });

  test('a thrown ApimError answers itself', async () => {
    const { app } = appWith('oauth');
    const res = await app.request('/apim');
    assert.equal(res.status, 409);
    assert.deepEqual(await res.json(), { code: 409, message: 'Conflict', description: 'Duplicate', moreInfo: '', error: [] });
  });

  test('an unexpected Error is a 500 JSON without the message or stack; the stack is logged', async () => {
    const { app, logged } = appWith('oauth');
    const res = await app.request('/boom');
    assert.equal(res.status, 500);
    assertJsonErrorHeaders(res);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { error: 'server_error', error_description: 'Error occurred while processing the request' });
    assert.ok(!text.includes('hunter2'), 'no error message');
    assert.ok(!/\bat \S+ \(|errors\.test\.ts|node_modules/.test(text), 'no stack frames');
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /unexpected error on GET \/boom: Error: database password is hunter2\n\s+at /);
  });

  test('an unexpected Error in the apim dialect', async () => {
    const { app } = appWith('apim');
    const res = await app.request('/boom');
    assert.equal(res.status, 500);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(body, {
      code: 500,
      message: 'Internal Server Error',
      description: 'Error occurred while processing the request',
      moreInfo: '',
      error: [],
    });
  });
});

describe('notFound', () => {
  test('oauth dialect: {error: not_found, error_description}', async () => {
    const { app } = appWith('oauth');
    const res = await app.request('/no/such/resource', { method: 'POST' });
    assert.equal(res.status, 404);
    assertJsonErrorHeaders(res);
    assert.deepEqual(await res.json(), { error: 'not_found', error_description: 'No resource at POST /no/such/resource' });
  });

  test('apim dialect: {code, message, description, moreInfo, error}', async () => {
    const { app } = appWith('apim');
    const res = await app.request('/no/such/resource');
    assert.equal(res.status, 404);
    assertJsonErrorHeaders(res);
    assert.deepEqual(await res.json(), {
      code: 404,
      message: 'Not Found',
      description: 'No resource at GET /no/such/resource',
      moreInfo: '',
      error: [],
    });
  });

  test('a path with characters RFC 6749 forbids is sanitised in the oauth dialect', async () => {
    const { app } = appWith('oauth');
    const res = await app.request('/a%22b%5Cc%C3%A9');
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error_description: string };
    assert.match(body.error_description, RFC6749_DESCRIPTION);
  });

  test('the errors.html-not-found fault answers an HTML page', async () => {
    const { app } = appWith('oauth', new Faults(['errors.html-not-found']));
    const res = await app.request('/nope');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /HTTP Status 404/);
  });
});
