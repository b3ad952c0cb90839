import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireAdminBasic } from '../security/admin-basic.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { IsApiError } from '../errors/is-api-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import type { IsScope } from '../store/is-scopes.ts';

export const SCOPES_BASE = '/api/identity/oauth2/v1.0/scopes';

/** Oauth2ScopeConstants.ErrorMessages; `message` is the HTTP reason phrase (ScopeUtils). */
const badRequest = (code: string, description: string) => new IsApiError(400, code, 'Bad Request', description);
const notFound = (name: string) => new IsApiError(404, '41003', 'Not Found', `Scope ${name} is not found.`);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A query integer; undefined when absent or not an integer. */
const integer = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
};

/** Oauth2ScopeConstants.MAX_FILTER_COUNT: the page of a paginated listing without a count. */
const MAX_FILTER_COUNT = 30;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** ScopeDTO: role bindings are the DEFAULT binding type. */
function scopeDto(s: IsScope, faults: { has(name: string): boolean }) {
  return {
    name: s.name,
    displayName: s.displayName,
    description: s.description,
    bindings: s.bindings,
    // Fault ismgmt.scope-without-scope-bindings: the role bindings are not repeated as a DEFAULT scope binding.
    scopeBindings: s.bindings.length && !faults.has('ismgmt.scope-without-scope-bindings') ? [{ bindingType: 'DEFAULT', binding: s.bindings }] : [],
  };
}

/**
 * Identity Server OAuth2 scope API v1.0 (identity-inbound-auth-oauth ScopesApiServiceImpl,
 * ScopeUtils, OAuth2ScopeService.validateScope; apim-surface §5.4): what the `default`,
 * `WSO2-IS` and `ObKeyManager` key managers call when APIs with local scopes are published.
 */
export function scopesApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const f = (name: Parameters<typeof ctx.faults.has>[0]) => ctx.faults.has(name);
  const unauthorized = () =>
    new StatusOnlyError(
      401,
      // Stryker disable next-line StringLiteral: equivalent, a status-only error's reason never reaches the wire
      'admin authentication failed',
      { 'www-authenticate': 'Basic realm="WSO2 Identity Server"' },
    );
  if (!f('ismgmt.no-admin-auth')) app.use(`${SCOPES_BASE}/*`, requireAdminBasic(ctx, unauthorized));
  const read = (c: Context<SandboxEnv>) => readJsonObject(c, (d, status) => new IsApiError(status ?? 400, '41000', 'Bad Request', d));

  const find = (name: string): IsScope => {
    const s = ctx.store.isScopes.get(name);
    if (!s) throw ctx.faults.has('ismgmt.unknown-scope-empty-404') ? new StatusOnlyError(404, 'scope not found') : notFound(name);
    return s;
  };

  app.post(SCOPES_BASE, async (c) => {
    const body = await read(c);
    const name = str(body.name) ?? '';
    const displayName = str(body.displayName) ?? '';
    if (!f('ismgmt.unchecked-scope-names')) {
      if (name.trim() === '') throw badRequest('41001', 'Scope Name is not specified.');
      if (displayName.trim() === '') throw badRequest('41002', 'Scope Display Name is not specified.');
      if (/\s/.test(name)) throw badRequest('41006', `Scope name: ${name} contains white spaces.`);
      if (/[?#/()]/.test(name)) throw badRequest('41011', `Invalid scope name. Scope name ${name} cannot contain special characters ?,#,/,( or )`);
      // Internal scopes belong to the server; the caller may not add them (41008 maps to 400).
      if (name.startsWith('internal_')) throw badRequest('41008', `User ${ctx.config.admin.username} is not authorized to add internal scopes`);
    }
    const scope: IsScope = { name, displayName, description: str(body.description) ?? null, bindings: list(body.bindings) };
    ctx.store.transaction(() => {
      if (ctx.store.isScopes.get(name)) {
        if (!f('ismgmt.duplicate-scope-400')) throw new IsApiError(409, '41004', 'Conflict', `Scope with the name ${name} already exists in the system. Please use a different scope name.`);
        throw badRequest('41004', `Scope with the name ${name} already exists in the system. Please use a different scope name.`);
      }
      ctx.store.isScopes.insert(scope);
    });
    return c.json(scopeDto(scope, ctx.faults), 201, { location: `${ctx.urls.is}${SCOPES_BASE}/name/${encodeURIComponent(name)}` });
  });

  /**
   * OAuth2ScopeService.getTenantScopes: every scope without `startIndex` and `count`; with either,
   * listScopesWithPagination: `startIndex` counts from 1 (below 1 is 1), `count` scopes at most
   * (none or below 0: MAX_FILTER_COUNT). Fault ismgmt.scope-list-zero-based: from 0, count 0 as none.
   */
  app.get(SCOPES_BASE, (c) => {
    const startIndex = integer(c.req.query('startIndex'));
    const count = integer(c.req.query('count'));
    if (startIndex === undefined && count === undefined) return c.json(ctx.store.isScopes.list(0, -1).map((x) => scopeDto(x, ctx.faults)));
    const offset = f('ismgmt.scope-list-zero-based') ? Math.max(0, startIndex ?? 0) : Math.max(1, startIndex ?? 1) - 1;
    const limit = count === undefined || count < 0 || (count === 0 && f('ismgmt.scope-list-zero-based')) ? MAX_FILTER_COUNT : count;
    return c.json(ctx.store.isScopes.list(offset, limit).map((x) => scopeDto(x, ctx.faults)));
  });

  // HEAD (200 or 404, WSO2-ISMGMT-01) is this GET without a body: Hono dispatches every HEAD as GET.
  app.get(`${SCOPES_BASE}/name/:name`, (c) => c.json(scopeDto(find(c.req.param('name')), ctx.faults)));

  app.put(`${SCOPES_BASE}/name/:name`, async (c) => {
    const stored = find(c.req.param('name'));
    const body = await read(c);
    const displayName = str(body.displayName) ?? '';
    if (displayName.trim() === '' && !f('ismgmt.unchecked-scope-names')) throw badRequest('41002', 'Scope Display Name is not specified.');
    const next: IsScope = { name: stored.name, displayName: displayName || stored.displayName, description: str(body.description) ?? null, bindings: list(body.bindings) };
    ctx.store.isScopes.update(next);
    return c.json(scopeDto(next, ctx.faults));
  });

  app.delete(`${SCOPES_BASE}/name/:name`, (c) => {
    const name = c.req.param('name');
    find(name);
    if (!f('ismgmt.delete-keeps-scope')) ctx.store.isScopes.delete(name);
    return c.body(null, f('ismgmt.delete-scope-204') ? 204 : 200);
  });
  return app;
}
