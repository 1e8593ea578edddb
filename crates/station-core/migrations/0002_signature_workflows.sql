-- Signature requests and their workflows, the Video ID queue and the audit trail.
-- Timestamps are UTC RFC 3339 with microseconds and "+00:00" (fixed width, so text
-- order is time order). JSON columns hold the officer's input as the station's own
-- types serialize it. No secret is ever stored: OTP codes and tokens are not here.

-- One signature request: which workflow, for whom, and where it stands.
CREATE TABLE signature_request (
    id            TEXT PRIMARY KEY NOT NULL,
    profile_id    INTEGER NOT NULL REFERENCES optimizer_profile (id),
    kind          TEXT NOT NULL CHECK (kind IN ('classic_otp', 'external_authentication',
                      'hash_signature', 'asynchronous', 'videoid_eidas', 'videoid_external')),
    officer       TEXT NOT NULL,
    signer        TEXT NOT NULL,
    id_images     TEXT NOT NULL,
    options       TEXT NOT NULL,
    optimizer_pk  INTEGER,
    videoid_pk    INTEGER,
    videoid_link  TEXT,
    server_status TEXT,
    phase         TEXT NOT NULL CHECK (phase IN ('running', 'awaiting_officer',
                      'waiting_for_optimizer', 'failed', 'completed', 'refused', 'cancelled')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- Webhooks and polling find a request by the Optimizer's pk.
CREATE UNIQUE INDEX signature_request_optimizer_pk
    ON signature_request (profile_id, optimizer_pk) WHERE optimizer_pk IS NOT NULL;
CREATE INDEX signature_request_phase ON signature_request (phase);

-- The documents of a request, from the local file to the verified signed backup.
CREATE TABLE request_document (
    request_id        TEXT NOT NULL REFERENCES signature_request (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL CHECK (position >= 0),
    source_path       TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    format            TEXT NOT NULL CHECK (format IN ('pdf', 'hash')),
    source_sha256     TEXT NOT NULL,
    upload_sha256     TEXT NOT NULL,
    visible_signature TEXT,
    server_uid        TEXT,
    signed_path       TEXT,
    signed_sha256     TEXT,
    verification      TEXT,
    PRIMARY KEY (request_id, position)
) STRICT;

-- The ordered steps of a request's workflow. A step is recorded 'in_flight' before
-- its call and 'done' with its results after, in one transaction with what it
-- changed; `note` says how an interrupted step is reconciled on restart.
CREATE TABLE workflow_step (
    request_id    TEXT NOT NULL REFERENCES signature_request (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq >= 0),
    step          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'awaiting_officer',
                      'waiting', 'done', 'failed', 'skipped')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    note          TEXT,
    result        TEXT,
    error_code    TEXT,
    error_details TEXT,
    started_at    TEXT,
    finished_at   TEXT,
    PRIMARY KEY (request_id, seq)
) STRICT;

-- Open Video ID requests the officer follows: fed by create, webhooks and polling.
CREATE TABLE videoid_queue (
    request_id             TEXT PRIMARY KEY NOT NULL
                           REFERENCES signature_request (id) ON DELETE CASCADE,
    optimizer_pk           INTEGER NOT NULL,
    status                 TEXT NOT NULL,
    signer                 TEXT NOT NULL,
    registration_authority TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
) STRICT;

-- The audit trail: append-only, each entry carrying the hash of the one before.
-- No foreign key: entries outlive the requests they describe.
CREATE TABLE audit_entry (
    seq            INTEGER PRIMARY KEY NOT NULL,
    at             TEXT NOT NULL,
    officer        TEXT NOT NULL,
    action         TEXT NOT NULL,
    request_id     TEXT,
    optimizer_pk   INTEGER,
    digests_before TEXT NOT NULL,
    digests_after  TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    details        TEXT,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;

CREATE INDEX audit_entry_request ON audit_entry (request_id);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- What new requests on an Optimizer use when the officer does not choose: its
-- Registration Authority and certificate profile (absent: the Optimizer's own default).
CREATE TABLE profile_defaults (
    profile_id             INTEGER PRIMARY KEY NOT NULL
                           REFERENCES optimizer_profile (id) ON DELETE CASCADE,
    registration_authority TEXT,
    certificate_profile    TEXT,
    updated_at             TEXT NOT NULL
) STRICT;

-- Trust anchors for verifying signed documents before they are deleted from an
-- Optimizer (PEM). The embedded sandbox's are fetched from it; others are set by
-- the officer.
CREATE TABLE signing_trust (
    profile_id INTEGER PRIMARY KEY NOT NULL
               REFERENCES optimizer_profile (id) ON DELETE CASCADE,
    pem        TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
