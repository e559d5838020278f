namespace ClusterFunctions.Functions.Triggers;

/// <summary>What asking for a build did: started one, found the same request's build, refused, or rejected the input.</summary>
public enum ScheduleOutcome
{
    Started,
    AlreadyExists,
    NameTaken,
    RequestIdTaken,
    Invalid,
    NotFound,
    Forbidden,
    OverQuota,
}
