import assert from 'node:assert/strict';
import { Then, When, type DataTable } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { addKeyManager, fill, importWellKnown, keyManagerId, seed000KeyManager } from './apim.steps.ts';

/**
 * Admin v4 key managers: what the DTO, the list and the discover answer hold member by member
 * (rules WSO2-KM-02, -04, -12, -19 to -22). The shared key manager steps are in apim.steps.ts.
 */

type Json = Record<string, unknown>;
const RESIDENT = 'Resident Key Manager';

When('the admin adds the seed 000 fsKeyManager {string} with a name of {int} characters', async function (this: ObWorld, name: string, length: number) {
  const config = seed000KeyManager(this, name);
  const unique = this.unique(name);
  assert.ok(length === 0 || unique.length <= length, `the unique name ${unique} is longer than ${length}`);
  config.name = length === 0 ? '' : unique.padEnd(length, 'x');
  await addKeyManager(this, name, config);
});

When('the admin adds the seed 000 fsKeyManager {string} with the members {string} sent as null', async function (this: ObWorld, name: string, members: string) {
  const config = seed000KeyManager(this, name);
  for (const m of members.split(',')) config[m.trim()] = null;
  await addKeyManager(this, name, config);
});

When('the admin imports the well-known URL {string} without a type', async function (this: ObWorld, url: string) {
  await importWellKnown(this, fill(this, url));
});

When('the admin imports the Identity Server\'s well-known URL without a type', async function (this: ObWorld) {
  await importWellKnown(this, this.url('is', this.target.path('discovery')));
});

Then('the key manager list has the Resident Key Manager once', function (this: ObWorld) {
  const list = jsonObjectBody(this).list as Json[];
  assert.equal(list.filter((k) => k.name === RESIDENT).length, 1, `list: ${list.map((k) => k.name).join(', ')}`);
});

Then('the key manager list shows {string} as neither global nor used', function (this: ObWorld, name: string) {
  const entry = (jsonObjectBody(this).list as Json[]).find((k) => k.id === keyManagerId(this, name));
  assert.ok(entry, `key manager ${name} is not listed`);
  // KeyManagerInfo has isGlobal and isUsed from API Manager 4.3 on (apim-surface §3.2).
  if ((this.target.file.product?.apim ?? '4.4') === '4.2') {
    assert.ok(!('isGlobal' in entry) && !('isUsed' in entry), JSON.stringify(entry));
  } else {
    assert.deepEqual({ isGlobal: entry.isGlobal, isUsed: entry.isUsed }, { isGlobal: false, isUsed: false });
  }
});

Then('the response member {string} has the path {string}', function (this: ObWorld, member: string, path: string) {
  const v = jsonObjectBody(this)[member];
  assert.equal(typeof v, 'string', `${member}: ${JSON.stringify(v)}`);
  const url = new URL(v as string);
  assert.equal(url.pathname + url.search, path, member);
});

/** A `ConfigurationDto` list as a table gives it (`values` as JSON), and as the settings answer it. */
const configurationRows = (table: DataTable) => table.hashes().map((r) => ({
  name: r.name, label: r.label, type: r.type, required: r.required === 'true', mask: r.mask === 'true', multiple: r.multiple === 'true',
  tooltip: r.tooltip, default: r.default, values: JSON.parse(r.values!) as unknown,
}));
const configurationsOf = (list: unknown) => (list as Json[]).map((c) => ({
  name: c.name, label: c.label, type: c.type, required: c.required, mask: c.mask, multiple: c.multiple, tooltip: c.tooltip, default: c.default, values: c.values,
}));

function settingsConnector(world: ObWorld, type: string): Json {
  const connector = (jsonObjectBody(world).keyManagerConfiguration as Json[]).find((k) => k.type === type);
  assert.ok(connector, `no connector ${type} in the settings`);
  return connector;
}

/**
 * apim-surface §3.9-3.10 (WSO2-KM-16): a connector's connection configurations in `GET /settings`,
 * in order, each `ConfigurationDto` member as the table gives it.
 */
Then('the settings give the connector {string}, displayed as {string}, the connection configurations:', function (this: ObWorld, type: string, displayName: string, table: DataTable) {
  const connector = settingsConnector(this, type);
  assert.equal(connector.displayName, displayName, 'displayName');
  assert.deepEqual(configurationsOf(connector.configurations), configurationRows(table));
});

/** WSO2-KM-16: the endpoint configurations, in order (KeyManagerConnectorConfiguration.getEndpointConfigurations). */
Then('the settings give the connector {string} the endpoint configurations:', function (this: ObWorld, type: string, table: DataTable) {
  assert.deepEqual(configurationsOf(settingsConnector(this, type).endpointConfigurations), configurationRows(table));
});
