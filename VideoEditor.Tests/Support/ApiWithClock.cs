namespace VideoEditor.Tests.Support;

/// <summary>
/// The in-process api with one video uploaded once, for a test class whose tests only read it (a class fixture:
/// every class gets an api and an upload of its own).
/// </summary>
public abstract class ApiWithUpload(Dictionary<string, string> settings, Func<TestMedia, string> file) : ApiHost(settings)
{
    public VideoDto Video { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Video = await Api.UploadAsync(file(await TestMedia.GetAsync()));
    }
}

/// <summary>The in-process api with the clock video uploaded.</summary>
public sealed class ApiWithClock() : ApiWithUpload([], media => media.Clock)
{
    public VideoDto Clock => Video;
}
