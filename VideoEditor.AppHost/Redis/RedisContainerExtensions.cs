namespace VideoEditor.AppHost.Redis;

public static class RedisContainerExtensions
{
    /// <summary>
    /// Adds <paramref name="arguments"/> to the container's <c>redis-server</c>. Aspire's integration starts it through
    /// <c>/bin/sh -c "redis-server …"</c> (to read the password from the environment): in a manifest the arguments join
    /// that one command; when the AppHost runs the container they are added one by one, and joined into the same
    /// command unquoted (seen with Docker: an empty argument vanished). Either way the shell reads them, so each is
    /// quoted for the shell where needed.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithServerArguments(this IResourceBuilder<RedisResource> redis, IEnumerable<string> arguments) =>
        redis.WithArgs(context =>
        {
            if (context.Args is [.., "-c", string command])
            {
                context.Args[^1] = $"{command} {string.Join(' ', arguments.Select(Quote))}";
                return;
            }

            foreach (var argument in arguments)
            {
                context.Args.Add(Quote(argument));
            }
        });

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
