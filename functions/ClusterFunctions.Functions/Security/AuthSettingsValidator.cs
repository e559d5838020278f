using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Security;

/// <summary>Fails the start (ValidateOnStart) with every problem <see cref="AuthSettings"/> finds in the "Auth" section.</summary>
public sealed class AuthSettingsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = AuthSettings.Problems(configuration.GetSection("Auth"));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
