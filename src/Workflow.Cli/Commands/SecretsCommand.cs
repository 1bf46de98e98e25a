using System.CommandLine;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf secrets set|list|delete</c>: a group's secrets. <c>set</c> reads the value from stdin or
/// <c>--from-file</c>, never from an argument, so it does not land in shell history; one trailing line break (what
/// <c>echo</c> and editors add) is dropped. No command prints a value: the server never returns one.
/// </summary>
public static class SecretsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var listGroup = GroupArgument();
        var list = new Command("list", "List a group's secrets: names, versions, who set them and when.") { listGroup };
        runner.SetAction(list, async (parse, session, ct) =>
        {
            var group = parse.GetValue(listGroup)!;
            var secrets = await session.Api.Secrets.ListAsync(group, ct);
            if (secrets.Count == 0)
            {
                await session.Out.WriteLineAsync(
                    $"No secrets in group {group}. Set one with: wf secrets set {group} NAME < value.txt");
                return ExitCodes.Ok;
            }

            session.Env.Console.Write(Tables.Secrets(secrets));
            return ExitCodes.Ok;
        });

        var setGroup = GroupArgument();
        var setName = NameArgument();
        var fromFile = new Option<FileInfo>("--from-file")
        {
            Description = "Read the value from this file instead of stdin.",
        };
        var set = new Command("set", "Set or replace a secret; the value comes from stdin or --from-file.")
        {
            setGroup, setName, fromFile,
        };
        runner.SetAction(set, async (parse, session, ct) =>
        {
            var (group, name) = (parse.GetValue(setGroup)!, parse.GetValue(setName)!);
            var value = TrimOneLineBreak(await ReadValueAsync(parse.GetValue(fromFile), session.Env, ct));
            var stored = await session.Api.Secrets.SetAsync(group, name, value, ct);
            await session.Out.WriteLineAsync($"Set secret {group}/{stored.Name} (version {stored.Version}).");
            return ExitCodes.Ok;
        });

        var deleteGroup = GroupArgument();
        var deleteName = NameArgument();
        var delete = new Command("delete", "Delete a secret.") { deleteGroup, deleteName };
        runner.SetAction(delete, async (parse, session, ct) =>
        {
            var (group, name) = (parse.GetValue(deleteGroup)!, parse.GetValue(deleteName)!);
            await session.Api.Secrets.DeleteAsync(group, name, ct);
            await session.Out.WriteLineAsync($"Deleted secret {group}/{name}.");
            return ExitCodes.Ok;
        });

        return new Command("secrets", "Set, list and delete a group's secrets (referenced as {{ secrets.NAME }}).")
        {
            list, set, delete,
        };
    }

    private static Argument<string> GroupArgument() => new("group") { Description = "The owner group." };

    private static Argument<string> NameArgument() => new("name") { Description = "The secret's name, e.g. DB_PASSWORD." };

    private static async Task<string> ReadValueAsync(FileInfo? file, CliEnvironment env, CancellationToken ct)
    {
        if (file is null)
        {
            return await env.In.ReadToEndAsync(ct);
        }

        if (!file.Exists)
        {
            throw new CliUsageException($"There is no file '{file.FullName}' to read the secret from.");
        }

        return await File.ReadAllTextAsync(file.FullName, ct);
    }

    private static string TrimOneLineBreak(string value) =>
        value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2]
        : value.EndsWith('\n') ? value[..^1]
        : value;
}
