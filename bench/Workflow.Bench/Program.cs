using Workflow.Bench.Dag;
using Workflow.Bench.Dispatch;
using Workflow.Bench.Engine;
using Workflow.Bench.Goals;
using Workflow.Bench.Sla;

// Dispatches to one benchmark by name: dotnet run -c Release --project bench/Workflow.Bench -- <name>
// Each benchmark is a static Run() that measures side by side in one process and prints its ratios.
var benchmarks = new SortedDictionary<string, (string Description, Action Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["backlog-poll"] = ("CPU of a queue-backlog poll over 14k pipelines: every pipeline listed vs the drain index", BacklogPollBenchmark.Run),
    ["capacity"] = ("capacity model: users' arrivals through the real tick and decider, smallest worker count", Workflow.Bench.Capacity.CapacityBenchmark.Run),
    ["dag"] = ("validate and rank chains and fan-outs of 10k and 100k tasks", DagBenchmark.Run),
    ["dispatch"] = ("dispatch policies: makespan / lower bound on generated DAGs and traces", DispatchBenchmark.Run),
    ["engine"] = ("durable task completions/s on SQLite vs the in-memory ceiling, 1k and 10k tasks", EngineBenchmark.Run),
    ["engine-profile"] = ("one side of `engine` again and again, CPU by thread: engine-profile [durable|memory] [tasks] [runs]", EngineProfile.Run),
    ["run-detail"] = ("one read of a running run's detail: tasks waiting in the decider vs for a worker: run-detail [tasks] [reads]", RunDetailBenchmark.Run),
    ["start-planning"] = ("small runs' start latency while a 10k-task slot-limited run starts, planned on the writer vs before it", StartPlanningBenchmark.Run),
    ["simulator"] = ("the run simulator's own time per event (the decider's taken out), 1k and 10k tasks", SimulatorCost.Run),
    ["sla-decider"] = ("the SLA monitor decider alone on a fan-out's events, in groups: sla-decider [tasks] [group]", SlaDeciderCost.Run),
    ["sla-profile"] = ("one side of P10 again and again, CPU by thread and allocation: sla-profile [with|without] [tasks] [runs]", SlaProfile.Run),
    ["wal"] = ("commit latency over many WAL checkpoints on one file, auto-checkpoint vs background: wal [tasks] [rounds]", WalBenchmark.Run),
    ["sla"] = ("runs with SLA monitors saved in SQLite vs without the alert services", SlaPersistenceBenchmark.Run),
};

if (args.Length > 0 && args[0].Equals("goals", StringComparison.OrdinalIgnoreCase))
{
    return GoalsCommand.Run(args[1..]);
}

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var chosen))
{
    if (args.Length > 0)
    {
        Console.Error.WriteLine($"Unknown benchmark '{args[0]}'.");
    }

    Console.WriteLine("Usage: dotnet run -c Release --project bench/Workflow.Bench -- <name>");
    Console.WriteLine("Benchmarks (and `goals [--quick] [--only P1,P7]`: every goal of the performance issue):");
    foreach (var (name, (description, _)) in benchmarks)
    {
        Console.WriteLine($"  {name,-12} {description}");
    }

    return args.Length == 0 ? 0 : 2;
}

chosen.Run();
return 0;
