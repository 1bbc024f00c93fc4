-- Orleans ADO.NET query catalogue. The Orleans 10.4.2 ADO.NET providers (invariant "Npgsql") load the SQL they run
-- from this table by key; 002 and 003 fill it in. Idempotent: safe to run again on the same database.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (QueryKey)
);
