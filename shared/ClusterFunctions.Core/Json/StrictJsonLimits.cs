namespace ClusterFunctions.Core.Json;

/// <summary>What <see cref="StrictJsonParser"/> accepts at most, so a hostile document cannot cost memory or time.</summary>
/// <param name="MaxBytes">Size of the whole document in UTF-8 bytes.</param>
/// <param name="MaxDepth">Nesting of objects and arrays; the top-level object is depth 1.</param>
/// <param name="MaxStringLength">Length of any string value, in UTF-16 characters.</param>
/// <param name="MaxPropertyNameLength">Length of any property name, in UTF-16 characters.</param>
public sealed record StrictJsonLimits(int MaxBytes, int MaxDepth, int MaxStringLength, int MaxPropertyNameLength);
