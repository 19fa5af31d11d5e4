-- The AiMemory schema for PostgreSQL.
-- Every table of owner data carries the owner, and every primary key, unique constraint and foreign key
-- includes it, so the schema can be distributed by owner (for example with Citus) without changes.
-- Ids come from one sequence per table; they are unique within an owner (and, as generated, overall).

-- pg_trgm is a trusted extension: the database owner can create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE projects_id_seq;
CREATE TABLE projects (
    owner       text        NOT NULL,
    id          bigint      NOT NULL DEFAULT nextval('projects_id_seq'),
    name        text        NOT NULL,
    name_key    text        NOT NULL,
    description text,
    color       text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name_key)
);
ALTER SEQUENCE projects_id_seq OWNED BY projects.id;

CREATE SEQUENCE categories_id_seq;
CREATE TABLE categories (
    owner       text        NOT NULL,
    id          bigint      NOT NULL DEFAULT nextval('categories_id_seq'),
    name        text        NOT NULL,
    name_key    text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name_key)
);
ALTER SEQUENCE categories_id_seq OWNED BY categories.id;

CREATE SEQUENCE tags_id_seq;
CREATE TABLE tags (
    owner    text   NOT NULL,
    id       bigint NOT NULL DEFAULT nextval('tags_id_seq'),
    name     text   NOT NULL,
    name_key text   NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name_key)
);
ALTER SEQUENCE tags_id_seq OWNED BY tags.id;

CREATE SEQUENCE memories_id_seq;
CREATE TABLE memories (
    owner       text        NOT NULL,
    id          bigint      NOT NULL DEFAULT nextval('memories_id_seq'),
    title       text        NOT NULL,
    content     text        NOT NULL,
    category_id bigint,
    project_id  bigint,
    priority    integer     NOT NULL CHECK (priority BETWEEN 1 AND 5),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    search      tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', content), 'B')) STORED,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, category_id) REFERENCES categories (owner, id),
    FOREIGN KEY (owner, project_id) REFERENCES projects (owner, id)
);
ALTER SEQUENCE memories_id_seq OWNED BY memories.id;

CREATE INDEX memories_by_created ON memories (owner, created_at, id);
CREATE INDEX memories_by_updated ON memories (owner, updated_at, id);
CREATE INDEX memories_by_priority ON memories (owner, priority, created_at, id);
CREATE INDEX memories_by_project ON memories (owner, project_id);
CREATE INDEX memories_by_category ON memories (owner, category_id);
CREATE INDEX memories_search ON memories USING gin (search);
CREATE INDEX memories_trigrams ON memories USING gin ((title || ' ' || COALESCE(content, '')) gin_trgm_ops);

CREATE TABLE memory_tags (
    owner     text    NOT NULL,
    memory_id bigint  NOT NULL,
    tag_id    bigint  NOT NULL,
    position  integer NOT NULL,
    PRIMARY KEY (owner, memory_id, tag_id),
    FOREIGN KEY (owner, memory_id) REFERENCES memories (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, tag_id) REFERENCES tags (owner, id) ON DELETE CASCADE
);
CREATE INDEX memory_tags_by_tag ON memory_tags (owner, tag_id);

CREATE SEQUENCE tasks_id_seq;
CREATE TABLE tasks (
    owner        text        NOT NULL,
    id           bigint      NOT NULL DEFAULT nextval('tasks_id_seq'),
    title        text        NOT NULL,
    description  text,
    status       text        NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'completed', 'cancelled', 'on_hold')),
    priority     integer     NOT NULL CHECK (priority BETWEEN 1 AND 5),
    due_at       timestamptz,
    completed_at timestamptz,
    archived     boolean     NOT NULL DEFAULT false,
    category_id  bigint,
    project_id   bigint,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      integer     NOT NULL,
    search       tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', COALESCE(description, '')), 'B')) STORED,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, category_id) REFERENCES categories (owner, id),
    FOREIGN KEY (owner, project_id) REFERENCES projects (owner, id)
);
ALTER SEQUENCE tasks_id_seq OWNED BY tasks.id;

CREATE INDEX tasks_by_created ON tasks (owner, created_at, id);
CREATE INDEX tasks_by_updated ON tasks (owner, updated_at, id);
CREATE INDEX tasks_by_priority ON tasks (owner, priority, created_at, id);
CREATE INDEX tasks_by_status ON tasks (owner, status);
CREATE INDEX tasks_by_project ON tasks (owner, project_id);
CREATE INDEX tasks_by_category ON tasks (owner, category_id);
CREATE INDEX tasks_search ON tasks USING gin (search);
CREATE INDEX tasks_trigrams ON tasks USING gin ((title || ' ' || COALESCE(description, '')) gin_trgm_ops);

CREATE TABLE task_tags (
    owner    text    NOT NULL,
    task_id  bigint  NOT NULL,
    tag_id   bigint  NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (owner, task_id, tag_id),
    FOREIGN KEY (owner, task_id) REFERENCES tasks (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, tag_id) REFERENCES tags (owner, id) ON DELETE CASCADE
);
CREATE INDEX task_tags_by_tag ON task_tags (owner, tag_id);

-- A scoped instruction references its project or category; deleting the target deletes the instruction.
CREATE SEQUENCE instructions_id_seq;
CREATE TABLE instructions (
    owner       text        NOT NULL,
    id          bigint      NOT NULL DEFAULT nextval('instructions_id_seq'),
    title       text        NOT NULL,
    content     text        NOT NULL,
    scope       text        NOT NULL CHECK (scope IN ('global', 'project', 'category')),
    project_id  bigint,
    category_id bigint,
    priority    integer     NOT NULL CHECK (priority BETWEEN 1 AND 5),
    active      boolean     NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, project_id) REFERENCES projects (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, category_id) REFERENCES categories (owner, id) ON DELETE CASCADE,
    CHECK ((scope = 'global' AND project_id IS NULL AND category_id IS NULL)
        OR (scope = 'project' AND project_id IS NOT NULL AND category_id IS NULL)
        OR (scope = 'category' AND category_id IS NOT NULL AND project_id IS NULL))
);
ALTER SEQUENCE instructions_id_seq OWNED BY instructions.id;

CREATE INDEX instructions_by_priority ON instructions (owner, priority, id);
CREATE INDEX instructions_by_project ON instructions (owner, project_id);
CREATE INDEX instructions_by_category ON instructions (owner, category_id);

-- The first create with an idempotency key records the id it created; a retry with the key returns that record.
CREATE TABLE idempotency_keys (
    owner      text        NOT NULL,
    kind       text        NOT NULL,
    key        text        NOT NULL,
    record_id  bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (owner, kind, key)
);

-- API keys are looked up by key id before the owner is known, so this table is keyed by the key id alone.
-- In a schema distributed by owner it would be a reference table.
CREATE TABLE api_keys (
    key_id       text        NOT NULL PRIMARY KEY,
    owner        text        NOT NULL,
    name         text        NOT NULL,
    scopes       text        NOT NULL,
    hash         bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_by_owner ON api_keys (owner);

-- Fixed-window request counters shared by every host; partitions are keys or client addresses, not owners.
CREATE TABLE rate_limit_counters (
    partition_key text        NOT NULL,
    window_start  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    count         bigint      NOT NULL,
    PRIMARY KEY (partition_key, window_start)
);
CREATE INDEX rate_limit_counters_by_expiry ON rate_limit_counters (expires_at);
