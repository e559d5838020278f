using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Tests.Plans;

public class DependencyOrderTests
{
    [Fact]
    public void Levels_Diamond_PutsEachAppAfterItsDependencies()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>
        {
            ["app"] = ["cache", "queue"],
            ["cache"] = ["base"],
            ["queue"] = ["base"],
            ["base"] = [],
            ["solo"] = [],
        };

        var (levels, cycle) = DependencyOrder.Levels(graph);

        Assert.Empty(cycle);
        Assert.Equal([["base", "solo"], ["cache", "queue"], ["app"]], levels);
    }

    [Fact]
    public void Levels_Cycle_ReturnsTheCycleAndNoLevels()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"] };

        var (levels, cycle) = DependencyOrder.Levels(graph);

        Assert.Empty(levels);
        Assert.Equal(["a", "b", "c", "a"], cycle);
    }
}
