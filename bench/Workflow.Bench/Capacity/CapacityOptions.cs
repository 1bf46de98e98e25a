using System.Globalization;

namespace Workflow.Bench.Capacity;

/// <summary>The capacity command's arguments.</summary>
internal sealed record CapacityOptions(int Seed, int? Workers, double? StartsPerSecond, TimeSpan Tick,
    string? Scenario, double Tolerance)
{
    public static CapacityOptions Parse(IEnumerable<string> args)
    {
        var options = new CapacityOptions(19, null, null, TimeSpan.FromSeconds(2), null, 0.02);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            var value = e.MoveNext() ? e.Current
                : throw new ArgumentException($"'{name}' needs a value.");
            options = name switch
            {
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--workers" => options with { Workers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--starts-per-second" => options with { StartsPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--tick-seconds" => options with { Tick = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--scenario" => options with { Scenario = value },
                "--tolerance" => options with { Tolerance = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException(
                    $"Unknown option '{name}'; use --workers, --seed, --starts-per-second, --tick-seconds, --scenario or --tolerance."),
            };
        }

        return options;
    }
}
