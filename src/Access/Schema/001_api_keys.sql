-- API keys: the public id and a SHA-256 of the whole key, never the key itself.
CREATE SCHEMA IF NOT EXISTS access;

CREATE TABLE access.api_keys
(
    id         text        PRIMARY KEY CHECK (id ~ '^[0-9A-Za-z]{12}$'),
    key_hash   bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
    tenant     text        NOT NULL,
    user_id    text        NOT NULL,
    is_admin   boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    revoked_at timestamptz NULL
);

CREATE INDEX api_keys_by_tenant ON access.api_keys (tenant, created_at);
