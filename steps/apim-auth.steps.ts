import assert from 'node:assert/strict';
import { When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { fillTemplate } from './support/templates.ts';

/**
 * API Manager's own authentication as its REST API clients meet it (the APIM token endpoint, the
 * REST API scope check, API Manager's users). The REST API clients (`dcr:<name>`) and TPPs
 * (`tpp:<name>`) are those the apim and devportal steps remember.
 */

type Json = Record<string, unknown>;
interface Tpp { username: string; password: string; token?: string }

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/** A token request at API Manager's `/oauth2/token` whose body is sent as given, with its own Content-Type. */
When('the REST API client {string} requests a token at the API Manager with the Content-Type {string} and the body:', async function (this: ObWorld, name: string, type: string, body: string) {
  const client = this.recall<Json>(`dcr:${name}`);
  await this.send('none', 'POST', this.url('apim', '/oauth2/token'), {
    headers: { authorization: basic(client.clientId as string, client.clientSecret as string), 'content-type': type },
    body: fillTemplate(this, body),
  });
});

/** The admin deletes a TPP's user through API Manager's SCIM2 /Users (as the devportal steps' cleanup does). */
When('the admin deletes the user of the TPP {string}', async function (this: ObWorld, name: string) {
  const tpp = this.recall<Tpp>(`tpp:${name}`);
  const headers = { authorization: this.adminAuthorization(), accept: 'application/scim+json' };
  const found = await this.http.send('none', 'GET', this.url('apim', `/scim2/Users?filter=${encodeURIComponent(`userName eq ${tpp.username}`)}`), { headers });
  const id = ((found.json as { Resources?: { id: string }[] } | undefined)?.Resources ?? [])[0]?.id;
  assert.ok(id, `the TPP ${tpp.username} is not in API Manager's user store: ${found.status}`);
  await this.send('none', 'DELETE', this.url('apim', `/scim2/Users/${id}`), { headers });
  // Gone already: the devportal steps' cleanup need not delete it again.
  if (this.lastResponse.status === 204 && this.remembered.has('devp:created')) {
    const users = this.recall<{ users: string[] }>('devp:created').users;
    const i = users.indexOf(tpp.username);
    if (i >= 0) users.splice(i, 1);
  }
});

/** A TPP calls the admin API's key manager list with its own Basic credentials. */
When('the TPP {string} lists the key managers with its Basic credentials', async function (this: ObWorld, name: string) {
  const tpp = this.recall<Tpp>(`tpp:${name}`);
  await this.send('none', 'GET', this.url('apim', '/api/am/admin/v4/key-managers'), {
    headers: { authorization: basic(tpp.username, tpp.password), accept: 'application/json' },
  });
});
