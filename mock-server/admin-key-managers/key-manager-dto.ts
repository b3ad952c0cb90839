import { badRequest, validationError } from '../errors/apim-exception-codes.ts';
import { refuseUnknownProperties } from '../http/apim-json-body.ts';
import { connectorOf } from './key-manager-types.ts';
import type { Faults } from '../faults.ts';

/**
 * The admin v4 `KeyManager` object (admin-api.yaml; DTO defaults of KeyManagerDTO.java;
 * KeyManagerMappingUtil, apim-surface §3.1): reading a request the way Jackson and bean
 * validation do, and writing it back in the product's member order with nulls kept.
 */
export type KeyManagerDto = Record<string, unknown>;

/** The DTO's members in the order the product serializes them. */
export const KEY_MANAGER_MEMBERS = [
  'id', 'name', 'displayName', 'type', 'description', 'wellKnownEndpoint', 'introspectionEndpoint',
  'clientRegistrationEndpoint', 'tokenEndpoint', 'displayTokenEndpoint', 'revokeEndpoint', 'displayRevokeEndpoint',
  'userInfoEndpoint', 'authorizeEndpoint', 'endpoints', 'certificates', 'issuer', 'alias', 'scopeManagementEndpoint',
  'availableGrantTypes', 'enableTokenGeneration', 'enableTokenEncryption', 'enableTokenHashing',
  'enableMapOAuthConsumerApps', 'enableOAuthAppCreation', 'enableSelfValidationJWT', 'claimMapping',
  'consumerKeyClaim', 'scopesClaim', 'tokenValidation', 'enabled', 'global', 'additionalProperties', 'permissions', 'tokenType',
] as const;

const STRING_MEMBERS = [
  'id', 'name', 'displayName', 'type', 'description', 'wellKnownEndpoint', 'introspectionEndpoint', 'clientRegistrationEndpoint',
  'tokenEndpoint', 'displayTokenEndpoint', 'revokeEndpoint', 'displayRevokeEndpoint', 'userInfoEndpoint', 'authorizeEndpoint',
  'issuer', 'alias', 'scopeManagementEndpoint', 'consumerKeyClaim', 'scopesClaim',
] as const;

/** Endpoint members and the endpoint names (`endpoints[].name`) that stand for them. */
export const ENDPOINT_MEMBERS: Readonly<Record<string, string>> = {
  client_registration_endpoint: 'clientRegistrationEndpoint',
  introspection_endpoint: 'introspectionEndpoint',
  token_endpoint: 'tokenEndpoint',
  display_token_endpoint: 'displayTokenEndpoint',
  revoke_endpoint: 'revokeEndpoint',
  display_revoke_endpoint: 'displayRevokeEndpoint',
  userinfo_endpoint: 'userInfoEndpoint',
  authorize_endpoint: 'authorizeEndpoint',
  scope_endpoint: 'scopeManagementEndpoint',
  well_known_endpoint: 'wellKnownEndpoint',
};

const disallowed = () => badRequest('One or more request body parameters contain disallowed values.');

/** Jackson's scalar coercion to String. */
function asString(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw disallowed();
}

function asBoolean(v: unknown, dflt: boolean | null): boolean | null {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw disallowed();
}

/** A generated enum's fromValue: an unknown value becomes null. */
const asEnum = <T extends string>(v: unknown, values: readonly T[]): T | null => (values.includes(v as T) ? (v as T) : null);

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw disallowed();
  return v;
}

function asObject(v: unknown): Record<string, unknown> | null {
  if (v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw disallowed();
  // JSON null passes the test above (typeof null is 'object') and reads as absent.
  return v as Record<string, unknown> | null;
}

/**
 * Read a create/update body into the stored form: Jackson binding (unknown members refused),
 * then bean validation (`@NotNull`, `@Size`). `enabled` is left as sent: its absence is the
 * product's NullPointerException, which the caller reproduces. The fault switches are read where
 * they act (km.lenient-json, km.strict-json-scalars, km.endpoints-unvalidated, km.absent-flags-true).
 */
export function readKeyManagerRequest(body: Record<string, unknown>, faults: Faults): KeyManagerDto {
  if (!faults.has('km.lenient-json')) refuseUnknownProperties(body, KEY_MANAGER_MEMBERS);
  if (faults.has('km.strict-json-scalars') && STRING_MEMBERS.some((k) => typeof body[k] === 'number' || typeof body[k] === 'boolean')) throw disallowed();
  const dto: KeyManagerDto = {};
  for (const k of STRING_MEMBERS) dto[k] = asString(body[k]);

  const violations: { property: string; message: string }[] = [];
  const size = (property: string, min: number, max: number, required: boolean) => {
    const v = dto[property] as string | null;
    if (v === null) {
      if (required) violations.push({ property, message: 'must not be null' });
    } else if (v.length < min || v.length > max) {
      violations.push({ property, message: `size must be between ${min} and ${max}` });
    }
  };
  size('name', 1, 100, true);
  size('displayName', 0, 100, false);
  size('type', 1, 45, true);
  size('description', 0, 256, false);

  const endpoints = asArray(body.endpoints).map((e, i) => {
    const o = asObject(e) ?? {};
    const name = asString(o.name);
    const value = asString(o.value);
    if (faults.has('km.endpoints-unvalidated')) return { name, value };
    if (name === null) violations.push({ property: `endpoints[${i}].name`, message: 'must not be null' });
    if (value === null) violations.push({ property: `endpoints[${i}].value`, message: 'must not be null' });
    return { name, value };
  });
  if (violations.length > 0 && !faults.has('km.lenient-json')) throw validationError(violations);

  const additional: Record<string, unknown> = { ...(asObject(body.additionalProperties) ?? {}) };
  // `endpoints[]` merges into the endpoint map; it is never answered back (GET shows []).
  for (const { name, value } of endpoints) {
    if (name === null || value === null) continue;
    const member = ENDPOINT_MEMBERS[name];
    if (member) dto[member] = value;
    else additional[name] = value;
  }
  dto.endpoints = [];

  const cert = asObject(body.certificates);
  dto.certificates = cert ? { type: asEnum(cert.type, ['JWKS', 'PEM'] as const), value: asString(cert.value) } : null;
  dto.availableGrantTypes = asArray(body.availableGrantTypes).map((g) => asString(g));
  dto.enableTokenGeneration = asBoolean(body.enableTokenGeneration, null);
  dto.enableTokenEncryption = asBoolean(body.enableTokenEncryption, false);
  dto.enableTokenHashing = asBoolean(body.enableTokenHashing, false);
  dto.enableMapOAuthConsumerApps = asBoolean(body.enableMapOAuthConsumerApps, faults.has('km.absent-flags-true'));
  dto.enableOAuthAppCreation = asBoolean(body.enableOAuthAppCreation, faults.has('km.absent-flags-true'));
  dto.enableSelfValidationJWT = asBoolean(body.enableSelfValidationJWT, true);
  dto.claimMapping = asArray(body.claimMapping).map((m) => {
    const o = asObject(m) ?? {};
    return { remoteClaim: asString(o.remoteClaim), localClaim: asString(o.localClaim) };
  });
  // Claims sent empty are not stored, so the connector's defaults are answered (validateKeyManagerConfiguration).
  const connector = connectorOf(dto.type as string);
  if (!dto.consumerKeyClaim) dto.consumerKeyClaim = connector?.defaultConsumerKeyClaim ?? 'azp';
  if (!dto.scopesClaim) dto.scopesClaim = connector?.defaultScopesClaim ?? 'scope';
  dto.tokenValidation = asArray(body.tokenValidation).map((t) => {
    const o = asObject(t) ?? {};
    return {
      id: o.id === undefined || o.id === null ? null : Number(o.id),
      enable: asBoolean(o.enable, true),
      type: asEnum(o.type, ['REFERENCE', 'JWT', 'CUSTOM'] as const),
      value: o.value ?? null,
    };
  });
  dto.enabled = asBoolean(body.enabled, null);
  dto.global = false;
  // toKeyManagerDTO copies self_validate_jwt to enableSelfValidationJWT without removing it.
  additional.self_validate_jwt = dto.enableSelfValidationJWT;
  dto.additionalProperties = additional;
  const permissions = asObject(body.permissions);
  dto.permissions = {
    permissionType: permissions ? (asEnum(permissions.permissionType, ['PUBLIC', 'ALLOW', 'DENY'] as const) ?? 'PUBLIC') : 'PUBLIC',
    roles: permissions ? asArray(permissions.roles).map((r) => asString(r)) : [],
  };
  dto.tokenType = body.tokenType === undefined ? 'DIRECT' : asEnum(body.tokenType, ['DIRECT', 'EXCHANGED', 'BOTH'] as const);
  return dto;
}

/** The DTO in the product's member order. */
export function ordered(dto: KeyManagerDto): KeyManagerDto {
  const out: KeyManagerDto = {};
  for (const k of KEY_MANAGER_MEMBERS) out[k] = dto[k] ?? null;
  return out;
}

/** The value stored for an endpoint name, from its member or `additionalProperties`. */
export function endpointValue(dto: KeyManagerDto, name: string): unknown {
  const member = ENDPOINT_MEMBERS[name];
  // Read from a body readKeyManagerRequest made: additionalProperties is always an object.
  return member ? dto[member] : (dto.additionalProperties as Record<string, unknown>)[name];
}
