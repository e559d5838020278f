using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Configuration;

namespace ClusterFunctions.Functions.Tests.Security;

public class AuthSettingsTests
{
    private const string Key = "0123456789abcdef0123";

    private static IConfigurationSection Auth(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build().GetSection("Auth");

    private static AuthOptions Bound(IConfigurationSection auth)
    {
        var options = new AuthOptions();
        AuthSettings.Bind(auth, options);
        return options;
    }

    [Fact]
    public void Roles_AsCommaSeparatedText_AreRead()
    {
        var auth = Auth(("Auth:Keys:ci:Value", Key), ("Auth:Keys:ci:Roles", "platform, approver"));

        Assert.Equal(["platform", "approver"], Bound(auth).Keys["ci"].Roles);
        Assert.Empty(AuthSettings.Problems(auth));
    }

    [Fact]
    public void Roles_AsAList_AreRead()
    {
        var auth = Auth(("Auth:Keys:ci:Value", Key), ("Auth:Keys:ci:Roles:0", "developer"), ("Auth:Keys:ci:Roles:1", "approver"));

        Assert.Equal(["developer", "approver"], Bound(auth).Keys["ci"].Roles);
        Assert.Empty(AuthSettings.Problems(auth));
    }

    [Theory]
    [InlineData("Auth:Keys:ci:Rolez", "developer", "Auth:Keys:ci:Rolez: unknown setting")]
    [InlineData("Auth:Key:ci:Value", Key, "Auth:Key: unknown setting")]
    [InlineData("Auth:EntraId:Tenant", "x", "Auth:EntraId:Tenant: unknown setting")]
    [InlineData("Auth:EntraId:Audience", "api://cf", "Auth:EntraId:Authority: required")]
    [InlineData("Auth:EntraId:Authority", "https://login.microsoftonline.com/t/v2.0", "Auth:EntraId:Audience: required")]
    [InlineData("Auth:EntraId:RequireHttpsMetadata", "yes", "Auth:EntraId:RequireHttpsMetadata: must be true or false")]
    public void MistypedSetting_IsNamedWithItsRule(string setting, string value, string problem)
    {
        var auth = Auth(("Auth:Keys:ok:Value", Key), ("Auth:Keys:ok:Roles", "developer"), (setting, value));

        Assert.Contains(AuthSettings.Problems(auth), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Key_WithoutRolesShortOrShared_IsRefused()
    {
        var auth = Auth(
            ("Auth:Keys:a:Value", "short"), ("Auth:Keys:a:Roles", "developer"),
            ("Auth:Keys:b:Value", Key),
            ("Auth:Keys:c:Value", Key), ("Auth:Keys:c:Roles", "developer"),
            ("Auth:Keys:d:Value", FunctionKeys.Generate()), ("Auth:Keys:d:Roles", "dev eloper"),
            ("Auth:Keys:e:Value", FunctionKeys.Generate()), ("Auth:Keys:e:Roles", "a"), ("Auth:Keys:e:Roles:0", "b"));

        var problems = AuthSettings.Problems(auth);

        Assert.Contains(problems, p => p.StartsWith("Auth:Keys:a:Value: must be at least 16 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auth:Keys:b:Roles: required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auth:Keys:c:Value: the same key as Auth:Keys:b:Value", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auth:Keys:d:Roles: 'dev eloper' is not a role name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auth:Keys:e:Roles: given both as a list and as \"a\"", StringComparison.Ordinal));
    }
}
