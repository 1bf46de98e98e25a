namespace Workflow.Bench;

/// <summary>
/// Finds the shared workflow traces: <c>WORKFLOW_TRACES</c> when set, else <c>../shared/workflows</c> beside the
/// repository root, where the root is found from the program's folder and from the working directory, and for a git
/// worktree also from the main clone it belongs to. Missing traces are an error, never a silently smaller workload.
/// Every benchmark that reads traces finds them here.
/// </summary>
internal static class TraceFolder
{
    /// <summary>The trace files (<c>*.json</c>) of <see cref="Resolve"/>, in name order.</summary>
    public static IReadOnlyList<string> Files() =>
        Directory.GetFiles(Resolve(), "*.json").Order(StringComparer.Ordinal).ToArray();

    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("WORKFLOW_TRACES") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured
                : throw new DirectoryNotFoundException($"WORKFLOW_TRACES is '{configured}', which is not a folder.");
        }

        var tried = new List<string>();
        foreach (var root in RepositoryRoots())
        {
            var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "workflows"));
            tried.Add(candidate);
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.json").Any())
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The workflow traces were not found; looked in " +
            (tried.Count == 0 ? "no repository root (none above the program or the working directory)" : string.Join(", ", tried)) +
            ". Set WORKFLOW_TRACES to the folder of WfFormat *.json traces.");
    }

    private static IEnumerable<string> RepositoryRoots()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
                {
                    continue;
                }

                yield return dir.FullName;
                if (MainClone(dir.FullName) is { } main)
                {
                    yield return main;
                }

                break;
            }
        }
    }

    /// <summary>A worktree's <c>.git</c> is a file "gitdir: &lt;main&gt;/.git/worktrees/&lt;name&gt;".</summary>
    private static string? MainClone(string root)
    {
        var git = Path.Combine(root, ".git");
        if (!File.Exists(git))
        {
            return null;
        }

        var line = File.ReadLines(git).FirstOrDefault(l => l.StartsWith("gitdir:", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var gitDir = new DirectoryInfo(Path.GetFullPath(line["gitdir:".Length..].Trim(), root));
        // <main>/.git/worktrees/<name> -> <main>
        return gitDir.Parent?.Parent?.Parent?.FullName;
    }
}
