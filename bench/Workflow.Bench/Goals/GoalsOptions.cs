namespace Workflow.Bench.Goals;

/// <summary>
/// Sizes of the goals command. The defaults measure each goal as it is stated; <c>--quick</c> divides the big
/// sizes by ten for a fast smoke run (its verdicts are then about the smaller sizes, and say so), and
/// <c>--only P1,P7</c> measures a subset.
/// </summary>
internal sealed record GoalsOptions(bool Quick, IReadOnlySet<string> Only)
{
    public int Scale => Quick ? 10 : 1;

    public static GoalsOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Count:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown goals option '{args[i]}'. Use --quick (smaller sizes) and --only P1,P2,...");
            }
        }

        return new GoalsOptions(quick, only);
    }

    public bool Wants(string id) => Only.Count == 0 || Only.Contains(id);
}
