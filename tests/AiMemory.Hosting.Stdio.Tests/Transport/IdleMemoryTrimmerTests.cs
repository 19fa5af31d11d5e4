using AiMemory.Hosting.Stdio.Transport;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Hosting.Stdio.Tests.Transport;

public sealed class IdleMemoryTrimmerTests
{
    private readonly FakeTimeProvider _time = new();
    private int _collections;

    [Fact]
    public void LastResponse_AfterIdleDelay_CollectsOnce()
    {
        using var trimmer = CreateTrimmer();
        var outstanding = new OutstandingRequests(trimmer);

        outstanding.Add();
        outstanding.Complete();
        _time.Advance(IdleMemoryTrimmer.IdleDelay - TimeSpan.FromMilliseconds(1));
        var beforeDelay = _collections;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var atDelay = _collections;
        _time.Advance(TimeSpan.FromMinutes(5));

        beforeDelay.ShouldBe(0);
        atDelay.ShouldBe(1);
        _collections.ShouldBe(1);
        trimmer.Collections.ShouldBe(1);
    }

    [Fact]
    public void NewRequest_BeforeIdleDelay_CancelsCollection()
    {
        using var trimmer = CreateTrimmer();
        var outstanding = new OutstandingRequests(trimmer);

        outstanding.Add();
        outstanding.Complete();
        _time.Advance(IdleMemoryTrimmer.IdleDelay / 2);
        outstanding.Add();
        _time.Advance(TimeSpan.FromMinutes(5));
        var whileBusy = _collections;
        outstanding.Complete();
        _time.Advance(IdleMemoryTrimmer.IdleDelay);

        whileBusy.ShouldBe(0);
        _collections.ShouldBe(1);
    }

    [Fact]
    public void Response_WithRequestsStillOpen_SchedulesNothing()
    {
        using var trimmer = CreateTrimmer();
        var outstanding = new OutstandingRequests(trimmer);

        outstanding.Add();
        outstanding.Add();
        outstanding.Complete();
        _time.Advance(TimeSpan.FromMinutes(5));

        _collections.ShouldBe(0);
    }

    [Fact]
    public void ScheduleAfterIdle_NoRequests_CollectsAfterDelay()
    {
        using var trimmer = CreateTrimmer();

        trimmer.ScheduleAfterIdle();
        _time.Advance(IdleMemoryTrimmer.IdleDelay);

        _collections.ShouldBe(1);
    }

    private IdleMemoryTrimmer CreateTrimmer() => new(_time, () => _collections++);
}
