import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { REPO, type Ports } from './sandbox-process.ts';

/**
 * A target file for a sandbox this test started as a separate process: the shipped
 * sandbox-remote.json with the process's ports, changed as `edit` says, written to `dir`.
 */
export function writeRemoteTarget(dir: string, ports: Ports, edit: (t: Record<string, unknown>) => void = () => {}): string {
  const target = JSON.parse(readFileSync(join(REPO, 'fixtures/targets/sandbox-remote.json'), 'utf8')) as Record<string, unknown>;
  delete target.$schema;
  target.urls = { is: `https://localhost:${ports.is}`, apim: `https://localhost:${ports.apim}`, gateway: `https://localhost:${ports.gateway}` };
  target.tls = { ca: join(REPO, 'certs/ca.pem') };
  const obDcr = target.obDcr as { directory: { signingKey: string } };
  obDcr.directory.signingKey = join(REPO, obDcr.directory.signingKey);
  const jwtBearer = target.jwtBearer as { signingKey: string };
  jwtBearer.signingKey = join(REPO, jwtBearer.signingKey);
  edit(target);
  const path = join(dir, `${String(target.name)}.json`);
  writeFileSync(path, JSON.stringify(target, null, 2));
  return path;
}

/** An IS DCR v1.1 call as the bank's own admin makes it (not through the harness). */
export async function isDcr(isUrl: string, method: string, path: string, password: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(join(REPO, 'certs/ca.pem'), 'utf8') } });
  try {
    const res = await request(`${isUrl}/api/identity/oauth2/dcr/v1.1/register${path}`, {
      method: method as 'GET',
      dispatcher,
      headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } finally {
    await dispatcher.close();
  }
}
