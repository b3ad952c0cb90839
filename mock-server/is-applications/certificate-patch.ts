import { unreadableBody } from './application-errors.ts';

/** ApplicationPatchModel.advancedConfigurations.certificate (Certificate: type PEM | JWKS, value). */
export interface CertificatePatch {
  type: 'PEM' | 'JWKS';
  value: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A String member as Jackson reads it: scalars as their text, null as absent; an object or array cannot map. */
function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') throw unreadableBody();
  return String(v);
}

/**
 * The certificate a PATCH sets, or undefined when it sets none. What the fsKeyManager sends for a
 * regulatory application (apim-surface §5.3 step 5): `{"advancedConfigurations":{"certificate":
 * {"type":"PEM","value":"<sp_certificate>"}}}`. A member the model cannot map (not an object) is
 * refused; `type` is a plain string in the model, and UpdateAdvancedConfigurations.updateCertificate
 * acts only on `PEM` and `JWKS` with a value (setIfNotNull): any other certificate changes nothing.
 */
export function readCertificatePatch(body: Record<string, unknown>): CertificatePatch | undefined {
  const advanced = body.advancedConfigurations;
  if (advanced === undefined || advanced === null) return undefined;
  if (!isObject(advanced)) throw unreadableBody();
  const certificate = advanced.certificate;
  if (certificate === undefined || certificate === null) return undefined;
  if (!isObject(certificate)) throw unreadableBody();
  const type = text(certificate.type);
  const value = text(certificate.value);
  if ((type !== 'PEM' && type !== 'JWKS') || value === undefined) return undefined;
  return { type, value };
}
