import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { createSandbox } from '../mock-server/app.ts';
import { listen, type RunningSandbox } from '../mock-server/listeners.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';
import { loadTestPki } from '../pki/test-pki.ts';

/** A sandbox listening on ephemeral ports over HTTPS (its key manager calls cross real sockets). */
export async function runningSandbox(overrides: ConfigOverrides = {}): Promise<RunningSandbox> {
  const pki = loadTestPki();
  const ca = readFileSync(pki.ca.cert, 'utf8');
  const sandbox = await createSandbox({
    overrides: { database: ':memory:', ports: { is: 0, apim: 0, gateway: 0 }, ...overrides },
    trustedCaPems: [ca],
    log: process.env.OBC_TEST_LOG ? (m) => process.stderr.write(`[sandbox] ${m}\n`) : () => {},
  });
  return listen(sandbox, { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [ca] });
}

let agent: Agent | undefined;
function agentOf(): Agent {
  agent ??= new Agent({ connect: { ca: readFileSync(loadTestPki().ca.cert, 'utf8') } });
  return agent;
}

export interface Answer {
  status: number;
  text: string;
  json: any;
  headers: Record<string, string | string[] | undefined>;
}

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const ADMIN = basic('admin', 'admin');

export async function call(method: string, url: string, opts: { auth?: string | undefined; json?: unknown; form?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.auth) headers.authorization = opts.auth;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await request(url, { method: method as 'GET', headers, body, dispatcher: agentOf() });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, text, json, headers: res.headers };
}

/** An fsKeyManager (seed 000) or other type whose endpoints are an Identity Server at `is`. */
export function keyManagerAt(is: string, name: string, type = 'fsKeyManager'): Record<string, unknown> {
  const kmops = type === 'fsKeyManager' || type === 'WSO2-IS-7' ? `${is}/api/identity/oauth2/dcr/v1.1/register` : `${is}/keymanager-operations/dcr/register`;
  return {
    name, displayName: name, type, description: '', issuer: `${is}/oauth2/token`,
    clientRegistrationEndpoint: kmops, introspectionEndpoint: `${is}/oauth2/introspect`,
    tokenEndpoint: `${is}/oauth2/token`, revokeEndpoint: `${is}/oauth2/revoke`, userInfoEndpoint: `${is}/scim2/Me`,
    authorizeEndpoint: `${is}/oauth2/authorize`, scopeManagementEndpoint: `${is}/api/identity/oauth2/v1.0/scopes`,
    availableGrantTypes: ['client_credentials', 'refresh_token', 'authorization_code'],
    certificates: { type: 'JWKS', value: `${is}/oauth2/jwks` },
    additionalProperties: type === 'fsKeyManager' || type === 'WSO2-IS-7'
      ? { Username: 'admin', Password: 'admin', api_resource_management_endpoint: `${is}/api/server/v1/api-resources`, is7_roles_endpoint: `${is}/scim2/v2/Roles` }
      : { Username: 'admin', Password: 'admin' },
    enableTokenGeneration: true, enableMapOAuthConsumerApps: true, enableOAuthAppCreation: true, enableSelfValidationJWT: true,
    tokenValidation: [], claimMapping: [], consumerKeyClaim: '', scopesClaim: '', permissions: null, enabled: true, tokenType: 'DIRECT',
  };
}
