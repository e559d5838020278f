using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Tests;

/// <summary>A security setting the app does not understand stops it, naming the setting, instead of weakening it.</summary>
public class SecuritySettingsTests
{
    [Fact]
    public async Task App_WithMistypedSecuritySettings_RefusesToStartNamingEachSetting()
    {
        var state = Directory.CreateTempSubdirectory("cf-settings-").FullName;
        var settings = TestApps.Settings(state, [
            new("Auth:Keys:ci:Value", FunctionKeys.Generate()),
            new("Auth:Keys:ci:Role", "platform"),
            new("Limits:MaxConcurrentBuildPerRequester", "5"),
            new("Limits:RetryAfter", "60"),
        ]);

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestApps.StartAsync(settings)).DisposeAsync());
        Directory.Delete(state, recursive: true);

        Assert.Contains("Auth:Keys:ci:Role: unknown setting", refused.Message);
        Assert.Contains("Auth:Keys:ci:Roles: required", refused.Message);
        Assert.Contains("Limits:MaxConcurrentBuildPerRequester: unknown setting", refused.Message);
        Assert.Contains("RetryAfter", refused.Message);
        Assert.DoesNotContain("   at ", refused.Message);
    }
}
