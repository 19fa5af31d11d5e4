using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Core.Storage.Sql;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    private async Task<IOwnerStore> FilledOwnerAsync()
    {
        var owner = NewOwner();
        await owner.Projects.CreateAsync(new ProjectDraft("Apollo", "Moon", "#3366ff"));
        await owner.Categories.CreateAsync(new CategoryDraft("ops", "Operations"));
        await owner.Memories.CreateAsync(Draft(title: "emoji 👩‍👩‍👧‍👦", content: "مرحبا 数据库", project: "Apollo", category: "ops", tags: ["b", "a"], priority: 5));
        Time.Advance(TimeSpan.FromMinutes(1));
        var memory = await owner.Memories.CreateAsync(Draft(title: "second", tags: ["a"]));
        await owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Content: "edited"));
        var task = await owner.Tasks.CreateAsync(new TaskDraft("task", "desc", TaskItemStatus.Completed, 2, Start.AddDays(2), "ops", "Apollo", ["t"]));
        await owner.Tasks.UpdateAsync(task.Id, 1, new TaskChanges(Archived: true));
        await owner.Instructions.CreateAsync(new AiInstructionDraft("rule", "Be brief.", InstructionScope.Project, "Apollo", 4));
        await owner.Instructions.CreateAsync(new AiInstructionDraft("global", "Be kind.", Active: false));
        return owner;
    }

    private static void ShouldMatch(OwnerExport actual, OwnerExport expected)
    {
        actual.FormatVersion.ShouldBe(expected.FormatVersion);
        actual.Projects.ShouldBeEquivalentTo(expected.Projects);
        actual.Categories.ShouldBeEquivalentTo(expected.Categories);
        actual.Memories.ShouldBeEquivalentTo(expected.Memories);
        actual.Tasks.ShouldBeEquivalentTo(expected.Tasks);
        actual.Instructions.ShouldBeEquivalentTo(expected.Instructions);
    }

    [Fact]
    public async Task Export_ThenImportIntoEmptyOwner_GivesIdenticalRecords()
    {
        var source = await FilledOwnerAsync();
        var export = await source.ExportAsync();
        var target = NewOwner();

        var result = await target.ImportAsync(export);
        var again = await target.ExportAsync();

        export.Memories.Count.ShouldBe(2);
        export.Tasks.Count.ShouldBe(1);
        export.Instructions.Count.ShouldBe(2);
        result.ShouldBe(new ImportResult(Created: 7, Unchanged: 0));
        ShouldMatch(again, export);
    }

    [Fact]
    public async Task Export_ManyTaggedRecords_KeepsEveryTag()
    {
        var owner = NewOwner();
        var memoryCount = (2 * Links.TagQueryIds) + 1;
        var taskCount = Links.TagQueryIds + 1;
        await owner.Memories.CreateManyAsync(
            Enumerable.Range(0, memoryCount).Select(index => Draft(title: $"m{index}", tags: ["all", $"m{index}"])).ToList());
        await owner.Tasks.CreateManyAsync(
            Enumerable.Range(0, taskCount).Select(index => new TaskDraft($"t{index}", Tags: [$"t{index}"])).ToList());

        var export = await owner.ExportAsync();

        export.Memories.Count.ShouldBe(memoryCount);
        export.Memories.ShouldAllBe(memory => memory.Tags.Count == 2 && memory.Tags[0] == "all" && memory.Tags[1] == memory.Title);
        export.Tasks.Count.ShouldBe(taskCount);
        export.Tasks.ShouldAllBe(task => task.Tags.Count == 1 && task.Tags[0] == task.Title);
    }

    [Fact]
    public async Task Import_SameFileTwice_CreatesNoDuplicates()
    {
        var export = await (await FilledOwnerAsync()).ExportAsync();
        var target = NewOwner();

        await target.ImportAsync(export);
        var second = await target.ImportAsync(export);

        second.ShouldBe(new ImportResult(Created: 0, Unchanged: 7));
        ShouldMatch(await target.ExportAsync(), export);
    }

    [Fact]
    public async Task Import_IntoOwnerWithOtherRecords_KeepsBoth()
    {
        var export = await (await FilledOwnerAsync()).ExportAsync();
        var target = NewOwner();
        var existing = await target.Memories.CreateAsync(Draft(title: "already here"));

        var result = await target.ImportAsync(export);

        result.Created.ShouldBe(7);
        var titles = (await target.Memories.ListAsync(new MemoryQuery(), new PageRequest())).Items.Select(memory => memory.Title).ToList();
        titles.ShouldBe(["already here", "emoji 👩‍👩‍👧‍👦", "second"], ignoreOrder: true);
        (await target.Memories.GetAsync(existing.Id))!.Title.ShouldBe("already here");
    }

    [Fact]
    public async Task Import_OneInvalidRecord_WritesNothing()
    {
        var export = await (await FilledOwnerAsync()).ExportAsync();
        var broken = export with { Memories = [.. export.Memories, export.Memories[0] with { Id = 999, Priority = 9 }] };
        var target = NewOwner();

        var error = await Should.ThrowAsync<StoreValidationException>(() => target.ImportAsync(broken));

        error.Message.ShouldBe("memories[2] priority must be between 1 and 5, not 9.");
        (await target.ExportAsync()).Projects.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_InstructionWithUnknownTarget_RollsBackEverything()
    {
        var export = await (await FilledOwnerAsync()).ExportAsync();
        var broken = export with { Instructions = [.. export.Instructions, export.Instructions[0] with { Id = 999, Target = "Nowhere" }] };
        var target = NewOwner();

        await Should.ThrowAsync<StoreValidationException>(() => target.ImportAsync(broken));

        var after = await target.ExportAsync();
        after.Projects.ShouldBeEmpty();
        after.Memories.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_UnknownFormatVersion_ThrowsValidation()
    {
        var export = await (await FilledOwnerAsync()).ExportAsync();

        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().ImportAsync(export with { FormatVersion = 99 }));

        error.Message.ShouldBe("export format version 99 is not supported; this store reads version 1.");
    }

    [Fact]
    public async Task OwnerIsolation_Export_ContainsOnlyOwnRecords()
    {
        var alice = await FilledOwnerAsync();
        var bob = NewOwner();
        await bob.Memories.CreateAsync(Draft(title: "bob only"));

        var export = await bob.ExportAsync();

        export.Memories.Select(memory => memory.Title).ShouldBe(["bob only"]);
        export.Projects.ShouldBeEmpty();
        export.Tasks.ShouldBeEmpty();
        export.Instructions.ShouldBeEmpty();
        (await alice.ExportAsync()).Memories.Count.ShouldBe(2);
    }
}
