using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Stack;

/// <summary>Which image each service runs, on machines that hold or can pull different things.</summary>
public sealed class StackImagesTests
{
    private static readonly string[] AllStandIns = [.. StackImages.StandIns.Values.Select(image => ContainerImage.Normalize(image.ToString()))];

    [Fact]
    public void A_machine_that_can_pull_runs_the_pinned_images()
    {
        var choice = StackImages.Choose(StackImages.Pinned, Held(AllStandIns), host => host == "registry-1.docker.io");

        Assert.Equal(StackImages.Pinned, choice.Images);
        Assert.Empty(choice.Notes);
        Assert.Empty(choice.Unavailable);
    }

    [Fact]
    public void A_machine_that_holds_an_image_runs_it_without_a_registry()
    {
        var choice = StackImages.Choose(StackImages.Pinned, Held(["redis:8.6", .. AllStandIns]), _ => false);

        Assert.Equal(StackImages.Pinned[StackImage.Redis], choice.Images[StackImage.Redis]);
        Assert.Equal(StackImages.StandIns[StackImage.Prometheus], choice.Images[StackImage.Prometheus]);
    }

    [Fact]
    public void Without_a_registry_the_stand_ins_serve_and_grafana_alone_is_unavailable()
    {
        var choice = StackImages.Choose(StackImages.Pinned, Held(AllStandIns), _ => false);

        Assert.Equal(StackImages.StandIns, choice.Images);
        Assert.Equal(4, choice.Notes.Count);
        Assert.Contains("Prometheus: docker.io/prom/prometheus:v3.5.0 is not on this machine and registry-1.docker.io does not resolve; using the stand-in localhost/video-editor/prometheus-stand-in:bookworm", choice.Notes);
        Assert.Equal([StackImage.Grafana], choice.Unavailable.Keys);
        Assert.Empty(choice.MissingRequired);
    }

    [Fact]
    public void Without_a_registry_or_stand_ins_every_image_is_unavailable_and_says_how_to_build_them()
    {
        var choice = StackImages.Choose(StackImages.Pinned, Held(), _ => false);

        Assert.Equal([StackImage.Redis, StackImage.Prometheus, StackImage.Alertmanager, StackImage.MailCatcher], choice.MissingRequired.Order());
        Assert.EndsWith($"nor is its stand-in (built by {StackImages.StandInScript})", choice.Unavailable[StackImage.Redis]);
    }

    [Fact]
    public void A_configured_local_image_that_is_missing_falls_back_to_the_stand_in()
    {
        var configured = new Dictionary<StackImage, ContainerImage>(StackImages.Pinned)
        {
            [StackImage.Prometheus] = ContainerImage.Parse("localhost/mine/prometheus:dev"),
        };

        var choice = StackImages.Choose(configured, Held(AllStandIns), _ => true);

        Assert.Equal(StackImages.StandIns[StackImage.Prometheus], choice.Images[StackImage.Prometheus]);
        Assert.Contains("Prometheus: localhost/mine/prometheus:dev is not on this machine; using the stand-in localhost/video-editor/prometheus-stand-in:bookworm", choice.Notes);
    }

    private static HashSet<string> Held(params IEnumerable<string> images) => [.. images];
}
