import type { ObWorld } from './world.ts';

/**
 * Fill `{{unique:<name>}}` placeholders in a doc string with names unique to the scenario, and
 * `{{client_id:<name>}}` with the client id registered under that logical name.
 */
export function fillTemplate(world: ObWorld, text: string): string {
  return text
    .replace(/\{\{unique:([A-Za-z0-9_-]+)\}\}/g, (_m, name: string) => world.unique(name))
    .replace(/\{\{client_id:([A-Za-z0-9_-]+)\}\}/g, (_m, name: string) => world.recall<{ client_id: string }>(`client:${name}`).client_id);
}
