using System.Text.Json.Nodes;
using Workflow.Cli.Commands;

namespace Workflow.Cli.Smoke;

/// <summary>The pipeline a smoke check applies: the built-in one, or a file made to fit (owner set, no schedules).</summary>
public static class SmokeDefinition
{
    public static async Task<JsonObject> LoadAsync(FileInfo? file, string ownerGroup, CancellationToken ct)
    {
        if (file is null)
        {
            return SmokePipeline.Definition(ownerGroup);
        }

        var json = await ApplyCommand.ReadAsync(file, ct);
        ApplyCommand.PipelineId(json, file.Name);
        var definition = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!
            .AsObject();
        definition["ownerGroup"] = ownerGroup;
        definition.Remove("schedules");
        return definition;
    }
}
