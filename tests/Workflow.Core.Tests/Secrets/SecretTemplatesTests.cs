using System.Text.Json;
using Workflow.Secrets;

namespace Workflow.Core.Tests.Secrets;

public sealed class SecretTemplatesTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Names_finds_references_in_nested_strings_but_not_escaped_ones_or_other_roots()
    {
        // Arrange
        var config = Json("""
            {"env": {"A": "{{ secrets.DB_PASSWORD }}", "B": "x{{secrets.TOKEN}}y"},
             "args": ["\\{{ secrets.ESCAPED }}", "{{ params.day }}", 3]}
            """);

        // Act
        var names = SecretTemplates.Names(config);

        // Assert
        Assert.Equal(["DB_PASSWORD", "TOKEN"], names);
    }

    [Fact]
    public void Render_puts_values_in_place_writes_escaped_tokens_literally_and_leaves_other_templates()
    {
        // Arrange
        var config = Json("""{"env": {"A": "pw={{ secrets.P }}"}, "args": ["\\{{ secrets.P }}", "{{ run.id }}"]}""");
        var values = new Dictionary<string, string> { ["P"] = "a\"b+c" };

        // Act
        var rendered = SecretTemplates.Render(config, values)!.Value;

        // Assert
        Assert.Equal("pw=a\"b+c", rendered.GetProperty("env").GetProperty("A").GetString());
        Assert.Equal("{{ secrets.P }}", rendered.GetProperty("args")[0].GetString());
        Assert.Equal("{{ run.id }}", rendered.GetProperty("args")[1].GetString());
    }

    [Fact]
    public void A_mask_replaces_every_occurrence_whole_values_first_and_each_line_of_a_multi_line_value()
    {
        // Arrange
        var mask = new SecretMask(["abc", "abcdef", "line1\nline2"]);

        // Act
        var masked = mask.Apply("abcdef abc xabcx line2 end");

        // Assert
        Assert.Equal("*** *** x***x *** end", masked);
        Assert.False(mask.IsEmpty);
        Assert.True(SecretMask.None.IsEmpty);
    }

    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("_x9", true)]
    [InlineData("9x", false)]
    [InlineData("a-b", false)]
    [InlineData("../etc", false)]
    [InlineData("", false)]
    public void Names_are_identifiers_of_at_most_64_characters(string name, bool valid)
    {
        Assert.Equal(valid, SecretRules.IsValidName(name));
        Assert.False(SecretRules.IsValidName(new string('a', 65)));
    }
}
