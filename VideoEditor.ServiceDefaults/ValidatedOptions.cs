using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ValidatedOptions
{
    /// <summary>
    /// Options bound from the configuration section <paramref name="section"/>, checked against their data annotations
    /// when the service starts: a wrong setting stops it at once with a message naming the setting, not at first use.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
