using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Workflow.Parameters;

namespace Workflow.Core.Tests.Parameters;

public class TemplatesTests
{
    private static readonly DateTimeOffset Logical = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static RunValues Values(string parameters = """{"s":"eu-west","i":42,"b":false,"a":[1,2],"o":{"k":"v"},"none":null}""") =>
        new("p@20260301T020000Z", Logical, Logical.AddDays(-1), Logical, Json(parameters));

    private static string Render(string text) =>
        Templates.Render(text, Values(), out var unknown) ?? throw new InvalidOperationException(unknown);

    [Theory]
    [InlineData("{{ params.s }}", "eu-west")]
    [InlineData("{{params.s}}", "eu-west")]
    [InlineData("--region={{ params.s }}/{{ params.i }}", "--region=eu-west/42")]
    [InlineData("{{ params.b }}", "false")]
    [InlineData("{{ params.a }}", "[1,2]")]
    [InlineData("{{ params.o }}", "{\"k\":\"v\"}")]
    [InlineData("[{{ params.none }}]", "[]")]
    [InlineData("{{ run.id }}", "p@20260301T020000Z")]
    [InlineData("{{ run.logicalTime }}", "2026-03-01T02:00:00Z")]
    [InlineData("{{ run.dataIntervalStart }}..{{ run.dataIntervalEnd }}", "2026-02-28T02:00:00Z..2026-03-01T02:00:00Z")]
    public void Tokens_render_strings_as_text_and_other_values_as_json(string text, string expected) =>
        Assert.Equal(expected, Render(text));

    [Theory]
    [InlineData("docker ps --format {{.Names}}")]
    [InlineData("{{ json . }}")]
    [InlineData("{ {params.s} }")]
    [InlineData("{{ other.s }}")]
    [InlineData("{{ params.s ")]
    public void Text_that_is_not_a_token_is_left_as_it_is(string text) => Assert.Equal(text, Render(text));

    [Fact]
    public void A_backslash_writes_a_token_literally()
    {
        Assert.Equal("{{ params.s }} is eu-west", Render(@"\{{ params.s }} is {{ params.s }}"));
    }

    [Fact]
    public void Fractions_of_a_second_show_only_when_there_are_some()
    {
        var values = Values() with { LogicalTime = Logical.AddMilliseconds(123) };

        Assert.Equal("2026-03-01T02:00:00.123Z", Templates.Render("{{ run.logicalTime }}", values, out _));
    }

    [Fact]
    public void An_unknown_name_renders_to_nothing_and_is_reported()
    {
        Assert.Null(Templates.Render("x {{ params.ghost }}", Values(), out var unknown));
        Assert.Equal("{{ params.ghost }}", unknown);
        Assert.Null(Templates.Render("{{ run.owner }}", Values(), out unknown));
        Assert.Equal("{{ run.owner }}", unknown);
    }

    [Fact]
    public void Rendering_a_config_renders_every_string_value_and_keeps_the_rest()
    {
        var config = Json("""
            {"command":"sh","args":["-c","echo {{ params.s }}",3],"env":{"{{ params.s }}":"{{ params.i }}"},"async":true}
            """);

        var rendered = Templates.Render(config, Values());

        Assert.Equal("""{"command":"sh","args":["-c","echo eu-west",3],"env":{"{{ params.s }}":"42"},"async":true}""",
            rendered!.Value.GetRawText());
    }

    [Fact]
    public void A_config_without_templates_is_the_same_element()
    {
        var config = Json("""{ "url" : "https://example.com/{x}" , "n": 1.50 }""");

        var rendered = Templates.Render(config, Values());

        Assert.Equal(config.GetRawText(), rendered!.Value.GetRawText());
    }

    [Fact]
    public void A_config_naming_an_unknown_parameter_throws_with_the_path()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Templates.Render(Json("""{"args":["{{ params.ghost }}"]}"""), Values()));

        Assert.Contains("config.args[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{{ params.ghost }}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_string_without_a_token_renders_to_itself()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll<NonNull<string>>(s =>
        {
            var text = s.Get;
            return Templates.HasTemplates(text) || Templates.Render(text, Values(), out _) == text;
        }));
    }

    [Fact]
    public void Any_string_parameter_renders_to_exactly_its_value_and_an_escaped_token_to_the_token()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll<NonNull<string>>(s =>
        {
            var values = Values() with { Parameters = JsonSerializer.SerializeToElement(new { p = s.Get }) };

            return Templates.Render("<{{ params.p }}>", values, out _) == $"<{s.Get}>" &&
                   Templates.Render(@"\{{ params.p }}", values, out _) == "{{ params.p }}";
        }));
    }

    [Fact]
    public void Any_integer_parameter_renders_as_its_json_text()
    {
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll<long>(n =>
        {
            var values = Values() with { Parameters = JsonSerializer.SerializeToElement(new { n }) };

            return Templates.Render("{{ params.n }}", values, out _) ==
                   n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }));
    }

    [Fact]
    public void Run_values_survive_the_trip_through_an_attempts_input()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Values().WriteTo(writer);
            writer.WriteEndObject();
        }

        var read = RunValues.FromInput(JsonDocument.Parse(buffer.WrittenMemory).RootElement);

        Assert.NotNull(read);
        Assert.Equal(Values().RunId, read.RunId);
        Assert.Equal(Logical, read.LogicalTime);
        Assert.Equal(Logical.AddDays(-1), read.DataIntervalStart);
        Assert.Equal(Values().Parameters.GetRawText(), read.Parameters.GetRawText());
        Assert.Null(RunValues.FromInput(Json("""{"a":1}""")));
    }
}
