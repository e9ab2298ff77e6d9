namespace VideoEditor.AppHost.Redis;

public static class RedisContainerExtensions
{
    /// <summary>
    /// Adds <paramref name="arguments"/> to the container's <c>redis-server</c>. Aspire's integration starts it through
    /// <c>/bin/sh -c "redis-server …"</c> (to read the password from the environment), so an argument added the usual
    /// way would go to the shell: they join that one command instead, quoted for the shell where needed.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithServerArguments(this IResourceBuilder<RedisResource> redis, IEnumerable<string> arguments) =>
        redis.WithArgs(context =>
        {
            if (context.Args is not [.., "-c", string command])
            {
                throw new InvalidOperationException($"{redis.Resource.Name}: the Redis integration no longer starts redis-server through 'sh -c'.");
            }

            context.Args[^1] = $"{command} {string.Join(' ', arguments.Select(Quote))}";
        });

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
