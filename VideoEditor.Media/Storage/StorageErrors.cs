namespace VideoEditor.Media.Storage;

/// <summary>What a failed write says about the storage behind it.</summary>
public static class StorageErrors
{
    // errno values (Linux) that .NET carries in IOException.HResult when it has no exception type of its own for them.
    private const int NoSpace = 28; // ENOSPC
    private const int FileTooLarge = 27; // EFBIG
    private const int QuotaExceeded = 122; // EDQUOT

    /// <summary>Whether the write failed because the file system (or the user's quota) has no room left.</summary>
    public static bool IsOutOfSpace(Exception exception) =>
        exception is IOException { HResult: NoSpace or FileTooLarge or QuotaExceeded } ||
        (exception is IOException && exception.InnerException is { } inner && IsOutOfSpace(inner));
}
