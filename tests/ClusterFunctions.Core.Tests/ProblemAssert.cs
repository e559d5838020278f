using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Core.Tests;

/// <summary>Asserts that a problem with this file, path and message fragment was reported.</summary>
public static class ProblemAssert
{
    public static void Has(IReadOnlyList<CatalogProblem> problems, string file, string path, string messageFragment)
    {
        Assert.True(
            problems.Any(p => p.File == file && p.Path == path && p.Message.Contains(messageFragment, StringComparison.Ordinal)),
            $"expected a problem '{file}: {path}: ...{messageFragment}...', got:\n{string.Join('\n', problems)}");
    }
}
