namespace AiMemory.Security.RateLimiting;

/// <summary>Window arithmetic shared by the limiters: windows are aligned to the Unix epoch.</summary>
internal readonly struct FixedWindow(TimeSpan length)
{
    private readonly long _lengthTicks = length.Ticks;

    public TimeSpan Length => TimeSpan.FromTicks(_lengthTicks);

    public long IndexAt(DateTimeOffset now) => (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / _lengthTicks;

    public DateTimeOffset StartOf(long index) => DateTimeOffset.UnixEpoch.AddTicks(index * _lengthTicks);

    public RateLimitDecision Decide(long count, int limit, long index, DateTimeOffset now)
    {
        var resetAt = StartOf(index + 1);
        var allowed = count <= limit;
        var remaining = (int)Math.Clamp(limit - count, 0, limit);
        return new RateLimitDecision(allowed, limit, remaining, resetAt, allowed ? null : resetAt - now, Length);
    }
}
