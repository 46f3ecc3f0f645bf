import type { MigrationSource } from '../migrator'

/**
 * Sign-in on the terminal (local only, never synced): the verifiers of people who signed in
 * here before, so they can sign in offline, and the throttle that slows down guessing. Other
 * people's password hashes never reach the terminal.
 */
export default {
  name: '0015_local_sign_in',
  target: 'local',
  sql: /* sql */ `
CREATE TABLE local_credentials (
  user_id           UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
  -- Argon2id PHC string made on this terminal (never a hash from head office as such).
  verifier          TEXT NOT NULL,
  created_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER trg_local_credentials_updated_at BEFORE UPDATE ON local_credentials
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Keyed by the normalised email as typed, known or not, so the throttle says nothing about
-- which accounts exist.
CREATE TABLE sign_in_throttle (
  email_key         VARCHAR(255) PRIMARY KEY,
  failures          INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until      TIMESTAMP,
  last_failure_at   TIMESTAMP
);
`,
} satisfies MigrationSource
