import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';

// OAuth2 scope API v1.0: the list call (the create, read, update and delete steps are in
// apim.steps.ts, with the clean-up of what a scenario created).
const SCOPES = '/api/identity/oauth2/v1.0/scopes';

When('the admin lists the scopes', async function (this: ObWorld) {
  await this.send('none', 'GET', this.url('is', SCOPES), { headers: { accept: 'application/json', authorization: this.adminAuthorization() } });
});

Then('the scope list includes the scope {string} with the display name {string}', function (this: ObWorld, name: string, displayName: string) {
  const list = this.lastResponse.json;
  assert.ok(Array.isArray(list), `the scope list is not a JSON array: ${this.lastResponse.text.slice(0, 300)}`);
  const scope = (list as { name?: unknown; displayName?: unknown }[]).find((s) => s.name === this.unique(name));
  assert.ok(scope, `the scope list lacks ${this.unique(name)}`);
  assert.equal(scope.displayName, displayName);
});

/**
 * A page of the scope list: `{{all}}` in the query is the number of scopes the last full list held
 * (the admin lists the scopes), `{{all+1}}` one more, so the scenario needs no knowledge of the
 * target's other scopes.
 */
When('the admin lists the scopes with {string}', async function (this: ObWorld, query: string) {
  const all = this.recall<number>('is-scopes:all');
  const q = query.replaceAll('{{all+1}}', String(all + 1)).replaceAll('{{all}}', String(all));
  await this.send('none', 'GET', this.url('is', `${SCOPES}?${q}`), { headers: { accept: 'application/json', authorization: this.adminAuthorization() } });
});

Then('the scope list holds every scope', function (this: ObWorld) {
  const list = this.lastResponse.json;
  assert.ok(Array.isArray(list), `the scope list is not a JSON array: ${this.lastResponse.text.slice(0, 300)}`);
  this.remember('is-scopes:all', list.length);
});

Then('the scope list holds {int} scope(s)', function (this: ObWorld, n: number) {
  const list = this.lastResponse.json;
  assert.ok(Array.isArray(list), `the scope list is not a JSON array: ${this.lastResponse.text.slice(0, 300)}`);
  assert.equal(list.length, n, this.lastResponse.text.slice(0, 300));
});

When('the admin sends a scope with the Content-Type {string} and the body:', async function (this: ObWorld, type: string, body: string) {
  await this.send('none', 'POST', this.url('is', SCOPES), {
    headers: { accept: 'application/json', authorization: this.adminAuthorization(), 'content-type': type },
    body,
  });
});
