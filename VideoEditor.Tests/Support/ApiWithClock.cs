namespace VideoEditor.Tests.Support;

/// <summary>
/// The in-process api with the clock video uploaded once, for a test class whose tests only read it (a class fixture:
/// every class gets an api and an upload of its own).
/// </summary>
public sealed class ApiWithClock : ApiHost
{
    public VideoDto Clock { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock = await Api.UploadAsync((await TestMedia.GetAsync()).Clock);
    }
}
