using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task CreateInstruction_ScopedToExistingProject_StoresTarget()
    {
        var owner = NewOwner();
        await owner.Projects.CreateAsync(new ProjectDraft("Apollo"));

        var created = await owner.Instructions.CreateAsync(new AiInstructionDraft("Style", "Answer in British English.", InstructionScope.Project, "apollo", 4));
        var read = await owner.Instructions.GetAsync(created.Id);

        read.ShouldBeEquivalentTo(created);
        created.Scope.ShouldBe(InstructionScope.Project);
        created.Target.ShouldBe("Apollo");
        created.Priority.ShouldBe(4);
        created.Active.ShouldBeTrue();
        created.Version.ShouldBe(1);
    }

    [Fact]
    public async Task CreateInstruction_MissingTarget_ThrowsValidation()
    {
        var owner = NewOwner();

        var missing = await Should.ThrowAsync<StoreValidationException>(() =>
            owner.Instructions.CreateAsync(new AiInstructionDraft("t", "c", InstructionScope.Category, "nowhere")));
        var absent = await Should.ThrowAsync<StoreValidationException>(() =>
            owner.Instructions.CreateAsync(new AiInstructionDraft("t", "c", InstructionScope.Project)));
        var global = await Should.ThrowAsync<StoreValidationException>(() =>
            owner.Instructions.CreateAsync(new AiInstructionDraft("t", "c", InstructionScope.Global, "something")));

        missing.Message.ShouldBe("target: no category named 'nowhere' exists; create it first.");
        absent.Message.ShouldBe("target is required for a project instruction: name an existing project.");
        global.Message.ShouldStartWith("target must be empty for a global instruction");
    }

    [Fact]
    public async Task CreateManyInstructions_OneBadTarget_CreatesNothing()
    {
        var owner = NewOwner();

        await Should.ThrowAsync<StoreValidationException>(() => owner.Instructions.CreateManyAsync(
            [new AiInstructionDraft("ok", "c"), new AiInstructionDraft("bad", "c", InstructionScope.Project, "missing")]));

        (await owner.Instructions.ListAsync(new InstructionQuery(ActiveOnly: false), new PageRequest())).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateInstruction_ChangeScopeAndDeactivate_Applies()
    {
        var owner = NewOwner();
        await owner.Categories.CreateAsync(new CategoryDraft("writing"));
        var instruction = await owner.Instructions.CreateAsync(new AiInstructionDraft("t", "c"));

        var updated = await owner.Instructions.UpdateAsync(instruction.Id, 1, new AiInstructionChanges(Scope: InstructionScope.Category, Target: "Writing", Active: false));

        updated.Scope.ShouldBe(InstructionScope.Category);
        updated.Target.ShouldBe("writing");
        updated.Active.ShouldBeFalse();
        updated.Version.ShouldBe(2);
        await Should.ThrowAsync<VersionConflictException>(() => owner.Instructions.UpdateAsync(instruction.Id, 1, new AiInstructionChanges(Title: "x")));
    }

    [Fact]
    public async Task GetApplicableInstructions_GlobalAndMatchingScopes_ByPriority()
    {
        var owner = NewOwner();
        await owner.Projects.CreateAsync(new ProjectDraft("Apollo"));
        await owner.Projects.CreateAsync(new ProjectDraft("Other"));
        await owner.Categories.CreateAsync(new CategoryDraft("code"));
        await owner.Instructions.CreateManyAsync(
        [
            new AiInstructionDraft("global low", "c", Priority: 1),
            new AiInstructionDraft("apollo", "c", InstructionScope.Project, "Apollo", 5),
            new AiInstructionDraft("other", "c", InstructionScope.Project, "Other", 5),
            new AiInstructionDraft("code", "c", InstructionScope.Category, "code", 3),
            new AiInstructionDraft("inactive", "c", Priority: 5, Active: false),
        ]);

        var applicable = await owner.Instructions.GetApplicableAsync("apollo", "CODE");
        var globalOnly = await owner.Instructions.GetApplicableAsync(null, null);
        var projectList = await owner.Instructions.ListAsync(new InstructionQuery(InstructionScope.Project), new PageRequest());
        var all = await owner.Instructions.ListAsync(new InstructionQuery(ActiveOnly: false), new PageRequest());

        applicable.Select(instruction => instruction.Title).ShouldBe(["apollo", "code", "global low"]);
        globalOnly.Select(instruction => instruction.Title).ShouldBe(["global low"]);
        projectList.Items.Select(instruction => instruction.Title).ShouldBe(["other", "apollo"]);
        all.Items.Count.ShouldBe(5);
    }

    [Fact]
    public async Task OwnerIsolation_InstructionPaths_SeeOnlyOwnRecords()
    {
        var alice = NewOwner();
        var bob = NewOwner();
        await alice.Projects.CreateAsync(new ProjectDraft("Shared"));
        await alice.Instructions.CreateAsync(new AiInstructionDraft("first", "c"));
        var secret = await alice.Instructions.CreateAsync(new AiInstructionDraft("alice rule", "c", InstructionScope.Project, "Shared"));

        (await bob.Instructions.GetAsync(secret.Id)).ShouldBeNull();
        (await bob.Instructions.GetApplicableAsync("Shared", null)).ShouldBeEmpty();
        (await bob.Instructions.ListAsync(new InstructionQuery(ActiveOnly: false), new PageRequest())).Items.ShouldBeEmpty();
        await Should.ThrowAsync<StoreValidationException>(() =>
            bob.Instructions.CreateAsync(new AiInstructionDraft("t", "c", InstructionScope.Project, "Shared")));
        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Instructions.DeleteAsync(secret.Id));
    }
}
