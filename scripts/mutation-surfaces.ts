/**
 * The one table of mutation-testing surfaces: each `mock-server/<folder>/` that `npm run mutation`
 * mutates, and the cucumber tag expression of the conformance scenarios that exercise it. A
 * mutant of a surface is tried only against these scenarios (on every embedded target), so a
 * surface whose code is also reached from other features may score lower here than the whole
 * suite would give it; widen its expression when a survivor turns out to be caught elsewhere.
 */
export interface MutationSurface {
  /** Folder under mock-server/. */
  folder: string;
  /** Cucumber tag expression of the scenarios that exercise the folder. */
  tags: string;
}

export const MUTATION_SURFACES: readonly MutationSurface[] = [
  { folder: 'jwks', tags: '@surface:jwks' },
  { folder: 'discovery', tags: '@surface:discovery' },
  // The scope API's rules (features/is-mgmt/scopes.feature), not the other is-mgmt surfaces.
  { folder: 'is-scopes', tags: '@surface:is-mgmt and (@rule:WSO2-ISMGMT-01 or @rule:WSO2-ISMGMT-02 or @rule:WSO2-ISMGMT-03 or @rule:WSO2-ISMGMT-04 or @rule:WSO2-ISMGMT-06)' },
  { folder: 'keymanager-operations', tags: '@surface:is-mgmt' },
  { folder: 'is-applications', tags: '@surface:is-mgmt' },
  { folder: 'api-resources', tags: '@surface:is-mgmt' },
  { folder: 'scim2-roles', tags: '@surface:is-mgmt' },
  { folder: 'apim-auth', tags: '@surface:apim' },
  { folder: 'apim-dcr', tags: '@surface:apim' },
  { folder: 'admin-key-managers', tags: '@surface:apim' },
  { folder: 'is-dcr', tags: '@surface:is-dcr or @surface:registration' },
  { folder: 'ob-dcr', tags: '@surface:ob-dcr' },
  { folder: 'directory', tags: '@surface:ob-dcr' },
  { folder: 'oauth2', tags: '@surface:token or @surface:authorize or @surface:userinfo or @surface:introspection or @surface:revocation or @surface:client-authentication' },
  { folder: 'security', tags: '@surface:token or @surface:client-authentication or @surface:ob-dcr or @surface:tls' },
  { folder: 'errors', tags: '@surface:errors or @surface:is-dcr or @surface:apim or @surface:token' },
  { folder: 'http', tags: '@surface:errors or @surface:is-dcr or @surface:ob-dcr' },
  { folder: 'keys', tags: '@surface:jwks or @surface:authorize' },
  // Every scenario writes through the store: the whole suite.
  { folder: 'store', tags: '' },
];

export function mutationSurface(folder: string): MutationSurface {
  const s = MUTATION_SURFACES.find((x) => x.folder === folder);
  if (!s) throw new Error(`no mutation surface "${folder}"; known: ${MUTATION_SURFACES.map((x) => x.folder).join(', ')}`);
  return s;
}
