using System.Data.Common;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// Export and import of everything one owner has. An import runs in one transaction and keeps ids, times and versions
/// where it can, so exporting and importing into an empty owner gives identical records. A project or category
/// whose name exists is left as it is. A memory, task or instruction whose id exists with the same creation time is
/// also left as it is, so importing the same file twice creates nothing the second time.
/// </summary>
internal sealed class OwnerTransfer(OwnerScope scope, SqlOwnerStore store)
{
    /// <summary>The export format this store writes and reads.</summary>
    public const int FormatVersion = 1;

    public Task<OwnerExport> ExportAsync(CancellationToken cancellationToken) =>
        scope.ReadAsync(
            async connection =>
            {
                var projects = await new NamedRecords(scope, "projects", "project", hasColor: true).ReadAllAsync(connection, cancellationToken).ConfigureAwait(false);
                var categories = await new NamedRecords(scope, "categories", "category", hasColor: false).ReadAllAsync(connection, cancellationToken).ConfigureAwait(false);

                var memoryQuery = scope.Query().Append(
                    $"SELECT {MemoryRepository.SelectColumns} FROM memories m{MemoryRepository.JoinNames} WHERE m.owner = @owner ORDER BY m.id");
                var memories = await store.MemoryRows.ReadRowsAsync(connection, null, memoryQuery, withRank: false, cancellationToken).ConfigureAwait(false);

                var taskQuery = scope.Query().Append(
                    $"SELECT {TaskRepository.SelectColumns} FROM tasks t{TaskRepository.JoinNames} WHERE t.owner = @owner ORDER BY t.id");
                var tasks = await store.TaskRows.ReadRowsAsync(connection, null, taskQuery, withRank: false, cancellationToken).ConfigureAwait(false);

                var instructionQuery = scope.Query().Append(
                    $"SELECT {InstructionRepository.SelectColumns}{InstructionRepository.FromJoined} WHERE i.owner = @owner ORDER BY i.id");
                var instructions = await store.InstructionRows.ReadAsync(connection, null, instructionQuery, cancellationToken).ConfigureAwait(false);

                return new OwnerExport(
                    FormatVersion,
                    scope.Database.Now(),
                    projects.Select(row => new Project(row.Id, row.Name, row.Description, row.Color, row.CreatedAt, row.UpdatedAt, row.Version)).ToList(),
                    categories.Select(row => new Category(row.Id, row.Name, row.Description, row.CreatedAt, row.UpdatedAt, row.Version)).ToList(),
                    memories.Select(hit => hit.Memory).ToList(),
                    tasks.Select(hit => hit.Task).ToList(),
                    instructions);
            },
            cancellationToken);

    public async Task<ImportResult> ImportAsync(OwnerExport export, CancellationToken cancellationToken)
    {
        Validate(export);
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var counts = new Counts();
                var cache = new LinkCache();
                foreach (var project in export.Projects)
                {
                    await ImportNamedAsync(connection, transaction, "projects", project.Id, project.Name, project.Description, project.Color, project.CreatedAt, project.UpdatedAt, project.Version, counts, cancellationToken).ConfigureAwait(false);
                }

                foreach (var category in export.Categories)
                {
                    await ImportNamedAsync(connection, transaction, "categories", category.Id, category.Name, category.Description, null, category.CreatedAt, category.UpdatedAt, category.Version, counts, cancellationToken).ConfigureAwait(false);
                }

                foreach (var memory in export.Memories)
                {
                    var slot = await counts.PlaceAsync(scope, connection, transaction, "memories", memory.Id, memory.CreatedAt, cancellationToken).ConfigureAwait(false);
                    if (slot.Insert)
                    {
                        var draft = new MemoryDraft(memory.Title, memory.Content, memory.Category, memory.Project, NameKey.Tags(memory.Tags), memory.Priority);
                        await store.MemoryRows.InsertRowAsync(connection, transaction, draft, slot.Id, memory.CreatedAt, memory.UpdatedAt, memory.Version, cache, cancellationToken).ConfigureAwait(false);
                    }
                }

                foreach (var task in export.Tasks)
                {
                    var slot = await counts.PlaceAsync(scope, connection, transaction, "tasks", task.Id, task.CreatedAt, cancellationToken).ConfigureAwait(false);
                    if (slot.Insert)
                    {
                        var draft = new TaskDraft(task.Title, task.Description, task.Status, task.Priority, task.DueAt, task.Category, task.Project, NameKey.Tags(task.Tags));
                        await store.TaskRows.InsertRowAsync(connection, transaction, draft, slot.Id, task.CompletedAt, task.Archived, task.CreatedAt, task.UpdatedAt, task.Version, cache, cancellationToken).ConfigureAwait(false);
                    }
                }

                foreach (var instruction in export.Instructions)
                {
                    var slot = await counts.PlaceAsync(scope, connection, transaction, "instructions", instruction.Id, instruction.CreatedAt, cancellationToken).ConfigureAwait(false);
                    if (slot.Insert)
                    {
                        var draft = new AiInstructionDraft(instruction.Title, instruction.Content, instruction.Scope, instruction.Target, instruction.Priority, instruction.Active);
                        await store.InstructionRows.InsertRowAsync(connection, transaction, draft, slot.Id, instruction.CreatedAt, instruction.UpdatedAt, instruction.Version, cancellationToken).ConfigureAwait(false);
                    }
                }

                await scope.Dialect.AdvanceIdsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                return new ImportResult(counts.Created, counts.Unchanged);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the whole export before anything is written; messages name the record by its position.</summary>
    private static void Validate(OwnerExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (export.FormatVersion != FormatVersion)
        {
            throw new StoreValidationException($"export format version {export.FormatVersion} is not supported; this store reads version {FormatVersion}.");
        }

        var projects = export.Projects ?? throw new StoreValidationException("export projects is missing.");
        var categories = export.Categories ?? throw new StoreValidationException("export categories is missing.");
        var memories = export.Memories ?? throw new StoreValidationException("export memories is missing.");
        var tasks = export.Tasks ?? throw new StoreValidationException("export tasks is missing.");
        var instructions = export.Instructions ?? throw new StoreValidationException("export instructions is missing.");

        // No count limit: an export of any size must be restorable, and the records are already in memory.
        // NOTE: rows are inserted one by one in one transaction. 100,001 memories took 8 s on SQLite. Larger owners and
        // PostgreSQL restores of that size have not been timed.

        for (var index = 0; index < projects.Count; index++)
        {
            var project = projects[index];
            NameKey.Normalize(project.Name, $"projects[{index}] name");
            StoreValidation.OptionalText(project.Description, $"projects[{index}] description", StoreLimits.MaxDescriptionLength);
            StoreValidation.Color(project.Color);
            Identity(project.Id, project.Version, $"projects[{index}]");
        }

        for (var index = 0; index < categories.Count; index++)
        {
            NameKey.Normalize(categories[index].Name, $"categories[{index}] name");
            StoreValidation.OptionalText(categories[index].Description, $"categories[{index}] description", StoreLimits.MaxDescriptionLength);
            Identity(categories[index].Id, categories[index].Version, $"categories[{index}]");
        }

        for (var index = 0; index < memories.Count; index++)
        {
            var memory = memories[index];
            MemoryRepository.Validate(new MemoryDraft(memory.Title, memory.Content, memory.Category, memory.Project, memory.Tags, memory.Priority), $"memories[{index}]");
            Identity(memory.Id, memory.Version, $"memories[{index}]");
        }

        for (var index = 0; index < tasks.Count; index++)
        {
            var task = tasks[index];
            TaskRepository.Validate(new TaskDraft(task.Title, task.Description, task.Status, task.Priority, task.DueAt, task.Category, task.Project, task.Tags), $"tasks[{index}]");
            Identity(task.Id, task.Version, $"tasks[{index}]");
        }

        for (var index = 0; index < instructions.Count; index++)
        {
            var instruction = instructions[index];
            InstructionRepository.Validate(new AiInstructionDraft(instruction.Title, instruction.Content, instruction.Scope, instruction.Target, instruction.Priority), $"instructions[{index}]");
            Identity(instruction.Id, instruction.Version, $"instructions[{index}]");
        }
    }

    private static void Identity(long id, int version, string field)
    {
        if (id < 1)
        {
            throw new StoreValidationException($"{field} id must be positive, not {id}.");
        }

        if (version < 1)
        {
            throw new StoreValidationException($"{field} version must be positive, not {version}.");
        }
    }

    private async Task ImportNamedAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        long id,
        string name,
        string? description,
        string? color,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        int version,
        Counts counts,
        CancellationToken cancellationToken)
    {
        var normalized = NameKey.Normalize(name, "name");
        using (var exists = scope.Command(connection, transaction, $"SELECT COUNT(*) FROM {table} WHERE owner = @owner AND name_key = @key").With("@key", NameKey.Of(normalized)))
        {
            if (await exists.ScalarInt64Async(cancellationToken).ConfigureAwait(false) > 0)
            {
                counts.Unchanged++;
                return;
            }
        }

        var idValue = await IsIdFreeAsync(connection, transaction, table, id, cancellationToken).ConfigureAwait(false) ? "@id" : scope.Dialect.NextId(table);
        var colorColumn = table == "projects" ? ", color" : "";
        var colorValue = table == "projects" ? ", @color" : "";
        using var insert = scope.Command(
            connection,
            transaction,
            $"INSERT INTO {table} (owner, id, name, name_key, description{colorColumn}, created_at, updated_at, version) " +
            $"VALUES (@owner, {idValue}, @name, @key, @description{colorValue}, @created, @updated, @version)");
        insert.With("@name", normalized).With("@key", NameKey.Of(normalized)).With("@description", description)
            .With("@created", scope.Time(createdAt)).With("@updated", scope.Time(updatedAt)).With("@version", version);
        if (idValue == "@id")
        {
            insert.With("@id", id);
        }

        if (table == "projects")
        {
            insert.With("@color", color);
        }

        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        counts.Created++;
    }

    private async Task<bool> IsIdFreeAsync(DbConnection connection, DbTransaction transaction, string table, long id, CancellationToken cancellationToken)
    {
        using var command = scope.Command(connection, transaction, $"SELECT COUNT(*) FROM {table} WHERE owner = @owner AND id = @id").With("@id", id);
        return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false) == 0;
    }

    /// <summary>Created and unchanged counts of one import.</summary>
    private sealed class Counts
    {
        public int Created { get; set; }

        public int Unchanged { get; set; }

        /// <summary>
        /// Counts a record present with the same id and creation time as unchanged; otherwise counts it as created and
        /// returns the id to insert it with, or <see langword="null"/> when another record already uses the id.
        /// </summary>
        public async Task<ImportSlot> PlaceAsync(
            OwnerScope scope,
            DbConnection connection,
            DbTransaction transaction,
            string table,
            long id,
            DateTimeOffset createdAt,
            CancellationToken cancellationToken)
        {
            using var command = scope.Command(connection, transaction, $"SELECT created_at FROM {table} WHERE owner = @owner AND id = @id").With("@id", id);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && scope.Dialect.ReadTime(reader, 0) == SqlDatabase.Truncate(createdAt))
            {
                Unchanged++;
                return new ImportSlot(Insert: false, Id: null);
            }

            Created++;
            return new ImportSlot(Insert: true, Id: reader.HasRows ? null : id);
        }
    }
}

/// <summary>Whether an imported record is inserted, and with which id (<see langword="null"/>: a new one).</summary>
internal readonly record struct ImportSlot(bool Insert, long? Id);
