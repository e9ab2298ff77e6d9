namespace VideoEditor.AppHost.Redis;

/// <summary>
/// The two Redis of the stack and how each runs, as <c>redis-server</c> arguments shared by every mode. They are
/// separate servers so that the cache filling up can never evict or refuse a job: Redis applies one memory limit
/// and one eviction policy to everything it holds.
/// </summary>
public static class RedisRoles
{
    /// <summary>
    /// The thumbnail cache: at most <paramref name="maxMemory"/>, evicting the least recently used entry when full, and
    /// nothing written to disk (every entry can be made again; a restart costs misses only).
    /// </summary>
    public static string[] Cache(string maxMemory) =>
        ["--maxmemory", maxMemory, "--maxmemory-policy", "allkeys-lru", "--save", "", "--appendonly", "no"];

    /// <summary>
    /// The job queue, the jobs and the workers' presence: never evicts (a write that does not fit is refused, so a
    /// job is answered 503, never dropped after it was accepted), and every write goes to an append-only file.
    /// </summary>
    public static readonly string[] Queue = ["--maxmemory-policy", "noeviction", "--appendonly", "yes"];
}
