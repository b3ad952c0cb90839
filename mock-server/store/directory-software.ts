import type { Db } from './database.ts';

/** Software products the test directory issued for a test organisation beyond its own software id. */
export interface DirectorySoftware {
  softwareId: string;
  orgId: string;
  createdAt: number;
}

export class DirectorySoftwareTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Record a software id for an organisation; an existing id keeps its organisation. */
  add(softwareId: string, orgId: string, now: number): DirectorySoftware {
    this.#db.prepare('INSERT OR IGNORE INTO directory_software (software_id, org_id, created_at) VALUES (?, ?, ?)').run(softwareId, orgId, now);
    return this.get(softwareId)!;
  }

  /** How many software ids were issued for an organisation. */
  countFor(orgId: string): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM directory_software WHERE org_id = ?').get(orgId) as { n: number }).n;
  }

  get(softwareId: string): DirectorySoftware | undefined {
    const row = this.#db.prepare('SELECT software_id, org_id, created_at FROM directory_software WHERE software_id = ?').get(softwareId) as
      | { software_id: string; org_id: string; created_at: number }
      | undefined;
    return row ? { softwareId: row.software_id, orgId: row.org_id, createdAt: row.created_at } : undefined;
  }
}
