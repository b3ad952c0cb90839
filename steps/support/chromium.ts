import { existsSync } from 'node:fs';

/**
 * Where the harness finds Chromium (Debian's, driven by playwright-core, which never downloads a
 * browser of its own): OBC_CHROMIUM overrides the path, e.g. to a browser elsewhere or, in a
 * test, to a path that does not exist.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.OBC_CHROMIUM || env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export const CHROMIUM_INSTALL = 'sudo apt-get install chromium';

/** Why Chromium cannot be used, in one line with the install command; undefined when it is there. */
export function chromiumMissing(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = chromiumPath(env);
  return existsSync(path) ? undefined : `Chromium not found at ${path}: install it with \`${CHROMIUM_INSTALL}\` (Debian), or point OBC_CHROMIUM at one`;
}
