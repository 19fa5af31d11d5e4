using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task CreateProject_SameNameDifferentCase_ReturnsExisting()
    {
        var owner = NewOwner();

        var first = await owner.Projects.CreateAsync(new ProjectDraft("Apollo", "Moon", "#3366ff"));
        var again = await owner.Projects.CreateAsync(new ProjectDraft("APOLLO", "ignored"));

        again.ShouldBeEquivalentTo(first);
        first.Color.ShouldBe("#3366ff");
        (await owner.Projects.FindByNameAsync("apollo"))!.Id.ShouldBe(first.Id);
        (await owner.Projects.GetAsync(first.Id))!.Description.ShouldBe("Moon");
    }

    [Fact]
    public async Task CreateProject_Parallel_OneRow()
    {
        var owner = NewOwner();

        var projects = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => owner.Projects.CreateAsync(new ProjectDraft("Racing"))));
        var categories = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => owner.Categories.CreateAsync(new CategoryDraft("Racing"))));

        projects.Select(project => project.Id).Distinct().Count().ShouldBe(1);
        categories.Select(category => category.Id).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task CreateProject_InvalidColor_ThrowsValidation()
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Projects.CreateAsync(new ProjectDraft("P", Color: "red; drop")));

        error.Message.ShouldStartWith("color must be");
    }

    [Fact]
    public async Task UpdateProject_Rename_ChangesNameShownOnMemories()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(project: "Old"));
        var project = (await owner.Projects.FindByNameAsync("Old"))!;

        var renamed = await owner.Projects.UpdateAsync(project.Id, 1, new ProjectChanges(Name: "New", Color: "#000"));

        renamed.Name.ShouldBe("New");
        renamed.Version.ShouldBe(2);
        (await owner.Memories.GetAsync(memory.Id))!.Project.ShouldBe("New");
        await Should.ThrowAsync<VersionConflictException>(() => owner.Projects.UpdateAsync(project.Id, 1, new ProjectChanges(Name: "Stale")));
    }

    [Fact]
    public async Task UpdateProject_NameTaken_ThrowsValidation()
    {
        var owner = NewOwner();
        await owner.Projects.CreateAsync(new ProjectDraft("Taken"));
        var other = await owner.Projects.CreateAsync(new ProjectDraft("Other"));

        var error = await Should.ThrowAsync<StoreValidationException>(() => owner.Projects.UpdateAsync(other.Id, 1, new ProjectChanges(Name: "taken")));

        error.Message.ShouldBe("project name 'taken' is already used by another project.");
    }

    [Fact]
    public async Task DeleteProject_KeepsMemoriesAndDeletesScopedInstructions()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(project: "Gone"));
        var task = await owner.Tasks.CreateAsync(new TaskDraft("t", Project: "Gone"));
        var instruction = await owner.Instructions.CreateAsync(new AiInstructionDraft("i", "c", InstructionScope.Project, "Gone"));
        var project = (await owner.Projects.FindByNameAsync("Gone"))!;

        await owner.Projects.DeleteAsync(project.Id, 1);

        (await owner.Projects.GetAsync(project.Id)).ShouldBeNull();
        (await owner.Memories.GetAsync(memory.Id))!.Project.ShouldBeNull();
        (await owner.Tasks.GetAsync(task.Id))!.Project.ShouldBeNull();
        (await owner.Instructions.GetAsync(instruction.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteCategory_StaleVersion_ThrowsConflictAndKeepsLinks()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(category: "Keep"));
        var category = (await owner.Categories.FindByNameAsync("keep"))!;
        await owner.Categories.UpdateAsync(category.Id, 1, new CategoryChanges(Description: "d"));

        await Should.ThrowAsync<VersionConflictException>(() => owner.Categories.DeleteAsync(category.Id, 1));

        (await owner.Memories.GetAsync(memory.Id))!.Category.ShouldBe("Keep");
    }

    [Fact]
    public async Task ListProjects_Pages_ByName()
    {
        var owner = NewOwner();
        foreach (var name in new[] { "delta", "Alpha", "charlie", "Bravo", "echo" })
        {
            await owner.Projects.CreateAsync(new ProjectDraft(name));
        }

        var first = await owner.Projects.ListAsync(new PageRequest(3));
        var second = await owner.Projects.ListAsync(new PageRequest(3, first.NextCursor));

        first.Items.Select(project => project.Name).ShouldBe(["Alpha", "Bravo", "charlie"]);
        second.Items.Select(project => project.Name).ShouldBe(["delta", "echo"]);
        second.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task ListTags_CountsUsesAndDeleteRemovesLinks()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(tags: ["shared", "数据"]));
        await owner.Memories.CreateAsync(Draft(tags: ["shared"]));
        await owner.Tasks.CreateAsync(new TaskDraft("t", Tags: ["Shared", "🚀"]));

        var tags = (await owner.Tags.ListAsync(new PageRequest())).Items;

        tags.ShouldBe([new TagUsage("shared", 2, 1), new TagUsage("数据", 1, 0), new TagUsage("🚀", 0, 1)], ignoreOrder: true);
        (await owner.Tags.DeleteAsync("SHARED")).ShouldBeTrue();
        (await owner.Tags.DeleteAsync("missing")).ShouldBeFalse();
        (await owner.Memories.GetAsync(memory.Id))!.Tags.ShouldBe(["数据"]);
        (await owner.Tags.ListAsync(new PageRequest())).Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task OwnerIsolation_OrganisationPaths_SeeOnlyOwnRecords()
    {
        var alice = NewOwner();
        var bob = NewOwner();
        await alice.Projects.CreateAsync(new ProjectDraft("first"));
        var project = await alice.Projects.CreateAsync(new ProjectDraft("Alice project"));
        await alice.Categories.CreateAsync(new CategoryDraft("first"));
        var category = await alice.Categories.CreateAsync(new CategoryDraft("Alice category"));
        await alice.Memories.CreateAsync(Draft(tags: ["alice-tag"]));

        (await bob.Projects.GetAsync(project.Id)).ShouldBeNull();
        (await bob.Projects.FindByNameAsync("Alice project")).ShouldBeNull();
        (await bob.Categories.GetAsync(category.Id)).ShouldBeNull();
        (await bob.Tags.ListAsync(new PageRequest())).Items.ShouldBeEmpty();
        (await bob.Tags.DeleteAsync("alice-tag")).ShouldBeFalse();
        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Projects.DeleteAsync(project.Id));
        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Categories.UpdateAsync(category.Id, 1, new CategoryChanges("x")));
        (await alice.Tags.ListAsync(new PageRequest())).Items.Count.ShouldBe(1);
    }
}
