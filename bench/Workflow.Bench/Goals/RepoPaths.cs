namespace Workflow.Bench.Goals;

/// <summary>Finds the repository root (the folder with Workflow.sln) and the shared traces next to it.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "Workflow.sln was not found above the working directory or the benchmark's folder: run the goals " +
            "command from inside the repository.");
    }

    /// <summary>
    /// The trace files in <c>../shared/workflows</c> relative to the repository root; in a git worktree, relative to
    /// the main checkout as well; <c>WORKFLOW_TRACES</c> overrides both. Fails, naming the folders tried, when none
    /// holds a trace.
    /// </summary>
    public static IReadOnlyList<string> Traces()
    {
        var tried = new List<string>();
        foreach (var folder in TraceFolders())
        {
            tried.Add(folder);
            var files = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray()
                : [];
            if (files.Length > 0)
            {
                return files;
            }
        }

        throw new InvalidOperationException(
            $"No workflow traces (*.json) in {string.Join(" or ", tried)}: P4 cannot be measured.");
    }

    private static IEnumerable<string> TraceFolders()
    {
        if (Environment.GetEnvironmentVariable("WORKFLOW_TRACES") is { Length: > 0 } configured)
        {
            yield return Path.GetFullPath(configured);
            yield break;
        }

        var root = Root();
        yield return Path.GetFullPath(Path.Combine(root, "..", "shared", "workflows"));
        if (MainCheckout(root) is { } main)
        {
            yield return Path.GetFullPath(Path.Combine(main, "..", "shared", "workflows"));
        }
    }

    /// <summary>A worktree's .git is a file "gitdir: MAIN/.git/worktrees/NAME"; MAIN is the main checkout.</summary>
    private static string? MainCheckout(string root)
    {
        var gitFile = Path.Combine(root, ".git");
        if (!File.Exists(gitFile))
        {
            return null;
        }

        var line = File.ReadAllText(gitFile).Trim();
        const string Prefix = "gitdir:";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var gitDir = new DirectoryInfo(Path.GetFullPath(line[Prefix.Length..].Trim(), root));
        return gitDir.Parent?.Name == "worktrees" ? gitDir.Parent.Parent?.Parent?.FullName : null;
    }
}
