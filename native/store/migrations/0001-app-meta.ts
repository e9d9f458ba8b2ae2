import type { Migration } from './index.js';

// Key/value settings the whole app shares (install id, created-at, training flag).
const migration: Migration = {
  version: 1,
  name: 'app-meta',
  up(db) {
    db.exec(`
      CREATE TABLE app_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO app_meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `);
  },
};
export default migration;
