using System.Diagnostics;
using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Stack;

/// <summary>The engine probe run against stand-in CLIs: one whose engine answers, one without engine, one that hangs.</summary>
public sealed class ContainerEngineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("probe-").FullName;

    [Fact]
    public void A_docker_engine_that_prints_its_server_version_answers_with_its_system()
    {
        var cli = FakeCli("docker", """[ "$1 $2 $3" = "info --format {{.ServerVersion}}|{{.OperatingSystem}}" ] && echo '20.10.24|Debian GNU/Linux 12 (bookworm)'""");

        var engine = ContainerEngine.Ask(cli, TimeSpan.FromSeconds(5));

        Assert.Equal(new ContainerEngine("docker", cli, "Debian GNU/Linux 12 (bookworm)"), engine);
        Assert.False(engine!.ReachesHostLoopback);
        Assert.Equal("host.docker.internal", engine.HostName);
    }

    [Fact]
    public void Docker_desktop_forwards_the_host_loopback()
    {
        var cli = FakeCli("docker", "echo '28.3.0|Docker Desktop'");

        Assert.True(ContainerEngine.Ask(cli, TimeSpan.FromSeconds(5))!.ReachesHostLoopback);
    }

    [Fact]
    public void A_podman_engine_is_asked_in_its_own_format_and_names_the_host_its_way()
    {
        var cli = FakeCli("podman", """[ "$3" = "{{.Version.Version}}|{{.Host.Distribution.Distribution}}" ] && echo '4.3.1|debian'""");

        var engine = ContainerEngine.Ask(cli, TimeSpan.FromSeconds(5));

        Assert.Equal("podman", engine!.Runtime);
        Assert.Equal("host.containers.internal", engine.HostName);
    }

    [Fact]
    public void Lists_the_images_it_holds_in_one_spelling()
    {
        var cli = FakeCli("podman", """
            case "$1" in
              info) echo '4.3.1|debian' ;;
              images) printf 'docker.io/library/redis:8.6\nlocalhost/video-editor/redis-stand-in:bookworm\ndocker.io/prom/prometheus:v3.5.0\n' ;;
            esac
            """);

        var images = ContainerEngine.Ask(cli, TimeSpan.FromSeconds(5))!.LocalImages(TimeSpan.FromSeconds(5));

        Assert.Equal(["localhost/video-editor/redis-stand-in:bookworm", "prom/prometheus:v3.5.0", "redis:8.6"], images.Order());
    }

    [Fact]
    public void A_client_without_an_engine_does_not_answer()
    {
        var cli = FakeCli("docker", "echo 'Cannot connect to the Docker daemon' >&2; exit 1");

        Assert.Null(ContainerEngine.Ask(cli, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_hung_engine_is_cut_off_by_the_timeout()
    {
        var cli = FakeCli("podman", "sleep 30; echo '5.0|debian'");
        var clock = Stopwatch.StartNew();

        Assert.Null(ContainerEngine.Ask(cli, TimeSpan.FromMilliseconds(500)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_missing_cli_does_not_answer()
    {
        Assert.Null(ContainerEngine.Ask(Path.Combine(_directory, "nerdctl"), TimeSpan.FromSeconds(1)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string FakeCli(string name, string script)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{script}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
