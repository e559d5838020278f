using System.Text.Json;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Keeps a build's custom status inside what the Durable extension stores: 16 KB of UTF-16, 8,192 characters of JSON.
/// Past that the extension fails the orchestration itself, so the build would end with no step marked failed and no
/// completion event. Free texts (a step's error, what it waits for, the failure's cause) come from clouds and can be
/// long (an SDK that gave up lists every attempt); they are cut, with the number of characters left out.
/// </summary>
public static class StatusBudget
{
    /// <summary>Characters of serialized status allowed, with room for the serializer's own choices.</summary>
    public const int MaxCharacters = 7_000;

    private const int StepText = 400;
    private const int CauseText = 1_000;
    private const int TightText = 120;

    public static ClusterBuildStatus Fit(ClusterBuildStatus status)
    {
        var fitted = Cut(status, StepText, CauseText);
        return Size(fitted) <= MaxCharacters ? fitted : Cut(status, TightText, TightText * 4);
    }

    /// <summary><paramref name="text"/>, or its first <paramref name="limit"/> characters and how many were left out.</summary>
    public static string? Shorten(string? text, int limit) =>
        text is null || text.Length <= limit ? text : $"{text[..limit]}… ({text.Length - limit} more characters)";

    public static int Size(ClusterBuildStatus status) => JsonSerializer.Serialize(status).Length;

    private static ClusterBuildStatus Cut(ClusterBuildStatus status, int stepText, int causeText) => status with
    {
        Steps = status.Steps.Select(s => s with { Error = Shorten(s.Error, stepText), Waiting = Shorten(s.Waiting, stepText) }).ToList(),
        Failure = status.Failure is { } failure ? failure with { Cause = Shorten(failure.Cause, causeText)! } : null,
    };
}
