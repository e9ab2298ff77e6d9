namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A <c>redis-server</c> run as a local executable. Its connection string has the same shape as the container
/// integration's (<c>host:port</c>), so the services cannot tell the two apart.
/// </summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
