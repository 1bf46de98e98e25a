using System.Globalization;

namespace Workflow.Bench.Engine;

/// <summary>
/// CPU time of this process's threads by role, read from Linux's <c>/proc/self/task/*/schedstat</c> (nanoseconds on
/// the CPU): the engine's writer and commit threads, the thread pool (the workers, the callers' continuations), the
/// observers' threads (the observer hand-off and the SLA monitor's loop), the JIT's tier-up thread, and the rest
/// (GC, timers, the main thread). A thread that ended between two readings takes its time with it, so the roles'
/// sum can fall short of the process's CPU time; "rest" is what the roles miss.
/// Empty where <c>/proc</c> has no such files.
/// </summary>
/// <remarks>
/// <see cref="WaitMs"/> is each role's time runnable but waiting for a CPU (schedstat's second field): what the
/// machine's other work, or this process's other threads, delayed it by. Its "rest" is that of the threads named
/// by no other role.
/// </remarks>
internal sealed record ThreadCpu(IReadOnlyDictionary<string, double> Ms, IReadOnlyDictionary<string, double> WaitMs)
{
    public const string Writer = "writer";
    public const string Commit = "commit";
    public const string Pool = "pool";
    public const string Observers = "observers";
    public const string Jit = "jit";
    public const string Rest = "rest";

    public static readonly string[] Roles = [Writer, Commit, Pool, Observers, Jit, Rest];

    /// <summary>The CPU and run-queue milliseconds of each live thread so far, keyed by thread id.</summary>
    public static Dictionary<string, (string Role, double Ms, double WaitMs)> Read()
    {
        var threads = new Dictionary<string, (string, double, double)>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc/self/task"))
        {
            return threads;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                threads[Path.GetFileName(task)] = (RoleOf(name),
                    long.Parse(stat[0], CultureInfo.InvariantCulture) / 1e6,
                    long.Parse(stat[1], CultureInfo.InvariantCulture) / 1e6);
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return threads;
    }

    /// <summary>Each role's CPU between two readings; <paramref name="processMs"/> fills <see cref="Rest"/>.</summary>
    public static ThreadCpu Between(Dictionary<string, (string Role, double Ms, double WaitMs)> before,
        Dictionary<string, (string Role, double Ms, double WaitMs)> after, double processMs)
    {
        var ms = Roles.ToDictionary(r => r, _ => 0.0);
        var waits = Roles.ToDictionary(r => r, _ => 0.0);
        foreach (var (id, (role, now, waited)) in after)
        {
            var known = before.TryGetValue(id, out var then);
            ms[role] += now - (known ? then.Ms : 0);
            waits[role] += waited - (known ? then.WaitMs : 0);
        }

        ms[Rest] = Math.Max(0, processMs - Roles.Where(r => r != Rest).Sum(r => ms[r]));
        return new ThreadCpu(ms, waits);
    }

    /// <summary>Microseconds per task of each role, for a line of output.</summary>
    public string PerTask(int tasks) => string.Join(", ", Roles.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r} {Ms[r] * 1000 / tasks:0.0}")));

    private static string RoleOf(string name) => name switch
    {
        "workflow-writer" => Writer,
        "workflow-commit" => Commit,
        "workflow-sla" => Observers,
        _ when name.StartsWith("workflow-observ", StringComparison.Ordinal) => Observers, // comm keeps 15 chars
        _ when name.StartsWith(".NET TP Worker", StringComparison.Ordinal) => Pool,
        _ when name.StartsWith(".NET Tiered Com", StringComparison.Ordinal) => Jit,
        _ => Rest,
    };
}
