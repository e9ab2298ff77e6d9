namespace VideoEditor.Tests.Support;

/// <summary>
/// A real, small file system that fills up: a tmpfs mounted over a folder until disposed. Mounting needs root; a
/// test that uses it is skipped otherwise.
/// </summary>
public sealed class SmallFileSystem : IAsyncDisposable
{
    private readonly string _folder;

    private SmallFileSystem(string folder) => _folder = folder;

    public static async Task<SmallFileSystem> MountAsync(string folder, long sizeBytes)
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "mounting a small file system needs root");
        var mount = await ExternalCommand.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", folder]);
        Assert.True(mount.ExitCode == 0, mount.ToString());
        return new SmallFileSystem(folder);
    }

    public async ValueTask DisposeAsync()
    {
        var unmount = await ExternalCommand.RunAsync("umount", [_folder]);
        Assert.True(unmount.ExitCode == 0, unmount.ToString());
    }
}
