namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>An ARM error response: status plus the error.code, error.message and error.target ARM sends.</summary>
internal sealed record ArmError(int Status, string Code, string Message, string? Target = null)
{
    public static ArmError InvalidParameter(string target, string message) => new(400, "InvalidParameter", message, target);
}
