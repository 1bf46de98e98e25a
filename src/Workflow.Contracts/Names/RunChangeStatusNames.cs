namespace Workflow.Contracts;

/// <summary>
/// The states a cancel, suspend or resume answers with when it accepted the change (202) and the run has not made it
/// yet: they are never a run's own status (<see cref="RunStatusNames"/>), which a client polls to see the change land.
/// </summary>
public static class RunChangeStatusNames
{
    /// <summary>A cancel was accepted; the run becomes <see cref="RunStatusNames.Cancelled"/>.</summary>
    public const string Cancelling = "cancelling";

    /// <summary>A suspend was accepted; the run becomes <see cref="RunStatusNames.Suspended"/>.</summary>
    public const string Suspending = "suspending";

    /// <summary>A resume was accepted; the run becomes <see cref="RunStatusNames.Running"/> again.</summary>
    public const string Resuming = "resuming";
}
