using System.CommandLine;
using Workflow.Cli.Api;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf login</c>: gets a token from the development issuer (<c>--dev</c>) or saves a given one (<c>--token</c>),
/// so later commands authenticate without flags.
/// </summary>
public static class LoginCommand
{
    public static Command Create(CommandRunner runner, GlobalOptions global)
    {
        var dev = new Option<bool>("--dev") { Description = "Get a token from the server's development issuer." };
        var user = new Option<string?>("--user", "-u") { Description = "The user name to put in the token (with --dev)." };
        var groups = new Option<string[]>("--groups", "-g")
        {
            Description = "Security groups, space- or comma-separated (with --dev).",
            AllowMultipleArgumentsPerToken = true,
        };
        var roles = new Option<string[]>("--roles", "-r")
        {
            Description = "Roles: viewer, operator, editor, admin (with --dev; default: editor).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("login", "Get and save a token: --dev for a development server, or --token JWT.")
        {
            dev, user, groups, roles,
        };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            if (parse.GetValue(dev))
            {
                var name = parse.GetValue(user);
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new CliUsageException("--dev needs --user NAME, for example: wf login --dev --user alice --groups data-eng");
                }

                var groupList = Split(parse.GetValue(groups));
                var roleList = Split(parse.GetValue(roles));
                IReadOnlyList<string> roleNames = roleList.Count == 0 ? ["editor"] : roleList;
                var request = new DevTokenRequest(name, groupList, roleNames);
                var response = await session.Api.Service.CreateDevTokenAsync(request, ct);
                await session.Tokens.SaveAsync(response.Token, ct);
                await session.Out.WriteLineAsync(
                    $"Logged in to {session.Settings.Server} as {name} (groups: {string.Join(',', groupList)}; " +
                    $"roles: {string.Join(',', roleNames)}), expires {Rendering.Formats.Instant(response.ExpiresAt)}.");
                await session.Out.WriteLineAsync($"Token saved to {session.Tokens.Path}.");
                return ExitCodes.Ok;
            }

            var token = parse.GetValue(global.Token);
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new CliUsageException(
                    "Say how to log in: `wf login --dev --user NAME --groups GROUP` against a development server, " +
                    "or `wf login --token JWT` to save a token from your identity provider.");
            }

            await session.Tokens.SaveAsync(token, ct);
            await session.Out.WriteLineAsync($"Token saved to {session.Tokens.Path}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
