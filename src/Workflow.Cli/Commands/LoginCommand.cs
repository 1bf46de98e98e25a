using System.CommandLine;
using Workflow.Cli.Api;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf login</c>: gets a token from the development issuer (<c>--dev</c>) or saves a given one (<c>--token</c>)
/// once the server has accepted it (<c>GET /api/me</c>; <c>--no-verify</c> saves it unchecked), so later commands
/// authenticate without flags.
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
        var noVerify = new Option<bool>("--no-verify")
        {
            Description = "With --token: save it without asking the server whether it accepts it (for a server out of reach now).",
        };
        var command = new Command("login", "Get and save a token: --dev for a development server, or --token JWT.")
        {
            dev, user, groups, roles, noVerify,
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

            if (parse.GetValue(noVerify) && string.IsNullOrWhiteSpace(parse.GetValue(global.Token)))
            {
                throw new CliUsageException("--no-verify goes with --token JWT: it saves that token without checking it.");
            }

            var token = parse.GetValue(global.Token);
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new CliUsageException(
                    "Say how to log in: `wf login --dev --user NAME --groups GROUP` against a development server, " +
                    "or `wf login --token JWT` to save a token from your identity provider.");
            }

            if (!parse.GetValue(noVerify))
            {
                var refused = await CheckTokenAsync(session, ct);
                if (refused != ExitCodes.Ok)
                {
                    return refused;
                }
            }

            await session.Tokens.SaveAsync(token, ct);
            await session.Out.WriteLineAsync($"Token saved to {session.Tokens.Path}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Asks the server who the token (the session's, from <c>--token</c>) belongs to, so that a mistyped or expired
    /// token is refused now rather than by the next command; what it refuses is not saved.
    /// </summary>
    private static async Task<int> CheckTokenAsync(Session session, CancellationToken ct)
    {
        var server = session.Settings.Server;
        try
        {
            var me = await session.Api.Service.MeAsync(ct);
            await session.Out.WriteLineAsync(
                $"Logged in to {server} as {me.User} (groups: {string.Join(',', me.Groups)}; " +
                $"roles: {string.Join(',', me.Roles.Concat(me.GroupRoles.Select(r => $"{r.Key}:{r.Value}")))}).");
            return ExitCodes.Ok;
        }
        catch (ApiException e) when (e.Problem.Status == 401)
        {
            await session.Env.Error.WriteLineAsync(
                $"error: The server at {server} refused the token (HTTP 401: {e.Message}); it was not saved.");
            await session.Env.Error.WriteLineAsync(
                "  hint: get a fresh token from your identity provider, or check that --server names the host it is for.");
            return ExitCodes.Error;
        }
        catch (ServerUnreachableException e)
        {
            await session.Env.Error.WriteLineAsync($"error: {e.Message} The token was not checked, so it was not saved.");
            await session.Env.Error.WriteLineAsync(
                "  hint: point wf at the server with --server URL, or save the token unchecked with --no-verify.");
            return ExitCodes.Unreachable;
        }
    }

    private static List<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
