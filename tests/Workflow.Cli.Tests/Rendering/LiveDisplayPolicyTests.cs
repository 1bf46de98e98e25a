using Workflow.Cli.Rendering;

namespace Workflow.Cli.Tests.Rendering;

public sealed class LiveDisplayPolicyTests
{
    private static readonly TerminalInfo RealTerminal = new(false, "xterm-256color", 40, true);

    [Fact]
    public void A_real_ANSI_terminal_gets_the_live_view()
    {
        Assert.True(LiveDisplayPolicy.CanUseLive(RealTerminal, plainRequested: false));
    }

    [Fact]
    public void Redirected_output_dumb_terminals_zero_height_no_ANSI_or_plain_requested_get_lines()
    {
        Assert.False(LiveDisplayPolicy.CanUseLive(RealTerminal with { OutputRedirected = true }, false));
        Assert.False(LiveDisplayPolicy.CanUseLive(RealTerminal with { Term = "dumb" }, false));
        Assert.False(LiveDisplayPolicy.CanUseLive(RealTerminal with { Height = 0 }, false));
        Assert.False(LiveDisplayPolicy.CanUseLive(RealTerminal with { AnsiSupported = false }, false));
        Assert.False(LiveDisplayPolicy.CanUseLive(RealTerminal, plainRequested: true));
    }
}
