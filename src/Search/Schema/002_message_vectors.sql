-- Semantic recall (Recall__Embeddings=minilm): a normalized vector per row of search.messages, written by a projection
-- of its own that may trail the index, scored in process (no pgvector here). The scope's columns are copied so that an
-- owner's vectors are read without a join.
CREATE TABLE IF NOT EXISTS search.message_vectors
(
    session_id uuid        NOT NULL,
    version    integer     NOT NULL,
    tenant_id  text        NOT NULL,
    owner_id   text        NOT NULL,
    role       text        NOT NULL,
    at         timestamptz NOT NULL,
    recallable boolean     NOT NULL,
    vector     real[]      NOT NULL,
    PRIMARY KEY (session_id, version)
);

CREATE INDEX IF NOT EXISTS message_vectors_by_owner ON search.message_vectors (tenant_id, owner_id);

-- The embedding projection's position, apart from the index's so that its lock never holds the index back.
CREATE TABLE IF NOT EXISTS search.vector_projection
(
    name   text PRIMARY KEY,
    cursor text NOT NULL
);
