using System.CommandLine;
using System.Text;
using System.Text.Json;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Commands;

/// <summary><c>wf pipelines list|show|apply|delete|backfill</c>.</summary>
public static class PipelinesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var list = new Command("list", "List the pipelines you can see.");
        runner.SetAction(list, async (_, session, ct) =>
        {
            var pipelines = await session.Api.Pipelines.ListAsync(ct);
            if (pipelines.Count == 0)
            {
                await session.Out.WriteLineAsync("No pipelines. Create one with: wf pipelines apply -f pipeline.json");
                return ExitCodes.Ok;
            }

            session.Env.Console.Write(Tables.Pipelines(pipelines));
            return ExitCodes.Ok;
        });

        var showId = new Argument<string>("id") { Description = "The pipeline id." };
        var show = new Command("show", "Print a pipeline's definition as JSON.") { showId };
        runner.SetAction(show, async (parse, session, ct) =>
        {
            var id = parse.GetValue(showId)!;
            var stored = await session.Api.Pipelines.FindAsync(id, ct)
                ?? throw new CliUsageException($"There is no pipeline '{id}' (or it belongs to a group you are not in). " +
                    "See the ones you can use with: wf pipelines list");
            await session.Out.WriteLineAsync(Indented(stored.Definition));
            return ExitCodes.Ok;
        });

        var deleteId = new Argument<string>("id") { Description = "The pipeline id." };
        var delete = new Command("delete", "Delete a pipeline (its finished runs stay until retention removes them).")
        {
            deleteId,
        };
        runner.SetAction(delete, async (parse, session, ct) =>
        {
            var id = parse.GetValue(deleteId)!;
            await session.Api.Pipelines.DeleteAsync(id, ct);
            await session.Out.WriteLineAsync($"Deleted pipeline {id}.");
            return ExitCodes.Ok;
        });

        return new Command("pipelines", "Create, read, update, delete and list pipelines.")
        {
            list, show, ApplyCommand.Create(runner), delete, BackfillCommand.Create(runner),
        };
    }

    public static string Indented(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
