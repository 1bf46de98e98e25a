using System.Diagnostics;

namespace Workflow.Runtime.Handlers.Process;

/// <summary>
/// How a <c>process</c> task's command is started: on Linux through <c>setsid</c>, which makes the child the
/// leader of a new session and process group (its pid is the group id), so that cancelling, timing out or
/// recovering after a crash can kill everything it started, grandchildren included, with one signal.
/// </summary>
internal static class ProcessLaunch
{
    private static readonly string? Setsid = OperatingSystem.IsLinux() ? FindOnPath("setsid", null) : null;

    /// <summary>True when children get their own process group, whose id is the child's pid.</summary>
    public static bool OwnGroup => Setsid is not null;

    /// <summary>The start info for <paramref name="config"/>, or null when its command cannot be found.</summary>
    public static ProcessStartInfo? For(ProcessTaskConfig config)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = config.WorkingDirectory ?? string.Empty,
        };
        if (Setsid is null)
        {
            start.FileName = config.Command;
        }
        else
        {
            // setsid execs the command in place, so a command it cannot find would only show as exit code 127:
            // look it up first, to fail with the same "could not start" as a direct start does.
            config.Env.TryGetValue("PATH", out var path);
            if (FindCommand(config.Command, config.WorkingDirectory, path) is null)
            {
                return null;
            }

            start.FileName = Setsid;
            start.ArgumentList.Add(config.Command);
        }

        foreach (var arg in config.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in config.Env)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static string? FindCommand(string command, string? workingDirectory, string? path)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.Combine(workingDirectory ?? Environment.CurrentDirectory, command);
            return File.Exists(full) ? full : null;
        }

        return FindOnPath(command, path);
    }

    private static string? FindOnPath(string name, string? path) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
