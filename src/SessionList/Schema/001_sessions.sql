-- The read side of sessions: one row per session for listing a user's sessions, kept by a projection of the
-- event feed, and the projection's position in the feed.
CREATE SCHEMA IF NOT EXISTS session_list;

CREATE TABLE IF NOT EXISTS session_list.sessions
(
    session_id       uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    owner            text        NOT NULL,
    title            text        NULL,
    default_title    text        NULL,
    started_at       timestamptz NOT NULL,
    last_activity_at timestamptz NOT NULL,
    message_count    integer     NOT NULL DEFAULT 0,
    version          integer     NOT NULL
);

CREATE INDEX IF NOT EXISTS sessions_by_owner_and_activity
    ON session_list.sessions (tenant, owner, last_activity_at DESC, session_id DESC);
CREATE INDEX IF NOT EXISTS sessions_by_activity ON session_list.sessions (last_activity_at);

CREATE TABLE IF NOT EXISTS session_list.projection
(
    name   text PRIMARY KEY,
    cursor text NOT NULL
);
