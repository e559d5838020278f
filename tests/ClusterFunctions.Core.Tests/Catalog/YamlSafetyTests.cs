using System.Text;
using ClusterFunctions.Core.Catalog.Yaml;

namespace ClusterFunctions.Core.Tests.Catalog;

public class YamlSafetyTests
{
    [Fact]
    public void Validate_MalformedYaml_ReportsFileAndLine()
    {
        using var fixture = new CatalogFixture().Write("apps/broken.yaml", "kind: AppBundle\nname: broken\nmanifests: [\n  - a: b\n");

        var problems = fixture.Validate();

        ProblemAssert.Has(problems, "apps/broken.yaml", "", "invalid YAML: line");
    }

    [Fact]
    public void Validate_AliasBomb_IsRefusedWithoutExpanding()
    {
        var bomb = new StringBuilder("kind: AppBundle\nname: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 30; i++)
        {
            bomb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        using var fixture = new CatalogFixture().Write("apps/bomb.yaml", bomb.ToString());

        var problems = fixture.Validate();

        ProblemAssert.Has(problems, "apps/bomb.yaml", "", "anchors (&a0) are not allowed");
    }

    [Fact]
    public void Read_Alias_IsRefused()
    {
        var e = Assert.Throws<YamlDocumentException>(() => SafeYamlReader.Read("a: 1\nb: *x\n", YamlLimits.Catalog));

        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Validate_HugeDocument_IsRefusedBySize()
    {
        using var fixture = new CatalogFixture().Write("apps/huge.yaml", "kind: AppBundle\nname: huge\ndescription: " + new string('x', 1_100_000) + "\n");

        var problems = fixture.Validate();

        ProblemAssert.Has(problems, "apps/huge.yaml", "", "file is larger than 1048576 bytes");
    }

    [Fact]
    public void Read_DeepNesting_IsRefused()
    {
        var deep = new string('[', 100) + new string(']', 100);

        var e = Assert.Throws<YamlDocumentException>(() => SafeYamlReader.Read(deep, YamlLimits.Catalog));

        Assert.Contains("nesting is deeper than 64 levels", e.Message);
    }

    [Fact]
    public void Read_TooManyNodes_IsRefused()
    {
        var e = Assert.Throws<YamlDocumentException>(() => SafeYamlReader.Read("[" + string.Join(",", Enumerable.Repeat("1", 200)) + "]", new YamlLimits(10_000, 8, 100)));

        Assert.Contains("more than 100 nodes", e.Message);
    }

    [Fact]
    public void Validate_DuplicateKey_IsReported()
    {
        using var fixture = new CatalogFixture().Write("apps/dup.yaml", "kind: AppBundle\nname: dup\nname: dup2\n");

        ProblemAssert.Has(fixture.Validate(), "apps/dup.yaml", "", "duplicate key 'name'");
    }

    [Fact]
    public void Read_CustomTag_IsRefused()
    {
        var e = Assert.Throws<YamlDocumentException>(() => SafeYamlReader.Read("a: !evil 1\n", YamlLimits.Catalog));

        Assert.Contains("custom tags", e.Message);
    }

    [Fact]
    public void Read_TwoDocuments_AreRefused()
    {
        var e = Assert.Throws<YamlDocumentException>(() => SafeYamlReader.Read("a: 1\n---\nb: 2\n", YamlLimits.Catalog));

        Assert.Contains("only one YAML document per file", e.Message);
    }

    [Fact]
    public void Read_Scalars_FollowTheCoreSchema()
    {
        var node = SafeYamlReader.Read("i: 42\nq: \"42\"\nb: true\nf: 1.5\nn: null\ns: 1.32.4\n", YamlLimits.Catalog)!;

        Assert.Equal("{\"i\":42,\"q\":\"42\",\"b\":true,\"f\":1.5,\"n\":null,\"s\":\"1.32.4\"}", node.ToJsonString());
    }

    // Found by ./bench/run hostile: damaged files that made the reader throw instead of naming a line.
    [Theory]
    [InlineData("a: ! x\n")]
    [InlineData("a: !!binary AAAA\n")]
    [InlineData("? complex\n")]
    [InlineData("a: !<tag:example.com,2000:x> y\n")]
    [InlineData("- ! [1]\n")]
    [InlineData("a: ! {b: 1}\n")]
    [InlineData("kind: PolicyBundle\nkey: [\nparameters: \u0000\n  - x\n # comment")]
    [InlineData("kind: PolicyBundle\n{{\nname: x\n")]
    public void Read_OddOrDamagedDocuments_AreReadOrRefusedNamingALine_NeverAnotherException(string yaml)
    {
        try
        {
            SafeYamlReader.Read(yaml, YamlLimits.Catalog);
        }
        catch (YamlDocumentException e)
        {
            Assert.StartsWith("line ", e.Message);
        }
    }
}
