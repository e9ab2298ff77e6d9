using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Stack;

public sealed class ContainerImageTests
{
    [Theory]
    [InlineData("redis:8.6", "docker.io", "library/redis", "8.6")]
    [InlineData("prom/prometheus:v3.5.0", "docker.io", "prom/prometheus", "v3.5.0")]
    [InlineData("docker.io/rnwood/smtp4dev:3.15.0", "docker.io", "rnwood/smtp4dev", "3.15.0")]
    [InlineData("localhost/video-editor/redis-stand-in:bookworm", "localhost", "video-editor/redis-stand-in", "bookworm")]
    [InlineData("mirror.example.org:5000/prom/alertmanager:v0.28.1", "mirror.example.org:5000", "prom/alertmanager", "v0.28.1")]
    public void Parses_a_reference_as_docker_does(string reference, string registry, string repository, string tag)
    {
        Assert.Equal(new ContainerImage(registry, repository, tag), ContainerImage.Parse(reference));
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("mirror.example.org:5000/redis")]
    [InlineData("redis:")]
    [InlineData("redis@sha256:0123")]
    public void Refuses_a_reference_without_a_tag(string reference)
    {
        Assert.Throws<FormatException>(() => ContainerImage.Parse(reference));
    }

    [Theory]
    [InlineData("docker.io/library/redis:8.6", "registry-1.docker.io", false)]
    [InlineData("mirror.example.org/redis:8.6", "mirror.example.org", false)]
    [InlineData("localhost/video-editor/redis-stand-in:bookworm", "localhost", true)]
    [InlineData("localhost:5000/redis:8.6", "localhost:5000", true)]
    public void Knows_where_an_image_is_pulled_from(string reference, string host, bool localOnly)
    {
        var image = ContainerImage.Parse(reference);

        Assert.Equal(host, image.RegistryHost);
        Assert.Equal(localOnly, image.IsLocalOnly);
    }

    [Theory]
    [InlineData("docker.io/library/redis:8.6", "redis:8.6")]
    [InlineData("redis:8.6", "redis:8.6")]
    [InlineData("docker.io/prom/prometheus:v3.5.0", "prom/prometheus:v3.5.0")]
    [InlineData("localhost/video-editor/redis-stand-in:bookworm", "localhost/video-editor/redis-stand-in:bookworm")]
    public void Spells_docker_and_podman_listings_alike(string listed, string normalized)
    {
        Assert.Equal(normalized, ContainerImage.Normalize(listed));
        Assert.Equal(normalized, ContainerImage.Normalize(ContainerImage.Parse(listed).ToString()));
    }
}
