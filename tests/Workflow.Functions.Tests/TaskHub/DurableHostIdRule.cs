namespace Workflow.Functions.Tests.TaskHub;

/// <summary>
/// The instance id rule of the Durable Functions host (Microsoft.Azure.WebJobs.Extensions.DurableTask, which the
/// Functions app's host runs), as its messages state it: "must not start with @", "must not contain /, \, #, ?, or
/// control characters", "lengths must not exceed 100". Azure Table storage refuses the same characters in the
/// keys the backend stores instance ids under. Azurite checks neither, so the tests hold ids to the rule here.
/// </summary>
internal static class DurableHostIdRule
{
    public static string? Problem(string instanceId) =>
        instanceId.Length is 0 or > 100 ? "length"
        : instanceId.StartsWith('@') ? "starts with @"
        : instanceId.IndexOfAny(['/', '\\', '#', '?']) >= 0 || instanceId.Any(char.IsControl) ? "character"
        : null;
}
