import { openDatabase, type Db } from './database.ts';
import { SigningKeyTable } from './signing-keys.ts';
import { ClientTable } from './clients.ts';
import { TokenTable } from './tokens.ts';
import { UsedJtiTable } from './used-jtis.ts';
import { AuthorizationCodeTable } from './authorization-codes.ts';
import { DirectorySoftwareTable } from './directory-software.ts';
import { ApimUserTable } from './apim-users.ts';
import { ApimOAuthAppTable } from './apim-oauth-apps.ts';
import { KeyManagerTable } from './key-managers.ts';
import { IsScopeTable } from './is-scopes.ts';
import { ApiResourceTable } from './api-resources.ts';
import { ScimRoleTable } from './scim-roles.ts';
import { IsApplicationTable } from './is-applications.ts';
import { DevportalTable } from './devportal.ts';

/** The sandbox's persistent state: one table module per table group. */
export class Store {
  readonly db: Db;
  readonly signingKeys: SigningKeyTable;
  readonly clients: ClientTable;
  readonly tokens: TokenTable;
  readonly usedJtis: UsedJtiTable;
  readonly authorizationCodes: AuthorizationCodeTable;
  readonly directorySoftware: DirectorySoftwareTable;
  readonly apimUsers: ApimUserTable;
  readonly apimOAuthApps: ApimOAuthAppTable;
  readonly keyManagers: KeyManagerTable;
  readonly isScopes: IsScopeTable;
  readonly apiResources: ApiResourceTable;
  readonly scimRoles: ScimRoleTable;
  readonly isApplications: IsApplicationTable;
  readonly devportal: DevportalTable;

  constructor(db: Db) {
    this.db = db;
    this.signingKeys = new SigningKeyTable(db);
    this.clients = new ClientTable(db);
    this.tokens = new TokenTable(db);
    this.usedJtis = new UsedJtiTable(db);
    this.authorizationCodes = new AuthorizationCodeTable(db);
    this.directorySoftware = new DirectorySoftwareTable(db);
    this.apimUsers = new ApimUserTable(db);
    this.apimOAuthApps = new ApimOAuthAppTable(db);
    this.keyManagers = new KeyManagerTable(db);
    this.isScopes = new IsScopeTable(db);
    this.apiResources = new ApiResourceTable(db);
    this.scimRoles = new ScimRoleTable(db);
    this.isApplications = new IsApplicationTable(db);
    this.devportal = new DevportalTable(db);
  }

  /** Run `fn` in one transaction: a failed request leaves nothing half-written. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Write and render the answer in one transaction: the JSON text of `answer(write())` is produced
   * before the commit, so a request whose answer cannot be produced writes nothing (an error answer
   * never follows a change of state).
   */
  commitWithAnswer<T>(write: () => T, answer: (written: T) => unknown): string {
    return this.transaction(() => JSON.stringify(answer(write())));
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
