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
