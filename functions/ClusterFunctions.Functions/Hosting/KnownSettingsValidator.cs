using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>
/// Refuses settings in a section that <typeparamref name="TOptions"/> has no property for. The configuration binder
/// skips them without a word, so "Limits:MaxConcurrentBuildPerRequester" would leave the real limit at its default.
/// Unlike the binder's own ErrorOnUnknownConfiguration, this reports alongside every other problem, naming the setting.
/// </summary>
public sealed class KnownSettingsValidator<TOptions>(IConfiguration configuration, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    private static readonly string[] Known = typeof(TOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToArray();

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var unknown = configuration.GetSection(section).GetChildren()
            .Where(c => !Known.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{c.Path}: unknown setting (expected one of: {string.Join(", ", Known)})")
            .ToList();
        return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unknown);
    }
}
