using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task CreateTask_ThenGet_ReturnsStoredFields()
    {
        var owner = NewOwner();
        var due = Start.AddDays(3);

        var created = await owner.Tasks.CreateAsync(new TaskDraft("Write report", "Quarterly numbers", TaskItemStatus.InProgress, 4, due, "work", "Apollo", ["q1"]));
        var read = await owner.Tasks.GetAsync(created.Id);

        read.ShouldNotBeNull();
        read.ShouldBeEquivalentTo(created);
        read.Title.ShouldBe("Write report");
        read.Description.ShouldBe("Quarterly numbers");
        read.Status.ShouldBe(TaskItemStatus.InProgress);
        read.Priority.ShouldBe(4);
        read.DueAt.ShouldBe(due);
        read.CompletedAt.ShouldBeNull();
        read.Archived.ShouldBeFalse();
        read.Category.ShouldBe("work");
        read.Project.ShouldBe("Apollo");
        read.Tags.ShouldBe(["q1"]);
        read.Version.ShouldBe(1);
    }

    [Fact]
    public async Task CreateTask_UndefinedStatus_ThrowsNamingValidValues()
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() =>
            NewOwner().Tasks.CreateAsync(new TaskDraft("t", Status: (TaskItemStatus)42)));

        error.Message.ShouldBe("status 42 is not valid; use one of not_started, in_progress, completed, cancelled, on_hold.");
    }

    [Fact]
    public async Task UpdateTask_Complete_SetsCompletedTimeAndReopenClearsIt()
    {
        var owner = NewOwner();
        var task = await owner.Tasks.CreateAsync(new TaskDraft("t"));
        Time.Advance(TimeSpan.FromHours(2));

        var completed = await owner.Tasks.UpdateAsync(task.Id, 1, new TaskChanges(Status: TaskItemStatus.Completed));
        Time.Advance(TimeSpan.FromHours(1));
        var stillCompleted = await owner.Tasks.UpdateAsync(task.Id, 2, new TaskChanges(Status: TaskItemStatus.Completed, Title: "renamed"));
        var reopened = await owner.Tasks.UpdateAsync(task.Id, 3, new TaskChanges(Status: TaskItemStatus.InProgress));

        completed.CompletedAt.ShouldBe(Start.AddHours(2));
        stillCompleted.CompletedAt.ShouldBe(Start.AddHours(2));
        reopened.CompletedAt.ShouldBeNull();
        reopened.Version.ShouldBe(4);
    }

    [Fact]
    public async Task UpdateTask_DueArchiveAndDescription_Apply()
    {
        var owner = NewOwner();
        var task = await owner.Tasks.CreateAsync(new TaskDraft("t", "desc", DueAt: Start.AddDays(1)));

        var updated = await owner.Tasks.UpdateAsync(task.Id, 1, new TaskChanges(ClearDueAt: true, Archived: true, Description: ""));

        updated.DueAt.ShouldBeNull();
        updated.Archived.ShouldBeTrue();
        updated.Description.ShouldBeNull();
    }

    [Fact]
    public async Task UpdateTask_StaleVersion_ThrowsConflict()
    {
        var owner = NewOwner();
        var task = await owner.Tasks.CreateAsync(new TaskDraft("t"));
        await owner.Tasks.UpdateAsync(task.Id, 1, new TaskChanges(Priority: 5));

        await Should.ThrowAsync<VersionConflictException>(() => owner.Tasks.UpdateAsync(task.Id, 1, new TaskChanges(Priority: 1)));
        await Should.ThrowAsync<VersionConflictException>(() => owner.Tasks.DeleteAsync(task.Id, 1));

        (await owner.Tasks.GetAsync(task.Id))!.Priority.ShouldBe(5);
    }

    [Fact]
    public async Task CreateTask_IdempotencyKey_ReturnsFirstResult()
    {
        var owner = NewOwner();

        var first = await owner.Tasks.CreateAsync(new TaskDraft("first", IdempotencyKey: "k"));
        var retry = await owner.Tasks.CreateAsync(new TaskDraft("again", IdempotencyKey: "k"));

        retry.Id.ShouldBe(first.Id);
        retry.Title.ShouldBe("first");
    }

    [Fact]
    public async Task ListTasks_Filters_SelectMatchingTasks()
    {
        var owner = NewOwner();
        var open = await owner.Tasks.CreateAsync(new TaskDraft("open", DueAt: Start.AddDays(1), Project: "P"));
        var done = await owner.Tasks.CreateAsync(new TaskDraft("done", Status: TaskItemStatus.Completed, Project: "P", Tags: ["x"]));
        var held = await owner.Tasks.CreateAsync(new TaskDraft("held", Status: TaskItemStatus.OnHold, DueAt: Start.AddDays(10), Priority: 5));
        var archived = await owner.Tasks.CreateAsync(new TaskDraft("archived"));
        await owner.Tasks.UpdateAsync(archived.Id, 1, new TaskChanges(Archived: true));

        async Task<long[]> Ids(TaskQuery query) =>
            (await owner.Tasks.ListAsync(query, new PageRequest())).Items.Select(task => task.Id).Order().ToArray();

        (await Ids(new TaskQuery())).ShouldBe([open.Id, done.Id, held.Id]);
        (await Ids(new TaskQuery(IncludeArchived: true))).ShouldBe([open.Id, done.Id, held.Id, archived.Id]);
        (await Ids(new TaskQuery(Statuses: [TaskItemStatus.Completed, TaskItemStatus.OnHold]))).ShouldBe([done.Id, held.Id]);
        (await Ids(new TaskQuery(DueBefore: Start.AddDays(5)))).ShouldBe([open.Id]);
        (await Ids(new TaskQuery(Project: "p", Tags: ["x"]))).ShouldBe([done.Id]);
        (await Ids(new TaskQuery(MinPriority: 4))).ShouldBe([held.Id]);
    }

    [Fact]
    public async Task ListTasks_Pages_CoverEveryTaskOnce()
    {
        var owner = NewOwner();
        await owner.Tasks.CreateManyAsync(Enumerable.Range(0, 12).Select(index => new TaskDraft($"t{index}", Priority: (index % 5) + 1)).ToList());

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await owner.Tasks.ListAsync(new TaskQuery(Sort: SortOrder.Priority), new PageRequest(5, cursor));
            seen.AddRange(page.Items.Select(task => task.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.Distinct().Count().ShouldBe(12);
    }

    [Fact]
    public async Task SearchTasks_TextAndStatus_FindsMatchingTask()
    {
        var owner = NewOwner();
        await owner.Tasks.CreateAsync(new TaskDraft("Migrate database", "Move 数据库 to the new host", TaskItemStatus.InProgress));
        await owner.Tasks.CreateAsync(new TaskDraft("Buy milk", "Before Friday"));

        var hits = await owner.Tasks.SearchAsync(new TaskQuery("数据库", Statuses: [TaskItemStatus.InProgress]), new PageRequest());
        var none = await owner.Tasks.SearchAsync(new TaskQuery("数据库", Statuses: [TaskItemStatus.Completed]), new PageRequest());
        var odd = await owner.Tasks.SearchAsync(new TaskQuery("\"milk AND -friday*"), new PageRequest());

        hits.Items.Select(hit => hit.Task.Title).ShouldBe(["Migrate database"]);
        none.Items.ShouldBeEmpty();
        odd.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task TaskStatistics_CountsByStatusOverdueAndArchived()
    {
        var owner = NewOwner();
        await owner.Tasks.CreateAsync(new TaskDraft("late", DueAt: Start.AddDays(1), Project: "P"));
        await owner.Tasks.CreateAsync(new TaskDraft("late but done", Status: TaskItemStatus.Completed, DueAt: Start.AddDays(1)));
        var archived = await owner.Tasks.CreateAsync(new TaskDraft("archived", Priority: 5));
        await owner.Tasks.UpdateAsync(archived.Id, 1, new TaskChanges(Archived: true));
        Time.Advance(TimeSpan.FromDays(2));

        var statistics = await owner.Tasks.GetStatisticsAsync();

        statistics.Total.ShouldBe(3);
        statistics.ByStatus["not_started"].ShouldBe(2);
        statistics.ByStatus["completed"].ShouldBe(1);
        statistics.ByStatus["on_hold"].ShouldBe(0);
        statistics.ByProject.ShouldBe(new Dictionary<string, int> { ["P"] = 1 });
        statistics.ByPriority.ShouldBe(new Dictionary<int, int> { [3] = 2, [5] = 1 });
        statistics.Overdue.ShouldBe(1);
        statistics.Archived.ShouldBe(1);
        statistics.CompletedLastSevenDays.ShouldBe(1);
    }

    [Fact]
    public async Task OwnerIsolation_TaskPaths_SeeOnlyOwnRecords()
    {
        var alice = NewOwner();
        var bob = NewOwner();
        await alice.Tasks.CreateManyAsync([new TaskDraft("a1"), new TaskDraft("a2")]);
        var secret = await alice.Tasks.CreateAsync(new TaskDraft("alice secret task", "hidden plan"));
        await bob.Tasks.CreateAsync(new TaskDraft("bob task"));

        (await bob.Tasks.GetAsync(secret.Id)).ShouldBeNull();
        (await bob.Tasks.ListAsync(new TaskQuery(), new PageRequest())).Items.Select(task => task.Title).ShouldBe(["bob task"]);
        (await bob.Tasks.SearchAsync(new TaskQuery("hidden"), new PageRequest())).Items.ShouldBeEmpty();
        (await bob.Tasks.GetStatisticsAsync()).Total.ShouldBe(1);
        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Tasks.UpdateAsync(secret.Id, 1, new TaskChanges(Title: "x")));
        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Tasks.DeleteAsync(secret.Id));
    }
}
