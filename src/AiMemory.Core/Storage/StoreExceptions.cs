namespace AiMemory.Core.Storage;

/// <summary>The base of every error the store reports to callers; its message is safe to show to a client.</summary>
public abstract class StoreException : Exception
{
    /// <summary>Creates the exception with a client-safe message.</summary>
    protected StoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Input that breaks a rule of the store, such as a priority out of range; the message names the rule.</summary>
public sealed class StoreValidationException(string message) : StoreException(message);

/// <summary>No record of that kind and id exists for the owner.</summary>
public sealed class RecordNotFoundException(string kind, string id)
    : StoreException($"{kind} {id} was not found.")
{
    /// <summary>The kind of record, such as <c>memory</c>.</summary>
    public string Kind { get; } = kind;
}

/// <summary>The stored version differs from the expected one, so the change was not applied.</summary>
public sealed class VersionConflictException(string kind, long id, int expectedVersion, int actualVersion)
    : StoreException(
        $"{kind} {id} is at version {actualVersion}, not {expectedVersion}: it changed since it was read. Read it again and retry.")
{
    /// <summary>The version the record has now.</summary>
    public int ActualVersion { get; } = actualVersion;
}

/// <summary>The database cannot be reached; the operation did not happen.</summary>
public sealed class StoreUnavailableException(Exception? innerException = null)
    : StoreException("Storage unavailable: the database did not respond. Try again shortly.", innerException);
