import assert from 'node:assert/strict';
import type { ObWorld } from './world.ts';

/** The last response's body as a JSON object; anything else fails the step, naming what came. */
export function jsonObjectBody(world: ObWorld): Record<string, unknown> {
  const json = world.lastResponse.json;
  assert.ok(json && typeof json === 'object' && !Array.isArray(json), `body is not a JSON object (${world.lastResponse.status}): ${world.lastResponse.text.slice(0, 300)}`);
  return json as Record<string, unknown>;
}
