-- The position of the projection that feeds users' memories from the sessions' events. It holds no user data: the
-- memories themselves are event streams of the event store.
CREATE SCHEMA IF NOT EXISTS memory;

CREATE TABLE IF NOT EXISTS memory.projection
(
    name   text PRIMARY KEY,
    cursor text NOT NULL
);
