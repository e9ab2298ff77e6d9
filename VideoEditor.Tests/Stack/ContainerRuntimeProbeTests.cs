using System.Diagnostics;
using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Stack;

/// <summary>The probe run against stand-in CLIs: one whose engine answers, one without engine, one that hangs.</summary>
public sealed class ContainerRuntimeProbeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("probe-").FullName;

    [Fact]
    public void A_runtime_that_prints_its_server_version_answers()
    {
        var cli = FakeCli("docker", """[ "$1 $2 $3" = "info --format {{.ServerVersion}}" ] && echo 28.2.2""");

        Assert.True(ContainerRuntimeProbe.Answers(cli, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_client_without_an_engine_does_not_answer()
    {
        var cli = FakeCli("docker", "echo 'Cannot connect to the Docker daemon' >&2; exit 1");

        Assert.False(ContainerRuntimeProbe.Answers(cli, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_hung_engine_is_cut_off_by_the_timeout()
    {
        var cli = FakeCli("podman", "sleep 30; echo 5.0");
        var clock = Stopwatch.StartNew();

        Assert.False(ContainerRuntimeProbe.Answers(cli, TimeSpan.FromMilliseconds(500)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_missing_cli_does_not_answer()
    {
        Assert.False(ContainerRuntimeProbe.Answers(Path.Combine(_directory, "nerdctl"), TimeSpan.FromSeconds(1)));
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
