import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { SandboxContext } from '../context.ts';
import { loadTestPki, DEFAULT_PKI_DIR, type TestPki, type TppIdentity } from '../../pki/test-pki.ts';
import { softwareStatementClaims, signJwt, type SoftwareProduct, type SsaFlavour } from '../../pki/software-statements.ts';
import { directorySigningKey, softwareProductOf, TEST_TPPS, tppSigningJwks } from '../../pki/software-products.ts';

/**
 * The test directory: a stand-in for the UK Open Banking Directory and the CDR Register. It knows
 * the software products of the test PKI's organisations (tpp1, tpp2) and any further software id
 * issued for one of them, serves their signing JWKS and its own, and signs SSAs with the directory
 * key (certs/directory-signing.*). Everything is read from the test PKI on first use, so a sandbox
 * without certificates still starts.
 */
export const TEST_DIRECTORY_PATH = '/test-directory';

export function testDirectoryBase(ctx: SandboxContext): string {
  return `${ctx.urls.is}${TEST_DIRECTORY_PATH}`;
}

export interface KnownSoftware {
  product: SoftwareProduct;
  tpp: TppIdentity;
}

export const ssaFlavourOf = (ctx: SandboxContext): SsaFlavour => (ctx.config.profile === 'cdr' ? 'cdr' : 'uk');

/** The test directory issues at most `limit` further software ids per organisation. */
export class DirectoryLimitError extends Error {
  readonly orgId: string;
  readonly limit: number;
  constructor(orgId: string, limit: number) {
    super(`organisation ${orgId} has reached the test directory's limit of ${limit} software ids`);
    this.name = 'DirectoryLimitError';
    this.orgId = orgId;
    this.limit = limit;
  }
}

export class TestDirectory {
  readonly #ctx: SandboxContext;
  #pki: TestPki | undefined;
  /** Key sets by file, read once like the PKI itself: OB DCR clients' keys are looked up on every token request. */
  readonly #keySets = new Map<string, { keys: JWK[] }>();

  constructor(ctx: SandboxContext) {
    this.#ctx = ctx;
  }

  pki(): TestPki {
    return (this.#pki ??= loadTestPki(this.#ctx.config.obDcr.pkiDir || DEFAULT_PKI_DIR));
  }

  /** The directory's public keys (its JWKS endpoint). */
  jwks(): { keys: JWK[] } {
    return this.#keySet(this.pki().directory.jwks, () => JSON.parse(readFileSync(this.pki().directory.jwks, 'utf8')) as { keys: JWK[] });
  }

  #keySet(file: string, read: () => { keys: JWK[] }): { keys: JWK[] } {
    let set = this.#keySets.get(file);
    if (set === undefined) {
      set = read();
      this.#keySets.set(file, set);
    }
    return set;
  }

  organisation(orgId: string): TppIdentity | undefined {
    const pki = this.pki();
    return TEST_TPPS.map((t) => pki[t]).find((t) => t.orgId === orgId);
  }

  /** A software product the directory knows: a test TPP's own, or one issued later for its organisation. */
  software(softwareId: string, flavour: SsaFlavour = ssaFlavourOf(this.#ctx)): KnownSoftware | undefined {
    const pki = this.pki();
    const own = TEST_TPPS.map((t) => pki[t]).find((t) => t.softwareId === softwareId);
    const tpp = own ?? this.#issuedOrg(softwareId);
    if (!tpp) return undefined;
    return { tpp, product: softwareProductOf(tpp, testDirectoryBase(this.#ctx), flavour, softwareId) };
  }

  #issuedOrg(softwareId: string): TppIdentity | undefined {
    const row = this.#ctx.store.directorySoftware.get(softwareId);
    return row ? this.organisation(row.orgId) : undefined;
  }

  /**
   * Register a further software id for a test organisation (its keys are the organisation's), at
   * most `obDcr.maxSoftwarePerOrganisation` of them; the caller has checked who asks.
   */
  addSoftware(softwareId: string, orgId: string): KnownSoftware | undefined {
    if (!this.organisation(orgId)) return undefined;
    const existing = this.software(softwareId);
    if (existing) return existing.tpp.orgId === orgId ? existing : undefined;
    const store = this.#ctx.store;
    const limit = this.#ctx.config.obDcr.maxSoftwarePerOrganisation;
    return store.transaction(() => {
      if (store.directorySoftware.countFor(orgId) >= limit) throw new DirectoryLimitError(orgId, limit);
      store.directorySoftware.add(softwareId, orgId, this.#ctx.clock.nowSeconds());
      return this.software(softwareId);
    });
  }

  softwareJwks(softwareId: string): { keys: JWK[] } | undefined {
    const known = this.software(softwareId);
    return known ? this.#keySet(known.tpp.signingJwks, () => tppSigningJwks(known.tpp)) : undefined;
  }

  organisationJwks(orgId: string): { keys: JWK[] } | undefined {
    const tpp = this.organisation(orgId);
    return tpp ? this.#keySet(tpp.signingJwks, () => tppSigningJwks(tpp)) : undefined;
  }

  /** A fresh SSA for a known software product, signed with the directory key. */
  async issueStatement(known: KnownSoftware, flavour: SsaFlavour, lifetimeSeconds?: number): Promise<string> {
    const iat = this.#ctx.clock.nowSeconds();
    const exp = lifetimeSeconds === undefined ? undefined : iat + lifetimeSeconds;
    const claims = softwareStatementClaims(flavour, known.product, { iat, jti: randomUUID(), ...(exp !== undefined ? { exp } : {}) });
    return signJwt(claims, directorySigningKey(this.pki()));
  }
}

const directories = new WeakMap<SandboxContext, TestDirectory>();

/** The test directory of one sandbox instance. */
export function testDirectoryOf(ctx: SandboxContext): TestDirectory {
  let d = directories.get(ctx);
  if (!d) {
    d = new TestDirectory(ctx);
    directories.set(ctx, d);
  }
  return d;
}
