using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Messaging.Amqp;

namespace ClusterFunctions.Messaging.Listener;

/// <summary>The queue trigger's decoder: Core's request parser and validator, so queue and HTTP refuse the same requests with the same words.</summary>
public static class ClusterRequestDecoder
{
    /// <summary>A decoder for <see cref="QueueListener{T}"/> that checks requests against the catalog.</summary>
    public static Func<ReceivedMessage, ValidationResult<ClusterRequest>> Create(Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return message =>
        {
            var (request, problems) = ClusterRequestParser.Parse(message.Body.Span);
            if (request is null)
            {
                return ValidationResult<ClusterRequest>.Invalid(problems.Select(Describe));
            }

            var errors = ClusterRequestValidator.Validate(request, catalog);
            return errors.Count == 0 ? ValidationResult<ClusterRequest>.Valid(request) : ValidationResult<ClusterRequest>.Invalid(errors.Select(Describe));
        };
    }

    static string Describe(CatalogProblem problem) => problem.Path.Length == 0 ? problem.Message : $"{problem.Path}: {problem.Message}";
}
