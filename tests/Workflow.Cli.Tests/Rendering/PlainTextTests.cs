namespace Workflow.Cli.Tests.Rendering;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData(true, "xterm-256color", null, true)]
    [InlineData(false, "dumb", null, true)]
    [InlineData(false, "xterm-256color", "1", true)]
    [InlineData(false, "xterm-256color", "", false)]
    [InlineData(false, "xterm-256color", null, false)]
    public void Output_is_plain_for_a_pipe_a_dumb_terminal_or_NO_COLOR(bool redirected, string term, string? noColor,
        bool plain) =>
        Assert.Equal(plain, CliEnvironment.WantsPlainText(redirected, term, noColor));
}
