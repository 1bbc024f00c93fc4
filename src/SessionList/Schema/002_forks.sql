-- Forks: the session a row was forked from and at which of its versions (null for a session that was started), and
-- the index that lists a user's forks of one session.
ALTER TABLE session_list.sessions ADD COLUMN IF NOT EXISTS forked_from_session uuid    NULL;
ALTER TABLE session_list.sessions ADD COLUMN IF NOT EXISTS forked_from_version integer NULL;

CREATE INDEX IF NOT EXISTS sessions_by_parent
    ON session_list.sessions (tenant, owner, forked_from_session) WHERE forked_from_session IS NOT NULL;
