using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Http;

/// <summary>Where the API's resources live: the groups the features hang their routes on, and the links to them.</summary>
public static class ApiRoutes
{
    /// <summary>Everything under it needs the API key and is measured in the API metrics.</summary>
    public const string Prefix = ApiMetricsMiddleware.ApiPrefix;

    public const string Videos = Prefix + "/videos";

    public const string Jobs = Prefix + "/jobs";

    public static string Video(string id) => $"{Videos}/{id}";

    public static string Job(string id) => $"{Jobs}/{id}";
}
