import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { fillTemplate } from './support/templates.ts';

/** Assertions on members of a JSON response body. */

const body = jsonObjectBody;

Then('the response has the member {string}', function (this: ObWorld, member: string) {
  assert.ok(member in body(this), `member ${member} is missing from ${this.lastResponse.text.slice(0, 300)}`);
});

Then('the response does not have the member {string}', function (this: ObWorld, member: string) {
  assert.ok(!(member in body(this)), `member ${member} should be absent`);
});

Then('the response member {string} is {string}', function (this: ObWorld, member: string, value: string) {
  assert.equal(body(this)[member], fillTemplate(this, value), `member ${member}`);
});

Then('the response member {string} is the JSON {string}', function (this: ObWorld, member: string, json: string) {
  assert.deepEqual(body(this)[member], JSON.parse(fillTemplate(this, json)), `member ${member}`);
});

Then('the response member {string} is a non-empty string', function (this: ObWorld, member: string) {
  const v = body(this)[member];
  assert.ok(typeof v === 'string' && v.length > 0, `member ${member} is ${JSON.stringify(v)}`);
});

Then('the response body is empty', function (this: ObWorld) {
  assert.equal(this.lastResponse.text, '', `body should be empty: ${this.lastResponse.text.slice(0, 200)}`);
});
