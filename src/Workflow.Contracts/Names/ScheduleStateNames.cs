namespace Workflow.Contracts;

/// <summary>
/// Where a schedule stands, as the wire writes it; a string for the reason <see cref="RunStatusNames"/> gives.
/// </summary>
public static class ScheduleStateNames
{
    /// <summary>Enabled, inside its window, and it fires again.</summary>
    public const string Active = "active";

    /// <summary>Its window has not opened yet.</summary>
    public const string Pending = "pending";

    /// <summary>It never fires again.</summary>
    public const string Expired = "expired";

    /// <summary>Switched off (and not expired).</summary>
    public const string Disabled = "disabled";

    /// <summary>The definition cannot fire (only definitions from a pipeline source skip validation).</summary>
    public const string Invalid = "invalid";

    /// <summary>Every known state, in the order of the server's enum.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, Pending, Expired, Disabled, Invalid];
}
