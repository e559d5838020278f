using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster validate</c>: every problem in the catalog at once; exit 1 when there is any.</summary>
public sealed class ValidateCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("check the catalog and print every problem", ["--catalog"], []);

    public Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var directory = CatalogLocator.Find(arguments.Get("--catalog"));
        var loaded = CatalogLoader.Load(directory);
        var problems = CatalogValidator.Validate(loaded);
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            error.WriteLine($"{problems.Count} problem(s) in {directory}");
            return Task.FromResult(1);
        }

        var catalog = loaded.Catalog;
        output.WriteLine($"catalog {directory} is valid: {ProfileComposer.ConcreteProfiles(catalog).Count()} profiles, {catalog.Apps.Count} app bundles, {catalog.Policies.Count} policy bundles");
        return Task.FromResult(0);
    }
}
