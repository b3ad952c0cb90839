import type { Hono } from 'hono';
import type { SandboxEnv } from '../context.ts';

/** Mount each sub-app at the root of `app`: the sub-apps name their full paths. */
export function mount(app: Hono<SandboxEnv>, ...subApps: Hono<SandboxEnv>[]): Hono<SandboxEnv> {
  // Stryker disable next-line StringLiteral: Hono's mergePath joins '' and '/' to the same base.
  for (const sub of subApps) app.route('/', sub);
  return app;
}
