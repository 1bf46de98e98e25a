using Workflow.Cli.Api;

namespace Workflow.Cli.Progress;

/// <summary>
/// The longest path of remaining work through a run's task graph. A dependency name matches a task key first
/// and otherwise every instance of that task id, so a task downstream of a mapped task waits for all instances.
/// </summary>
public static class CriticalPath
{
    public static TimeSpan Longest(IReadOnlyList<TaskInfo> tasks, IReadOnlyList<TimeSpan> remaining)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            byKey.TryAdd(tasks[i].TaskKey, i);
            if (!byId.TryGetValue(tasks[i].TaskId, out var list))
            {
                byId[tasks[i].TaskId] = list = [];
            }

            list.Add(i);
        }

        var finish = new TimeSpan?[tasks.Count];
        var visiting = new bool[tasks.Count];
        var longest = TimeSpan.Zero;
        for (var i = 0; i < tasks.Count; i++)
        {
            var f = Finish(i);
            longest = f > longest ? f : longest;
        }

        return longest;

        TimeSpan Finish(int i)
        {
            if (finish[i] is { } known)
            {
                return known;
            }

            if (visiting[i])
            {
                return TimeSpan.Zero; // A cycle cannot come from a valid server; do not loop on one.
            }

            visiting[i] = true;
            var start = TimeSpan.Zero;
            foreach (var dependency in tasks[i].DependsOn ?? [])
            {
                IEnumerable<int> upstream = byKey.TryGetValue(dependency, out var k) ? [k]
                    : byId.TryGetValue(dependency, out var all) ? all : [];
                foreach (var u in upstream.Where(u => u != i))
                {
                    var f = Finish(u);
                    start = f > start ? f : start;
                }
            }

            visiting[i] = false;
            finish[i] = start + remaining[i];
            return finish[i]!.Value;
        }
    }
}
