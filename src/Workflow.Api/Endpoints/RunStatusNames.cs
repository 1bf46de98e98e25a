using Workflow.Execution;

namespace Workflow.Api.Endpoints;

/// <summary>The kebab-case names of run states, as the JSON contract writes them.</summary>
internal static class RunStatusNames
{
    public static readonly string[] All = ["queued", "running", "succeeded", "failed", "cancelled", "suspended"];

    public static string Name(RunStatus status) => All[(int)status];

    public static bool TryParse(string text, out RunStatus status)
    {
        var index = Array.IndexOf(All, text.Trim().ToLowerInvariant());
        status = index < 0 ? default : (RunStatus)index;
        return index >= 0;
    }
}
