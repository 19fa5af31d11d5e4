-- The AiMemory schema for SQLite. Times are microseconds since 1970-01-01 UTC.
-- Every table of owner data carries the owner, and every primary key, unique constraint and foreign key
-- includes it, so no row can reference another owner's row.

CREATE TABLE projects (
    owner       TEXT    NOT NULL,
    id          INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    description TEXT,
    color       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name_key)
);

CREATE TABLE categories (
    owner       TEXT    NOT NULL,
    id          INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    description TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name_key)
);

CREATE TABLE tags (
    owner    TEXT    NOT NULL,
    id       INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    name_key TEXT    NOT NULL,
    PRIMARY KEY (owner, id),
    UNIQUE (owner, name_key)
);

-- fts_rowid links a row to its full-text entry; the implicit rowid is not stable across VACUUM.
CREATE TABLE memories (
    owner       TEXT    NOT NULL,
    id          INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    category_id INTEGER,
    project_id  INTEGER,
    priority    INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    fts_rowid   INTEGER NOT NULL,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, category_id) REFERENCES categories (owner, id),
    FOREIGN KEY (owner, project_id) REFERENCES projects (owner, id)
);

CREATE INDEX memories_by_created ON memories (owner, created_at, id);
CREATE INDEX memories_by_updated ON memories (owner, updated_at, id);
CREATE INDEX memories_by_priority ON memories (owner, priority, created_at, id);
CREATE INDEX memories_by_project ON memories (owner, project_id);
CREATE INDEX memories_by_category ON memories (owner, category_id);
CREATE INDEX memories_by_fts_rowid ON memories (fts_rowid);

CREATE TABLE memory_tags (
    owner     TEXT    NOT NULL,
    memory_id INTEGER NOT NULL,
    tag_id    INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (owner, memory_id, tag_id),
    FOREIGN KEY (owner, memory_id) REFERENCES memories (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, tag_id) REFERENCES tags (owner, id) ON DELETE CASCADE
);

CREATE INDEX memory_tags_by_tag ON memory_tags (owner, tag_id);

CREATE VIRTUAL TABLE memories_fts USING fts5 (
    title, content, content = '', contentless_delete = 1, tokenize = 'trigram'
);

CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, title, content) VALUES (new.fts_rowid, new.title, new.content);
END;

CREATE TRIGGER memories_fts_update AFTER UPDATE OF title, content ON memories BEGIN
    DELETE FROM memories_fts WHERE rowid = old.fts_rowid;
    INSERT INTO memories_fts (rowid, title, content) VALUES (new.fts_rowid, new.title, new.content);
END;

CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    DELETE FROM memories_fts WHERE rowid = old.fts_rowid;
END;

CREATE TABLE tasks (
    owner        TEXT    NOT NULL,
    id           INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT,
    status       TEXT    NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'completed', 'cancelled', 'on_hold')),
    priority     INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    due_at       INTEGER,
    completed_at INTEGER,
    archived     INTEGER NOT NULL DEFAULT 0,
    category_id  INTEGER,
    project_id   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    fts_rowid    INTEGER NOT NULL,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, category_id) REFERENCES categories (owner, id),
    FOREIGN KEY (owner, project_id) REFERENCES projects (owner, id)
);

CREATE INDEX tasks_by_created ON tasks (owner, created_at, id);
CREATE INDEX tasks_by_updated ON tasks (owner, updated_at, id);
CREATE INDEX tasks_by_priority ON tasks (owner, priority, created_at, id);
CREATE INDEX tasks_by_status ON tasks (owner, status);
CREATE INDEX tasks_by_project ON tasks (owner, project_id);
CREATE INDEX tasks_by_category ON tasks (owner, category_id);
CREATE INDEX tasks_by_fts_rowid ON tasks (fts_rowid);

CREATE TABLE task_tags (
    owner    TEXT    NOT NULL,
    task_id  INTEGER NOT NULL,
    tag_id   INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (owner, task_id, tag_id),
    FOREIGN KEY (owner, task_id) REFERENCES tasks (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, tag_id) REFERENCES tags (owner, id) ON DELETE CASCADE
);

CREATE INDEX task_tags_by_tag ON task_tags (owner, tag_id);

CREATE VIRTUAL TABLE tasks_fts USING fts5 (
    title, description, content = '', contentless_delete = 1, tokenize = 'trigram'
);

CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts (rowid, title, description) VALUES (new.fts_rowid, new.title, COALESCE(new.description, ''));
END;

CREATE TRIGGER tasks_fts_update AFTER UPDATE OF title, description ON tasks BEGIN
    DELETE FROM tasks_fts WHERE rowid = old.fts_rowid;
    INSERT INTO tasks_fts (rowid, title, description) VALUES (new.fts_rowid, new.title, COALESCE(new.description, ''));
END;

CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM tasks_fts WHERE rowid = old.fts_rowid;
END;

-- A scoped instruction references its project or category; deleting the target deletes the instruction.
CREATE TABLE instructions (
    owner       TEXT    NOT NULL,
    id          INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    scope       TEXT    NOT NULL CHECK (scope IN ('global', 'project', 'category')),
    project_id  INTEGER,
    category_id INTEGER,
    priority    INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    active      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (owner, id),
    FOREIGN KEY (owner, project_id) REFERENCES projects (owner, id) ON DELETE CASCADE,
    FOREIGN KEY (owner, category_id) REFERENCES categories (owner, id) ON DELETE CASCADE,
    CHECK ((scope = 'global' AND project_id IS NULL AND category_id IS NULL)
        OR (scope = 'project' AND project_id IS NOT NULL AND category_id IS NULL)
        OR (scope = 'category' AND category_id IS NOT NULL AND project_id IS NULL))
);

CREATE INDEX instructions_by_priority ON instructions (owner, priority, id);
CREATE INDEX instructions_by_project ON instructions (owner, project_id);
CREATE INDEX instructions_by_category ON instructions (owner, category_id);

-- The first create with an idempotency key records the id it created; a retry with the key returns that record.
CREATE TABLE idempotency_keys (
    owner      TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    record_id  INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (owner, kind, key)
);

-- API keys are looked up by key id before the owner is known, so this table is keyed by the key id alone.
CREATE TABLE api_keys (
    key_id       TEXT    NOT NULL PRIMARY KEY,
    owner        TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    scopes       TEXT    NOT NULL,
    hash         BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at   INTEGER,
    revoked_at   INTEGER
);

CREATE INDEX api_keys_by_owner ON api_keys (owner);

-- Fixed-window request counters shared by every host; partitions are keys or client addresses, not owners.
CREATE TABLE rate_limit_counters (
    partition_key TEXT    NOT NULL,
    window_start  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    PRIMARY KEY (partition_key, window_start)
);

CREATE INDEX rate_limit_counters_by_expiry ON rate_limit_counters (expires_at);
