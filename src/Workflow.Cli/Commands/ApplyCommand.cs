using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflow.Cli.Api;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf pipelines apply -f file.json</c>: creates the pipeline, or updates it over exactly the version just read
/// (If-Match), so a concurrent change is reported instead of silently overwritten.
/// </summary>
public static partial class ApplyCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The pipeline definition (JSON).", Required = true };
        var command = new Command("apply", "Create or update a pipeline from a JSON file.") { file };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var path = parse.GetValue(file)!;
            var json = await ReadAsync(path, ct);
            var id = PipelineId(json, path.Name);
            var current = await session.Api.Pipelines.FindAsync(id, ct);
            if (current is null)
            {
                var created = await session.Api.Pipelines.CreateAsync(json, ct);
                await session.Out.WriteLineAsync($"Created pipeline {id}{VersionText(created.ETag)}.");
                await WarnAsync(session, created);
                return ExitCodes.Ok;
            }

            var etag = current.ETag ?? VersionETag(current.Definition);
            var updated = await session.Api.Pipelines.UpdateAsync(id, json, etag, ct);
            var from = Version(etag);
            var to = Version(updated.ETag);
            await session.Out.WriteLineAsync(from is not null && from == to
                ? $"Pipeline {id} is unchanged (version {to})."
                : from is not null && to is not null
                    ? $"Updated pipeline {id}: version {from} -> {to}."
                    : $"Updated pipeline {id}{VersionText(updated.ETag)}.");
            await WarnAsync(session, updated);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The server's warnings on stderr, as kubectl prints an apply's: the pipeline was saved (exit 0), but the file
    /// does something its author may not expect.
    /// </summary>
    private static async Task WarnAsync(Session session, ApplyResult result)
    {
        foreach (var warning in result.Warnings)
        {
            await session.Env.Error.WriteLineAsync($"Warning: {warning}");
        }
    }

    /// <summary>Reads the file and checks it is a JSON object with an id, naming the line of a syntax error.</summary>
    public static async Task<string> ReadAsync(FileInfo path, CancellationToken ct)
    {
        if (!path.Exists)
        {
            throw new CliUsageException($"The file '{path.FullName}' does not exist. Pass a pipeline definition with -f FILE.json.");
        }

        return await File.ReadAllTextAsync(path.FullName, ct);
    }

    public static string PipelineId(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new CliUsageException($"'{fileName}' is not valid JSON{where}: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliUsageException($"'{fileName}' must hold one JSON object (a pipeline definition), not {root.ValueKind}.");
            }

            if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                throw new CliUsageException(
                    $"'{fileName}' has no \"id\": give the pipeline an id, for example \"id\": \"daily-report\".");
            }

            return id.GetString()!;
        }
    }

    private static string VersionETag(JsonElement definition) =>
        definition.TryGetProperty("version", out var v) && v.TryGetInt32(out var n)
            ? string.Create(CultureInfo.InvariantCulture, $"\"v{n}\"")
            : "*";

    private static string? Version(string? etag) => etag is null ? null : VersionPattern().Match(etag) is { Success: true } m
        ? m.Groups[1].Value
        : null;

    private static string VersionText(string? etag) => Version(etag) is { } v ? $" (version {v})" : string.Empty;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^(?:W/)?\"?v(\\d+)\"?$")]
    private static partial Regex VersionPattern();
}
