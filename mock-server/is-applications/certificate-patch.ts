import { invalidRequestBody } from './application-errors.ts';

/** ApplicationPatchModel.advancedConfigurations.certificate (Certificate: type PEM | JWKS, value). */
export interface CertificatePatch {
  type: 'PEM' | 'JWKS';
  value: string;
}

const UNREADABLE = 'Provided request body content is not in the expected format.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The certificate a PATCH sets, or undefined when it sets none. What the fsKeyManager sends for a
 * regulatory application (apim-surface §5.3 step 5): `{"advancedConfigurations":{"certificate":
 * {"type":"PEM","value":"<sp_certificate>"}}}`. A certificate the model cannot hold is refused.
 */
export function readCertificatePatch(body: Record<string, unknown>): CertificatePatch | undefined {
  const advanced = body.advancedConfigurations;
  if (advanced === undefined || advanced === null) return undefined;
  if (!isObject(advanced)) throw invalidRequestBody(UNREADABLE);
  const certificate = advanced.certificate;
  if (certificate === undefined || certificate === null) return undefined;
  if (!isObject(certificate) || (certificate.type !== 'PEM' && certificate.type !== 'JWKS') || typeof certificate.value !== 'string') {
    throw invalidRequestBody(UNREADABLE);
  }
  return { type: certificate.type, value: certificate.value };
}
