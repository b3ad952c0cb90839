import { X509Certificate } from 'node:crypto';
import { genericInternalError } from '../errors/apim-exception-codes.ts';
import { DEVPORTAL_ERRORS, invalidAdditionalProperties } from './devportal-errors.ts';
import { applicationConfiguration } from './key-manager-access.ts';

/**
 * Generate-keys check 9 (apim-surface §4.6): the application configurations a key manager type
 * accepts, as each connector's `validateOAuthAppCreationProperties` checks them. Only run when
 * the request has `additionalProperties`.
 */
export type AppProperties = Record<string, string>;

const FLAGS = ['pkceMandatory', 'pkceSupportPlain', 'bypassClientCredentials', 'ext_pkce_mandatory', 'ext_pkce_support_plain', 'ext_public_client'];
const FS_FLAGS = ['ext_pkce_mandatory', 'ext_pkce_support_plain', 'ext_public_client'];
const FS_LIFETIMES = ['ext_application_token_lifetime', 'ext_user_token_lifetime', 'ext_refresh_token_lifetime', 'ext_id_token_lifetime'];
const OB_LIFETIMES = ['application_access_token_expiry_time', 'user_access_token_expiry_time', 'refresh_token_expiry_time', 'id_token_expiry_time'];

const NEGATIVE = 'Application configuration values cannot have negative values.';
const STRING = 'Application configuration values cannot have string values.';

const blank = (v: string) => v.trim() === '' || v === 'N/A';

/** `additionalProperties` as an object of strings (the portal sends strings; a JSON string is parsed). */
export function readAppProperties(raw: unknown, type: string): AppProperties | undefined {
  if (raw === undefined || raw === null) return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidAdditionalProperties(type === 'ObKeyManager' || type === 'fsKeyManager' ? 'Additional properties is not a valid JSON string' : STRING);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidAdditionalProperties(type === 'ObKeyManager' ? 'Additional properties is not a valid json object' : 'Additional properties is not a valid JSON string');
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** AbstractKeyManager.validateOAuthAppCreationProperties: every required field is present. */
export function checkRequiredProperties(props: AppProperties, type: string): void {
  const missing = applicationConfiguration(type).some((f) => f.required && (props[f.name] === undefined || props[f.name] === ''));
  if (missing) throw DEVPORTAL_ERRORS.requiredPropertiesMissing();
}

/** AMDefaultKeyManagerImpl / WSO2IS7KeyManager: every value a boolean flag or a non-negative integer. */
function checkDefaultValues(props: AppProperties): void {
  for (const [k, v] of Object.entries(props)) {
    if (blank(v)) continue;
    if (FLAGS.includes(k)) {
      // (sic) the product reports a bad flag with the "negative values" text.
      if (v !== 'true' && v !== 'false') throw invalidAdditionalProperties(NEGATIVE);
      continue;
    }
    if (!/^-?\d+$/.test(v.trim())) throw invalidAdditionalProperties(STRING);
    if (Number(v) < 0) throw invalidAdditionalProperties(NEGATIVE);
  }
}

/** OBKeyManagerImpl: only the lifetimes; toolkit attributes go to the (empty) extension. */
function checkObValues(props: AppProperties): void {
  for (const k of OB_LIFETIMES) {
    const v = props[k];
    if (v === undefined || blank(v)) continue;
    if (!/^-?\d+$/.test(v.trim())) throw invalidAdditionalProperties(STRING);
    if (Number(v) < 0) throw invalidAdditionalProperties(NEGATIVE);
  }
}

/** FSKeyManagerImpl.validateOAuthAppCreationProperties. */
function checkFsValues(props: AppProperties): void {
  for (const k of FS_FLAGS) {
    const v = props[k];
    if (v !== undefined && v !== 'true' && v !== 'false') {
      throw invalidAdditionalProperties(`Invalid value for ${k}. Expected boolean value, but found: ${v}`);
    }
  }
  for (const k of FS_LIFETIMES) {
    const v = props[k];
    if (v === undefined || blank(v)) continue;
    if (!/^-?\d+$/.test(v.trim())) throw invalidAdditionalProperties('Application configuration lifetime values cannot be parsed to a long value.');
    if (Number(v) < 0) throw invalidAdditionalProperties(NEGATIVE);
  }
}

export function checkPropertyValues(props: AppProperties, type: string, faults: { has(name: string): boolean }): void {
  if (type === 'fsKeyManager') checkFsValues(props);
  // Fault devp.ob-properties-checked-as-default: an ObKeyManager's values checked as AMDefaultKeyManagerImpl's.
  else if (type === 'ObKeyManager' && !faults.has('devp.ob-properties-checked-as-default')) checkObValues(props);
  else checkDefaultValues(props);
}

/**
 * FSKeyManagerUtil.validateCertificate (CertificateUtils.parseCertificate): a regulatory
 * application's `sp_certificate` is a parseable, unexpired X.509 certificate (PEM with or without
 * the BEGIN/END lines, or bare base64). Absent, unparseable or expired: 500 900953; blank: the
 * product's NullPointerException.
 */
export function checkRegulatoryCertificate(props: AppProperties, nowSeconds: number): void {
  if (props.regulatory !== 'true') return;
  const pem = props.sp_certificate;
  if (pem === undefined) throw DEVPORTAL_ERRORS.keyManagementError();
  if (pem.trim() === '') throw genericInternalError();
  const base64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\\n/g, '').replace(/\s+/g, '');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    throw DEVPORTAL_ERRORS.keyManagementError();
  }
  if (Date.parse(cert.validTo) / 1000 < nowSeconds) throw DEVPORTAL_ERRORS.keyManagementError();
}
