namespace VideoEditor.AppHost.Stack;

/// <summary>How the infrastructure (Redis, Prometheus, Alertmanager, Grafana, the mail catcher) is run.</summary>
public enum StackMode
{
    /// <summary>Containers when a container runtime answers, local executables otherwise.</summary>
    Auto,

    /// <summary>Everything as containers with pinned image tags.</summary>
    Containers,

    /// <summary>The same services as executables found on PATH.</summary>
    Local,
}
