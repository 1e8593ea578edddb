-- The station's own settings, one value per key. Never a secret: those live in the OS keyring.
CREATE TABLE station_setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Names this station's entries in the OS keyring, so that two data directories on one
-- machine (a test run and the officer's station) never read each other's secrets.
INSERT INTO station_setting (key, value) VALUES ('installation_id', lower(hex(randomblob(16))));

-- Optimizers the station has been pointed at. Paths only: the PEM files stay where the
-- officer keeps them, and no credential is ever stored here.
CREATE TABLE optimizer_profile (
    id               INTEGER PRIMARY KEY,
    mode             TEXT NOT NULL CHECK (mode IN ('embedded_sandbox', 'remote')),
    url              TEXT,
    ca_pem_path      TEXT,
    client_cert_path TEXT,
    client_key_path  TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((mode = 'remote') = (url IS NOT NULL)),
    CHECK ((client_cert_path IS NULL) = (client_key_path IS NULL))
) STRICT;

-- A fresh station works on the embedded sandbox until the officer chooses otherwise.
INSERT INTO optimizer_profile (id, mode) VALUES (1, 'embedded_sandbox');
INSERT INTO station_setting (key, value) VALUES ('active_optimizer_profile', '1');

-- Which RAO is signed in on which Optimizer. The token, password and PIN are in the vault.
CREATE TABLE rao_session (
    profile_id           INTEGER PRIMARY KEY NOT NULL
                         REFERENCES optimizer_profile (id) ON DELETE CASCADE,
    username             TEXT NOT NULL,
    method               TEXT NOT NULL CHECK (method IN ('token', 'credentials')),
    token_holds_password INTEGER NOT NULL CHECK (token_holds_password IN (0, 1)),
    token_holds_pin      INTEGER NOT NULL CHECK (token_holds_pin IN (0, 1)),
    signed_in_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
