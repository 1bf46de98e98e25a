using System.Text.Json;

namespace Workflow.Host.Tests.Browser;

/// <summary>The dashboard's line diff (js/diff.js), run in the browser as the pipeline page runs it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DiffCodeTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Applying_the_diff_to_the_old_text_gives_the_new_one_and_it_keeps_what_both_share()
    {
        // Arrange: random line texts from a small alphabet, so that equal lines and moves are common.
        const string script = """
            async () => {
              const { lineDiff } = await import('/js/diff.js');
              let seed = 7;
              const rand = n => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
              const text = () => Array.from({ length: rand(12) }, () => 'abcde'[rand(5)]).join('\n');
              const failures = [];
              for (let i = 0; i < 300; i++) {
                const a = text(), b = text();
                const d = lineDiff(a, b);
                const before = d.filter(l => l.op !== '+').map(l => l.text).join('\n');
                const after = d.filter(l => l.op !== '-').map(l => l.text).join('\n');
                if (before !== a || after !== b) failures.push({ a, b });
                if (a === b && d.some(l => l.op !== ' ')) failures.push({ same: a });
              }
              const small = lineDiff('x\ny\nz', 'x\nq\nz').map(l => l.op + l.text);
              return { failures: failures.length, small };
            }
            """;

        // Act
        var result = await fixture.EvaluateAsync(script);

        // Assert
        Assert.Equal(0, result.GetProperty("failures").GetInt32());
        Assert.Equal([" x", "-y", "+q", " z"], result.GetProperty("small").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Unchanged_runs_far_from_a_change_fold_into_one_line()
    {
        const string script = """
            async () => {
              const { lineDiff, foldUnchanged } = await import('/js/diff.js');
              const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
              const b = [...a]; b[10] = 'changed';
              return foldUnchanged(lineDiff(a.join('\n'), b.join('\n')), 2)
                .map(l => l.op === '…' ? `…${l.count}` : l.op + l.text);
            }
            """;

        var folded = await fixture.EvaluateAsync(script);

        Assert.Equal(["…8", " l8", " l9", "-l10", "+changed", " l11", " l12", "…7"],
            folded.EnumerateArray().Select(e => e.GetString()));
    }
}
