using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>
/// Turns the exceptions settings validation throws at start into the lines a person needs: which setting, which rule.
/// Without this the worker dies with a stack trace and the host shows only its last frames.
/// </summary>
public static class StartupSettingsErrors
{
    /// <summary>The settings problems behind <paramref name="exception"/>; empty when it is not about settings.</summary>
    public static IReadOnlyList<string> Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        Catalog.CatalogUnavailableException catalog => catalog.Problems,
        AggregateException all => all.InnerExceptions.SelectMany(Describe).ToList(),
        // The configuration binder's complaint about a value it cannot convert ("Limits:RetryAfter": "soon").
        InvalidOperationException convert when convert.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [convert.Message],
        _ => [],
    };
}
