using System.Globalization;

namespace Workflow.Bench.Engine;

/// <summary>
/// CPU time of this process's threads by role, read from Linux's <c>/proc/self/task/*/schedstat</c> (nanoseconds on
/// the CPU): the engine's writer and commit threads, the thread pool (the workers, the callers' continuations), the
/// JIT's tier-up thread, and the rest (GC, timers, the main thread). A thread that ended between two readings takes
/// its time with it, so the roles' sum can fall short of the process's CPU time; "rest" is what the roles miss.
/// Empty where <c>/proc</c> has no such files.
/// </summary>
internal sealed record ThreadCpu(IReadOnlyDictionary<string, double> Ms)
{
    public const string Writer = "writer";
    public const string Commit = "commit";
    public const string Pool = "pool";
    public const string Jit = "jit";
    public const string Rest = "rest";

    public static readonly string[] Roles = [Writer, Commit, Pool, Jit, Rest];

    /// <summary>The CPU milliseconds each live thread has used so far, keyed by thread id.</summary>
    public static Dictionary<string, (string Role, double Ms)> Read()
    {
        var threads = new Dictionary<string, (string, double)>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc/self/task"))
        {
            return threads;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var onCpu = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0];
                threads[Path.GetFileName(task)] = (RoleOf(name), long.Parse(onCpu, CultureInfo.InvariantCulture) / 1e6);
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return threads;
    }

    /// <summary>Each role's CPU between two readings; <paramref name="processMs"/> fills <see cref="Rest"/>.</summary>
    public static ThreadCpu Between(Dictionary<string, (string Role, double Ms)> before,
        Dictionary<string, (string Role, double Ms)> after, double processMs)
    {
        var ms = Roles.ToDictionary(r => r, _ => 0.0);
        foreach (var (id, (role, now)) in after)
        {
            ms[role] += now - (before.TryGetValue(id, out var then) ? then.Ms : 0);
        }

        ms[Rest] = Math.Max(0, processMs - ms[Writer] - ms[Commit] - ms[Pool] - ms[Jit]);
        return new ThreadCpu(ms);
    }

    /// <summary>Microseconds per task of each role, for a line of output.</summary>
    public string PerTask(int tasks) => string.Join(", ", Roles.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r} {Ms[r] * 1000 / tasks:0.0}")));

    private static string RoleOf(string name) => name switch
    {
        "workflow-writer" => Writer,
        "workflow-commit" => Commit,
        _ when name.StartsWith(".NET TP Worker", StringComparison.Ordinal) => Pool,
        _ when name.StartsWith(".NET Tiered Com", StringComparison.Ordinal) => Jit,
        _ => Rest,
    };
}
