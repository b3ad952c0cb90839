/**
 * Versioned schema migrations. Append only: a released migration is never edited, a change is a
 * new entry. Each runs in its own transaction together with its row in schema_migrations.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sandbox signing keys',
    sql: `
      CREATE TABLE signing_keys (
        kid         TEXT PRIMARY KEY,
        alg         TEXT NOT NULL,
        private_jwk TEXT NOT NULL,
        public_jwk  TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'OAuth clients, tokens and single-use JWT ids',
    sql: `
      CREATE TABLE clients (
        client_id          TEXT PRIMARY KEY,
        client_name        TEXT NOT NULL UNIQUE,
        -- SHA-256 of the secret: verification never needs the secret itself.
        client_secret_hash TEXT,
        -- Kept only where the product shows the secret again (IS DCR GET does).
        client_secret      TEXT,
        software_id        TEXT,
        metadata           TEXT NOT NULL,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL
      );
      CREATE INDEX clients_software_id ON clients (software_id);

      CREATE TABLE tokens (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        client_id   TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
        subject     TEXT NOT NULL,
        scope       TEXT NOT NULL,
        cnf_x5t     TEXT,
        grant_id    TEXT NOT NULL,
        parent_id   TEXT,
        issued_at   INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        revoked_at  INTEGER
      );
      CREATE INDEX tokens_client ON tokens (client_id);
      CREATE INDEX tokens_grant ON tokens (grant_id);

      CREATE TABLE used_jtis (
        namespace  TEXT NOT NULL,
        jti        TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, jti)
      );
    `,
  },
  {
    version: 3,
    name: 'authorization codes',
    sql: `
      -- RFC 6749 §4.1.2: a short-lived, single-use code bound to the client and redirect URI.
      CREATE TABLE authorization_codes (
        -- SHA-256 of the code: the database never holds a redeemable value.
        id                    TEXT PRIMARY KEY,
        client_id             TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
        subject               TEXT NOT NULL,
        redirect_uri          TEXT NOT NULL,
        scope                 TEXT NOT NULL,
        nonce                 TEXT,
        code_challenge        TEXT,
        code_challenge_method TEXT,
        grant_id              TEXT NOT NULL,
        issued_at             INTEGER NOT NULL,
        expires_at            INTEGER NOT NULL,
        used_at               INTEGER
      );
      CREATE INDEX authorization_codes_client ON authorization_codes (client_id);
    `,
  },
  {
    version: 4,
    name: 'test directory software products',
    sql: `
      -- Software products the test directory issued beyond the test PKI's own (same org keys).
      CREATE TABLE directory_software (
        software_id TEXT PRIMARY KEY,
        org_id      TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'API Manager control plane: users, REST API clients and tokens, key managers',
    sql: `
      -- APIM's own user store: the admin comes from configuration; TPPs (self sign-up) land here.
      CREATE TABLE apim_users (
        username      TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        roles         TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );

      -- OAuth apps of APIM DCR v0.17 (clients of the REST APIs), in APIM's own identity store.
      CREATE TABLE apim_oauth_apps (
        client_id     TEXT PRIMARY KEY,
        client_name   TEXT NOT NULL UNIQUE,
        client_secret TEXT NOT NULL,
        owner         TEXT NOT NULL,
        grant_types   TEXT NOT NULL,
        callback_url  TEXT,
        saas          INTEGER NOT NULL,
        token_type    TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );

      -- REST API access tokens issued at the APIM listener's /oauth2/token (SHA-256 of the token).
      CREATE TABLE apim_tokens (
        token_hash TEXT PRIMARY KEY,
        client_id  TEXT NOT NULL REFERENCES apim_oauth_apps (client_id) ON DELETE CASCADE,
        username   TEXT NOT NULL,
        scope      TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );

      -- Admin v4 key managers; the KeyManager DTO as stored (secrets included) in config.
      CREATE TABLE key_managers (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        type       TEXT NOT NULL,
        config     TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'Identity Server management: OAuth2 scopes, API resources, roles, application extras',
    sql: `
      -- OAuth2 scope API v1.0 (default / WSO2-IS / ObKeyManager key managers).
      CREATE TABLE is_scopes (
        name         TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        description  TEXT,
        bindings     TEXT NOT NULL
      );

      -- IS 7 API resources and their scopes (WSO2-IS-7 / fsKeyManager key managers).
      CREATE TABLE api_resources (
        id                     TEXT PRIMARY KEY,
        identifier             TEXT NOT NULL UNIQUE,
        name                   TEXT NOT NULL,
        description            TEXT,
        requires_authorization INTEGER NOT NULL
      );
      CREATE TABLE api_resource_scopes (
        id           TEXT PRIMARY KEY,
        resource_id  TEXT NOT NULL REFERENCES api_resources (id) ON DELETE CASCADE,
        name         TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        description  TEXT
      );

      -- SCIM2 Roles v2.
      CREATE TABLE scim_roles (
        id           TEXT PRIMARY KEY,
        display_name TEXT NOT NULL UNIQUE,
        permissions  TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );

      -- The IS application behind an OAuth client (/api/server/v1/applications): id and the
      -- advanced configurations the fsKeyManager patches (certificate).
      CREATE TABLE is_applications (
        app_id      TEXT PRIMARY KEY,
        client_id   TEXT NOT NULL UNIQUE REFERENCES clients (client_id) ON DELETE CASCADE,
        certificate TEXT
      );
    `,
  },
  {
    version: 7,
    name: 'Developer portal: applications, subscriptions, key mappings',
    sql: `
      -- Devportal applications (AM_APPLICATION). Uniqueness rules (name per owner, case-insensitively;
      -- one subscription per API; one mapping per key type and key manager) are the portal's checks.
      CREATE TABLE devportal_applications (
        id                TEXT PRIMARY KEY,
        name              TEXT NOT NULL,
        owner             TEXT NOT NULL,
        throttling_policy TEXT NOT NULL,
        description       TEXT,
        token_type        TEXT NOT NULL,
        attributes        TEXT NOT NULL,
        groups_json       TEXT NOT NULL,
        status            TEXT NOT NULL,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
      );
      CREATE INDEX devportal_applications_owner_name ON devportal_applications (owner, lower(name));

      -- Subscriptions (AM_SUBSCRIPTION).
      CREATE TABLE devportal_subscriptions (
        id                TEXT PRIMARY KEY,
        application_id    TEXT NOT NULL REFERENCES devportal_applications (id) ON DELETE CASCADE,
        api_id            TEXT NOT NULL,
        throttling_policy TEXT NOT NULL,
        status            TEXT NOT NULL,
        created_at        INTEGER NOT NULL
      );
      CREATE INDEX devportal_subscriptions_application ON devportal_subscriptions (application_id, api_id);

      -- Key mappings (AM_APPLICATION_KEY_MAPPING): consumer key null while a generation is half done.
      CREATE TABLE devportal_key_mappings (
        id             TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES devportal_applications (id) ON DELETE CASCADE,
        key_type       TEXT NOT NULL,
        key_manager_id TEXT NOT NULL,
        consumer_key   TEXT,
        create_mode    TEXT NOT NULL,
        state          TEXT NOT NULL,
        app_info       TEXT,
        created_at     INTEGER NOT NULL
      );
      CREATE INDEX devportal_key_mappings_application ON devportal_key_mappings (application_id, key_type, key_manager_id);
      CREATE INDEX devportal_key_mappings_consumer_key ON devportal_key_mappings (key_manager_id, consumer_key);
    `,
  },
  {
    version: 8,
    name: 'Identity Server application SP properties (fsKeyManager additionalAttributes)',
    sql: `
      -- advancedConfigurations.additionalSpProperties of the IS application, as set by an IS DCR v1.1
      -- request's additionalAttributes (fsKeyManager, apim-surface §5.3 step 4): a JSON object of
      -- name -> string value; NULL when none was ever set.
      ALTER TABLE is_applications ADD COLUMN sp_properties TEXT;
    `,
  },
  {
    version: 9,
    name: 'Every client has its Identity Server application from registration on',
    sql: `
      -- DCRMService creates the service provider with the client; the sandbox used to make the
      -- application on first read, so a read of the applications API wrote rows. Backfill those
      -- of existing clients with a version-4 UUID.
      INSERT INTO is_applications (app_id, client_id, certificate)
        SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
               || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
               client_id, NULL
          FROM clients WHERE client_id NOT IN (SELECT client_id FROM is_applications);
    `,
  },
];
