import type { ObWorld } from './world.ts';

/**
 * Fill `{{unique:<name>}}` placeholders in a doc string with names unique to the scenario,
 * `{{word:<name>}}` with the same name in word characters only (`-` as `_`, for patterns such as
 * Identity Server's client id), and `{{client_id:<name>}}` with the client id registered under
 * that logical name.
 */
export function fillTemplate(world: ObWorld, text: string): string {
  return text
    .replace(/\{\{unique:([A-Za-z0-9_-]+)\}\}/g, (_m, name: string) => world.unique(name))
    .replace(/\{\{word:([A-Za-z0-9_-]+)\}\}/g, (_m, name: string) => world.unique(name).replace(/\W/g, '_'))
    .replace(/\{\{client_id:([A-Za-z0-9_-]+)\}\}/g, (_m, name: string) => world.recall<{ client_id: string }>(`client:${name}`).client_id);
}
