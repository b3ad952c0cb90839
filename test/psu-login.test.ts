import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import { listen } from '../mock-server/listeners.ts';
import { loadConfig } from '../mock-server/config.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { chromiumMissing, chromiumPath } from '../steps/support/chromium.ts';

/**
 * `psu.login = "page"`: the authorization request waits on a login and consent page
 * (/authenticationendpoint/login.do) that a browser fills in; the code is issued only after the
 * test PSU signs in and approves. Generic profile: plain query parameters, no request object.
 */
const REDIRECT = 'https://tpp.example/callback';
const CHALLENGE = createHash('sha256').update('v'.repeat(50)).digest('base64url');
const CHROMIUM = chromiumPath();

async function registerClient(s: Sandbox): Promise<string> {
  const res = await s.apps.is.request('/api/identity/oauth2/dcr/v1.1/register', {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: `login-${randomUUID().slice(0, 8)}`, grant_types: ['authorization_code'], redirect_uris: [REDIRECT] }),
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as { client_id: string }).client_id;
}

const authorizePath = (clientId: string) =>
  `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'openid accounts', state: 's-1', code_challenge: CHALLENGE, code_challenge_method: 'S256' })}`;

async function openPageMode(): Promise<Sandbox> {
  return createSandbox({
    overrides: { database: ':memory:', profile: 'generic', psu: { login: 'page' } },
    urls: { is: 'https://localhost:9446', apim: 'https://localhost:9443', gateway: 'https://localhost:8243' },
    log: () => {},
  });
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

test('page mode: no code before the PSU signs in; wrong password, deny and approve', async () => {
  const s = await openPageMode();
  try {
    const clientId = await registerClient(s);
    const start = await s.apps.is.request(authorizePath(clientId));
    assert.equal(start.status, 302);
    const login = new URL(start.headers.get('location')!);
    assert.equal(login.pathname, '/authenticationendpoint/login.do');
    const key = login.searchParams.get('sessionDataKey')!;
    const codes = () => (s.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM authorization_codes').get() as { n: number }).n;
    assert.equal(codes(), 0, 'no code before the PSU signs in');

    const pageRes = await s.apps.is.request(`${login.pathname}${login.search}`);
    assert.equal(pageRes.status, 200);
    const html = await pageRes.text();
    assert.match(html, /<form method="post" action="\/commonauth">/);
    assert.match(html, /<li>accounts<\/li>/);

    const wrong = await s.apps.is.request('/commonauth', form({ sessionDataKey: key, username: 'psu@sandbox.local', password: 'nope', consent: 'approve' }));
    assert.equal(wrong.status, 200, 'the form again, not a 401 without a challenge');
    assert.equal(wrong.headers.get('www-authenticate'), null);
    const again = await wrong.text();
    assert.match(again, /Login failed/);
    assert.match(again, /<form method="post" action="\/commonauth">/);
    assert.equal(codes(), 0, 'no code after a failed login');

    const ok = await s.apps.is.request('/commonauth', form({ sessionDataKey: key, username: 'psu@sandbox.local', password: 'sandbox', consent: 'approve' }));
    assert.equal(ok.status, 302);
    const back = new URL(ok.headers.get('location')!);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.searchParams.get('state'), 's-1');
    assert.match(back.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{20,}$/);

    const replay = await s.apps.is.request('/commonauth', form({ sessionDataKey: key, username: 'psu@sandbox.local', password: 'sandbox', consent: 'approve' }));
    assert.equal(replay.status, 400, 'a finished login session cannot be replayed');

    const second = new URL((await s.apps.is.request(authorizePath(clientId))).headers.get('location')!);
    const denied = await s.apps.is.request('/commonauth', form({ sessionDataKey: second.searchParams.get('sessionDataKey')!, consent: 'deny' }));
    assert.equal(denied.status, 302);
    const deniedBack = new URL(denied.headers.get('location')!);
    assert.equal(deniedBack.searchParams.get('error'), 'access_denied');
    assert.equal(deniedBack.searchParams.get('state'), 's-1');
  } finally {
    s.close();
  }
});

test('page mode: unknown or garbage session keys get a 400 page, never a 500', async () => {
  const s = await openPageMode();
  try {
    for (const path of ['/authenticationendpoint/login.do', '/authenticationendpoint/login.do?sessionDataKey=%3Cscript%3E']) {
      const res = await s.apps.is.request(path);
      assert.equal(res.status, 400);
      assert.doesNotMatch(await res.text(), /<script>/);
    }
    const res = await s.apps.is.request('/commonauth', form({ sessionDataKey: 'x'.repeat(5000) }));
    assert.equal(res.status, 400);
  } finally {
    s.close();
  }
});

test('page mode: a browser fills in the login page and lands on the redirect URI with a code', { skip: chromiumMissing() ?? false }, async () => {
  const pki = await ensureTestPki();
  const caPem = readFileSync(pki.ca.cert, 'utf8');
  const config = loadConfig({ overrides: { database: ':memory:', profile: 'generic', psu: { login: 'page' }, ports: { is: 0, apim: 0, gateway: 0 } } });
  const running = await listen(await createSandbox({ config, trustedCaPems: [caPem], log: () => {} }), {
    cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [caPem],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const clientId = await registerClient(running.sandbox);
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    // The TPP's redirect URI is not a real site: catch the navigation to it.
    let landed: URL | undefined;
    await page.route(`${REDIRECT}**`, async (route) => {
      landed = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>TPP callback</p>' });
    });
    await page.goto(`${running.urls.is}${authorizePath(clientId)}`);
    await page.getByLabel('Password').fill('sandbox');
    await page.getByRole('button', { name: 'Sign in and approve' }).click();
    await page.waitForURL(`${REDIRECT}**`);
    assert.ok(landed, 'the browser was redirected to the TPP');
    assert.match(landed.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{20,}$/);
    assert.equal(landed.searchParams.get('state'), 's-1');
  } finally {
    await browser.close();
    await running.close();
  }
});
