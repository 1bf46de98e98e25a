using System.Globalization;

namespace Workflow.Bench;

/// <summary>The arguments after a benchmark's name on the command line, for benchmarks that take some.</summary>
internal static class CommandArguments
{
    public static string[] After(string benchmark)
    {
        var all = Environment.GetCommandLineArgs();
        var at = Array.FindIndex(all, a => a.Equals(benchmark, StringComparison.OrdinalIgnoreCase));
        return at < 0 ? [] : all[(at + 1)..];
    }

    /// <summary>
    /// A profiling command's <c>[side] [tasks] [runs]</c>: the first side unless the side given is
    /// <paramref name="otherSide"/>, 10,000 tasks and 5 runs unless given.
    /// </summary>
    public static (bool FirstSide, int Tasks, int Runs) Profile(string benchmark, string otherSide)
    {
        var args = After(benchmark);
        return (args.Length == 0 || args[0] != otherSide,
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    }
}
