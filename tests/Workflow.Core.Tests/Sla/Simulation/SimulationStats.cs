using System.Globalization;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla.Simulation;

/// <summary>Counts over many simulated runs: false alarms on runs that met their deadline, and lead times on misses.</summary>
internal sealed class SimulationStats
{
    private readonly List<double> _leadHours = [];
    private readonly Dictionary<AlertKind, int> _alertsOnMetRuns = [];

    public int Runs { get; private set; }
    public int Misses { get; private set; }
    public int MissesFlaggedBeforeDeadline { get; private set; }
    public int MetRuns { get; private set; }
    public int MetRunsWithAnyAlert { get; private set; }

    /// <summary>The share of runs that met their deadline and still raised an SLA alert of any kind.</summary>
    public double FalseAlarmRate => MetRuns == 0 ? 0 : MetRunsWithAnyAlert / (double)MetRuns;

    public void Add(VirtualRunResult result, DateTimeOffset deadline)
    {
        Runs++;
        if (result.FinishedAt > deadline)
        {
            Misses++;
            if (result.First(AlertKind.DeadlineAtRisk) is { } risk && risk.RaisedAt < deadline)
            {
                MissesFlaggedBeforeDeadline++;
                _leadHours.Add((deadline - risk.RaisedAt).TotalHours);
            }

            return;
        }

        MetRuns++;
        if (result.Raised.Count > 0)
        {
            MetRunsWithAnyAlert++;
            foreach (var kind in result.Raised.Select(a => a.Kind).Distinct())
            {
                _alertsOnMetRuns[kind] = _alertsOnMetRuns.GetValueOrDefault(kind) + 1;
            }
        }
    }

    public string Describe(string label)
    {
        var kinds = string.Join(", ", _alertsOnMetRuns.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"));
        var lead = _leadHours.Count == 0
            ? "no misses"
            : $"misses {Misses}, flagged before the deadline {MissesFlaggedBeforeDeadline}, lead time min " +
              $"{_leadHours.Min():F1}h median {_leadHours.Order().ElementAt(_leadHours.Count / 2):F1}h";
        return string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Runs} runs, {MetRuns} met the deadline, {MetRunsWithAnyAlert} of them alerted " +
            $"({FalseAlarmRate:P2}) [{kinds}]; {lead}");
    }
}
