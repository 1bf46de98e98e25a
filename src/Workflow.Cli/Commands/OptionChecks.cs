using System.CommandLine;
using System.CommandLine.Parsing;

namespace Workflow.Cli.Commands;

/// <summary>
/// Range checks on number options. System.CommandLine runs an option's validators before it reports a value that
/// does not convert (<c>--count many</c>), and reading that value in a validator throws; so the check reads the value
/// only when it converts, and leaves the parser's own "Cannot parse argument" error to name the bad text.
/// </summary>
internal static class OptionChecks
{
    public static void Require<T>(this Option<T> option, Func<T, bool> valid, string message) =>
        option.Validators.Add(result =>
        {
            if (TryRead(result, out T value) && !valid(value))
            {
                result.AddError(message);
            }
        });

    private static bool TryRead<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
