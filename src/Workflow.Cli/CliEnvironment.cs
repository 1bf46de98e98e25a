using Spectre.Console;
using Workflow.Cli.Rendering;

namespace Workflow.Cli;

/// <summary>
/// Everything the CLI takes from its process: output streams, environment variables, the clock and the terminal.
/// Tests build one over string writers and a fake environment and run <see cref="CliApp"/> in-process.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IAnsiConsole Console,
    Func<string, string?> GetVariable,
    TimeProvider Time,
    TerminalInfo Terminal)
{
    /// <summary>How often <c>wf watch</c> and <c>wf logs --follow</c> poll the server.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where <c>wf secrets set</c> reads a value when no file is given.</summary>
    public TextReader In { get; init; } = System.Console.In;

    private const int RedirectedWidth = 200;

    public static CliEnvironment ForProcess()
    {
        var term = Environment.GetEnvironmentVariable("TERM");
        var redirected = System.Console.IsOutputRedirected;
        // A pipe has no width; Spectre would assume 80 columns and wrap table cells mid-word.
        var console = WantsPlainText(redirected, term, Environment.GetEnvironmentVariable("NO_COLOR"))
            ? PlainConsole(System.Console.Out, redirected ? RedirectedWidth : SafeWidth())
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });

        var terminal = new TerminalInfo(
            System.Console.IsOutputRedirected,
            term,
            SafeHeight(),
            console.Profile.Capabilities.Ansi);
        return new CliEnvironment(System.Console.Out, System.Console.Error, console, Environment.GetEnvironmentVariable,
            TimeProvider.System, terminal);
    }

    /// <summary>
    /// Plain text, with no colour or cursor codes, whenever the output is not a terminal (a pipe or a file), the
    /// terminal is dumb, or <c>NO_COLOR</c> is set to anything (https://no-color.org).
    /// </summary>
    internal static bool WantsPlainText(bool outputRedirected, string? term, string? noColor) =>
        outputRedirected || string.Equals(term, "dumb", StringComparison.Ordinal) || !string.IsNullOrEmpty(noColor);

    /// <summary>A console over <paramref name="writer"/> with no colours, no ANSI and no interaction.</summary>
    public static IAnsiConsole PlainConsole(TextWriter writer, int width = 160)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    private static int SafeWidth()
    {
        try
        {
            return System.Console.WindowWidth is > 0 and var width ? width : RedirectedWidth;
        }
        catch (IOException)
        {
            return RedirectedWidth;
        }
        catch (PlatformNotSupportedException)
        {
            return RedirectedWidth;
        }
    }

    private static int SafeHeight()
    {
        try
        {
            return System.Console.WindowHeight;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (PlatformNotSupportedException)
        {
            return 0;
        }
    }
}
