import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { ApimError } from '../errors/apim-error.ts';
import { apimException, badRequest, genericInternalError, unauthenticated } from '../errors/apim-exception-codes.ts';
import { readApimJson } from '../http/apim-json-body.ts';
import { requireRestApiScope } from '../apim-auth/require-rest-api-scope.ts';
import { APIM_SYSTEM_ROLES, OPERATION_SCOPES } from '../apim-auth/rest-api-scopes.ts';
import type { KeyManagerRecord } from '../store/key-managers.ts';
import { endpointValue, ordered, readKeyManagerRequest, type KeyManagerDto } from './key-manager-dto.ts';
import { RESIDENT_KEY_MANAGER, connectorOf, endpointConfigurations, keyManagerConnectors, type ConnectorField } from './key-manager-types.ts';
import { isResident, withResidentDefaults } from './resident-key-manager.ts';
import { DiscoveryFailure, fetchWellKnown, keyManagerFromDiscovery } from './discover.ts';

export const ADMIN_BASE = '/api/am/admin/v4';
const MASK = '*****';

/** ResponseOutInterceptor: headers on every admin REST answer. */
const securityHeaders = (ctx: SandboxContext) => createMiddleware<SandboxEnv>(async (c, next) => {
  await next();
  if (ctx.faults.has('km.no-security-headers')) return;
  c.res.headers.set('x-content-type-options', 'nosniff');
  c.res.headers.set('x-xss-protection', '1; mode=block');
});

/**
 * Admin REST API v4, key managers and settings (admin-api.yaml; KeyManagersApiServiceImpl,
 * APIAdminImpl add/update/deleteKeyManagerConfiguration; apim-surface §3). Checks run in the
 * product's order and answer with its ExceptionCodes; its defects (a missing `enabled`, an
 * unreachable well-known URL) answer the generic 500 as it does (rules WSO2-KM-13, WSO2-KM-14).
 */
export function keyManagersApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const f = (name: Parameters<typeof ctx.faults.has>[0]) => ctx.faults.has(name);
  const manage = requireRestApiScope(ctx, OPERATION_SCOPES.keyManagersManage, unauthenticated);
  const operations = requireRestApiScope(ctx, OPERATION_SCOPES.keyManagersAdminOperations, unauthenticated);
  const settings = requireRestApiScope(ctx, OPERATION_SCOPES.adminSettings, unauthenticated);
  app.use(`${ADMIN_BASE}/*`, securityHeaders(ctx));

  const view = (r: KeyManagerRecord): KeyManagerDto => {
    if (!isResident(r)) return ordered(r.config);
    const dto = withResidentDefaults(ctx, r.config);
    return f('km.resident-no-token-handling') ? { ...dto, tokenValidation: [] } : dto;
  };

  /** APIAdminImpl.maskValues: connector fields declared `mask` read as *****. */
  const masked = (dto: KeyManagerDto): KeyManagerDto => {
    if (f('km.unmasked-secrets')) return dto;
    const additional = { ...((dto.additionalProperties as Record<string, unknown> | null) ?? {}) };
    for (const field of connectorOf(dto.type as string)?.configurations ?? []) {
      if (field.mask && additional[field.name] !== undefined) additional[field.name] = MASK;
    }
    return { ...dto, additionalProperties: additional };
  };

  const notFound = () => (f('km.plain-not-found') ? new ApimError(404, 'Not Found', 'Key Manager not found') : apimException('KEY_MANAGER_NOT_FOUND'));
  const find = (id: string): KeyManagerRecord => {
    const r = ctx.store.keyManagers.get(id);
    if (!r) throw notFound();
    return r;
  };

  /** KeyManagerMappingUtil + validations shared by create and update, in the product's order. */
  const readChecked = async (c: Context<SandboxEnv>): Promise<KeyManagerDto> => {
    const dto = readKeyManagerRequest(await readApimJson(c), ctx.faults);
    // setEnabled(Boolean null) unboxes: a NullPointerException the product answers with a 500.
    if (dto.enabled === null) {
      if (!f('km.missing-enabled-defaults-true')) throw genericInternalError();
      dto.enabled = true;
    }
    const roles = (dto.permissions as { roles: (string | null)[] }).roles;
    // A null role is not among the system roles either.
    if (!f('km.skip-role-check') && roles.some((r) => !APIM_SYSTEM_ROLES.includes(r as string))) {
      throw apimException('ROLE_DOES_NOT_EXIST');
    }
    return dto;
  };

  /** APIAdminImpl.validateKeyManagerConfiguration (tokenType other than EXCHANGED). */
  const validateConfiguration = (dto: KeyManagerDto, resident: boolean) => {
    if (dto.tokenType === 'EXCHANGED' || f('km.skip-required-configuration')) return;
    const connector = connectorOf(dto.type as string);
    if (!resident) {
      if (!connector && !f('km.accept-unknown-type')) throw apimException('INVALID_KEY_MANAGER_TYPE');
      const additional = dto.additionalProperties as Record<string, unknown>;
      // A required connection field must be present as a key; an empty value passes.
      for (const field of connector?.configurations ?? []) {
        if (field.required && !(field.name in additional)) throw apimException('REQUIRED_KEY_MANAGER_CONFIGURATION_MISSING');
      }
    }
    for (const field of connector?.endpointConfigurations ?? endpointConfigurations()) {
      const v = endpointValue(dto, field.name);
      if (field.required && (typeof v !== 'string' || v === '')) throw apimException('REQUIRED_KEY_MANAGER_CONFIGURATION_MISSING');
    }
  };

  const location = (id: string) => `${ctx.urls.apim}${ADMIN_BASE}/key-managers/${id}`;

  app.get(`${ADMIN_BASE}/key-managers`, manage, (c) => {
    const all = ctx.store.keyManagers.list();
    // getKeyManagerConfigurationsByOrganization moves the Resident Key Manager to the end.
    const ordering = f('km.resident-listed-first') ? [...all.filter(isResident), ...all.filter((r) => !isResident(r))] : [...all.filter((r) => !isResident(r)), ...all.filter(isResident)];
    const list = ordering.map((r) => {
      const dto = view(r);
      return { id: r.id, name: r.name, type: r.type, description: dto.description, enabled: dto.enabled, isGlobal: false, isUsed: false, tokenType: dto.tokenType };
    });
    return c.json({ count: list.length, list });
  });

  app.post(`${ADMIN_BASE}/key-managers/discover`, manage, async (c) => {
    const form = await c.req.parseBody().catch(() => {
      throw badRequest('Malformed request body.');
    });
    const url = typeof form.url === 'string' ? form.url : '';
    // `@Multipart(value = "type", required = false) String type` has no @DefaultValue: an absent
    // type is null (the OpenAPI default "false" is only the portal's); setType(type) answers it.
    const type = typeof form.type === 'string' ? form.type : null;
    if (url === '') return c.json({ valid: false, value: null });
    try {
      const doc = await fetchWellKnown(ctx, url);
      return c.json({ valid: true, value: keyManagerFromDiscovery(doc, url, type, f('km.discover-extra-fields')) });
    } catch (e) {
      // Stryker disable next-line ConditionalExpression: nothing else is thrown here, and an unmapped error is the same generic 500
      if (!(e instanceof DiscoveryFailure)) throw e;
      // Stryker disable next-line StringLiteral: a log line
      ctx.log(`discover: ${e.message}`);
      // The client's exception reaches GlobalThrowableMapper unmapped: the generic 500 (WSO2-KM-13).
      if (f('km.discover-failure-not-valid')) return c.json({ valid: false, value: null });
      throw genericInternalError();
    }
  });

  app.post(`${ADMIN_BASE}/key-managers`, manage, async (c) => {
    const dto = await readChecked(c);
    const name = dto.name as string;
    const id = randomUUID();
    ctx.store.transaction(() => {
      if (ctx.store.keyManagers.getByName(name)) {
        if (!f('km.allow-duplicate-name')) throw apimException('KEY_MANAGER_ALREADY_EXIST');
      }
      validateConfiguration(dto, name === RESIDENT_KEY_MANAGER);
      const stored = ordered({ ...dto, id });
      // The fault must still store a row: names are unique in the table.
      const rowName = ctx.store.keyManagers.getByName(name) ? `${name}#${id.slice(0, 6)}` : name;
      ctx.store.keyManagers.insert({ id, name: rowName, type: dto.type as string, config: stored }, ctx.clock.now());
    });
    const body = ordered({ ...dto, id });
    return f('km.create-200') ? c.json(body, 200) : c.json(body, 201, { location: location(id) });
  });

  app.get(`${ADMIN_BASE}/key-managers/:id`, manage, (c) => c.json(masked(view(find(c.req.param('id'))))));

  app.put(`${ADMIN_BASE}/key-managers/:id`, manage, async (c) => {
    const dto = await readChecked(c);
    const id = c.req.param('id');
    const updated = ctx.store.transaction(() => {
      const stored = find(id);
      if (dto.name !== stored.name && !f('km.rename-allowed')) throw badRequest("Key Manager name couldn't able to change");
      validateConfiguration(dto, isResident(stored));
      // A masked value sent back keeps the stored secret.
      const storedExtra = (stored.config.additionalProperties as Record<string, unknown> | null) ?? {};
      const additional = dto.additionalProperties as Record<string, unknown>;
      for (const [k, v] of Object.entries(additional)) if (v === MASK && k in storedExtra) additional[k] = storedExtra[k];
      if (f('km.update-ignores-enabled')) dto.enabled = view(stored).enabled;
      const next = ordered({ ...dto, id, name: isResident(stored) ? stored.name : dto.name });
      ctx.store.keyManagers.update(id, next.type as string, next);
      return { ...stored, config: next, type: next.type as string };
    });
    return c.json(masked(view(updated)));
  });

  app.delete(`${ADMIN_BASE}/key-managers/:id`, operations, (c) => {
    const r = find(c.req.param('id'));
    // 4.3+: the Resident Key Manager, or one an API or application uses, is refused with the literal %s.
    if (isResident(r) && !f('km.delete-resident')) throw apimException('KEY_MANAGER_DELETE_FAILED');
    ctx.store.keyManagers.delete(r.id);
    return c.body(null, 200);
  });

  app.get(`${ADMIN_BASE}/key-managers/:id/api-usages`, operations, (c) => {
    if (!f('km.usages-unknown-id-200')) find(c.req.param('id'));
    return c.json({ apiCount: 0, apis: [] });
  });

  app.get(`${ADMIN_BASE}/key-managers/:id/app-usages`, operations, (c) => {
    if (!f('km.usages-unknown-id-200')) find(c.req.param('id'));
    return c.json({ applicationCount: 0, applications: [] });
  });

  // SettingsMappingUtil: every installed connector except type "default".
  app.get(`${ADMIN_BASE}/settings`, settings, (c) => {
    const types = keyManagerConnectors().filter((k) => k.type !== 'default' || f('km.settings-lists-default'));
    // Fault km.settings-example-tooltips: the REST API's example text in place of the connector's.
    const tooltipsOf = (fields: ConnectorField[]) =>
      f('km.settings-example-tooltips') ? fields.map((c) => ({ ...c, tooltip: `Enter ${c.name} to connect to key manager` })) : fields;
    return c.json({
      scopes: ['apim:admin', 'apim:admin_operations', 'apim:admin_settings', 'apim:keymanagers_manage'],
      keyManagerConfiguration: types.map((k) => ({
        type: k.type,
        displayName: k.displayName,
        defaultConsumerKeyClaim: k.defaultConsumerKeyClaim,
        defaultScopesClaim: k.defaultScopesClaim,
        configurations: tooltipsOf(k.configurations),
        endpointConfigurations: tooltipsOf(k.endpointConfigurations),
      })),
      analyticsEnabled: false,
    });
  });

  return app;
}
