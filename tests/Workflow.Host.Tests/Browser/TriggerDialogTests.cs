using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// Triggering a pipeline that declares parameters: the dialog asks for them, checks them as the server does,
/// shows the server's own answer when it still refuses, and starts the run with the values.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TriggerDialogTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_required_parameter_is_asked_for_before_the_run_starts_with_the_values_given()
    {
        // Arrange
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor", "operator"]);
        await api.CreatePipelineAsync(editor, WithParameters("browser-params", new JsonArray(
            Parameter("region", "string", required: true, description: "Region code"),
            Parameter("days", "integer", defaultValue: 7),
            Parameter("dryRun", "boolean"))));
        var page = await fixture.NewPageAsync();
        var errors = new PageErrors(page);
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");

        // Act: open the dialog and submit it empty.
        await page.GetByTestId("trigger-browser-params").ClickAsync();
        var dialog = page.GetByTestId("trigger-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        var region = Field(dialog, "region");
        var days = Field(dialog, "days");
        await Expect(region).ToContainTextAsync("string");
        await Expect(region).ToContainTextAsync("required");
        await Expect(region).ToContainTextAsync("Region code");
        await Expect(days).ToContainTextAsync("integer");
        await Expect(days).ToContainTextAsync("default 7");
        await Expect(days).Not.ToContainTextAsync("required");
        await Expect(Field(dialog, "dryRun")).ToContainTextAsync("boolean");
        await fixture.ScreenshotAsync(page, "13-trigger-dialog");
        await dialog.GetByTestId("trigger-submit").ClickAsync();

        // Assert: refused in the page, naming the parameter; no run started.
        await Expect(region.Locator(".field-error")).ToHaveTextAsync(
            "parameters.region: pipeline 'browser-params' requires this parameter. Enter a value.");
        await Expect(dialog.GetByLabel("region")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("#/runs/"));
        var runs = await api.GetJsonAsync(editor, "api/runs?pipeline=browser-params");
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());

        // A days value that is no whole number is refused too; with good values the run starts.
        await dialog.GetByLabel("region").FillAsync("eu-west");
        await dialog.GetByLabel("days").FillAsync("7.5");
        await dialog.GetByTestId("trigger-submit").ClickAsync();
        await Expect(days.Locator(".field-error")).ToContainTextAsync("parameters.days: '7.5' is not a whole number");
        await Expect(region.Locator(".field-error")).ToBeHiddenAsync();
        await dialog.GetByLabel("days").FillAsync("14");
        await dialog.GetByLabel("dryRun").SelectOptionAsync("true");
        await dialog.GetByTestId("trigger-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("#/runs/browser-params%40manual-"));
        await Expect(dialog).ToHaveCountAsync(0);
        var shown = page.GetByTestId("run-parameters");
        await Expect(shown.Locator("[data-param=\"region\"] dd")).ToHaveTextAsync("eu-west");
        await Expect(shown.Locator("[data-param=\"days\"] dd")).ToHaveTextAsync("14");
        await Expect(shown.Locator("[data-param=\"dryRun\"] dd")).ToHaveTextAsync("true");
        await fixture.ScreenshotAsync(page, "14-run-parameters");

        // The values reached the server typed: a string, an integer and a boolean.
        var runId = Uri.UnescapeDataString(page.Url.Split("#/runs/")[1].Split('?')[0]);
        var run = await api.GetJsonAsync(editor, $"api/runs/{Uri.EscapeDataString(runId)}");
        var parameters = run.GetProperty("run").GetProperty("parameters");
        Assert.Equal("eu-west", parameters.GetProperty("region").GetString());
        Assert.Equal(14, parameters.GetProperty("days").GetInt32());
        Assert.True(parameters.GetProperty("dryRun").GetBoolean());
        Assert.Equal("succeeded", await api.WaitForRunToFinishAsync(editor, runId, TimeSpan.FromSeconds(90)));
        Assert.Empty(errors.All);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task When_the_server_refuses_the_run_the_dialog_shows_its_problem_details_as_they_came()
    {
        // Arrange: the dialog is opened on a version with one optional parameter...
        using var api = new ApiClient(fixture.Host.BaseAddress);
        var editor = await api.DevTokenAsync("erin", ["data-eng"], ["editor", "operator"]);
        await api.CreatePipelineAsync(editor, WithParameters("browser-params-changed", new JsonArray(
            Parameter("note", "string"))));
        var page = await fixture.NewPageAsync();
        await DashboardPage.SignInAsync(page, "dana", "data-eng", "viewer", "operator");
        await page.GetByTestId("trigger-browser-params-changed").ClickAsync();
        var dialog = page.GetByTestId("trigger-dialog");
        await dialog.GetByLabel("note").FillAsync("hello");

        // ...and meanwhile an editor makes a new parameter required.
        await api.ReplacePipelineAsync(editor, WithParameters("browser-params-changed", new JsonArray(
            Parameter("note", "string"), Parameter("ticket", "string", required: true))));
        var (status, problem) = await api.TryTriggerAsync(editor, "browser-params-changed",
            new JsonObject { ["note"] = "hello" });
        Assert.Equal(400, status);

        // Act
        await dialog.GetByTestId("trigger-submit").ClickAsync();

        // Assert: the server's title and detail, word for word, and the dialog stays open for a fix.
        var box = dialog.GetByTestId("trigger-error").GetByRole(AriaRole.Alert);
        await Expect(box.Locator("strong")).ToHaveTextAsync(problem.GetProperty("title").GetString()!);
        await Expect(box.Locator("p").First).ToHaveTextAsync(problem.GetProperty("detail").GetString()!);
        await Expect(box).ToContainTextAsync("$.parameters.ticket");
        await Expect(dialog).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "15-trigger-refused");

        // Cancel closes it; no run was started.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var runs = await api.GetJsonAsync(editor, "api/runs?pipeline=browser-params-changed");
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_form_reads_each_type_into_its_JSON_value_and_leaves_empty_fields_to_their_defaults()
    {
        // Arrange
        const string script = """
            async () => {
              const { declaredParameters, readParameters } = await import('/js/params.js');
              const declared = declaredParameters({ parameters: [
                { name: 'n', type: 'number' }, { name: 'i', type: 'integer' }, { name: 'b', type: 'boolean' },
                { name: 'o', type: 'object' }, { name: 'a', type: 'array' }, { name: 's' },
                { name: 'keep', type: 'integer', required: true, default: 3 }, { name: 'need', required: true },
              ] });
              const good = readParameters('p', declared,
                { n: ' 2.5 ', i: '-4', b: 'false', o: '{"k": 1}', a: '[1, "x"]', s: ' as typed ', keep: '',
                  need: 'x' });
              const bad = readParameters('p', declared,
                { n: '2,5', i: '4.0', b: 'yes', o: '[1]', a: '{', s: '', keep: '', need: '  ' });
              return {
                good: JSON.stringify(good.values), goodErrors: good.errors.length, bad: bad.errors.map(e => e.name),
                needMessage: bad.errors.find(e => e.name === 'need').message,
              };
            }
            """;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/index.html#/login");

        // Act
        var result = await page.EvaluateAsync<JsonElement>(script);
        await page.Context.CloseAsync();

        // Assert
        Assert.Equal(0, result.GetProperty("goodErrors").GetInt32());
        Assert.Equal("""{"n":2.5,"i":-4,"b":false,"o":{"k":1},"a":[1,"x"],"s":" as typed ","need":"x"}""",
            result.GetProperty("good").GetString());
        Assert.Equal(["n", "i", "b", "o", "a", "need"],
            result.GetProperty("bad").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("parameters.need: pipeline 'p' requires this parameter. Enter a value.",
            result.GetProperty("needMessage").GetString());
    }

    private static ILocator Field(ILocator dialog, string name) =>
        dialog.Locator($".param-field[data-param=\"{name}\"]");

    private static JsonObject WithParameters(string id, JsonArray parameters) => new()
    {
        ["id"] = id,
        ["ownerGroup"] = "data-eng",
        ["description"] = "Takes parameters.",
        ["parameters"] = parameters,
        ["tasks"] = new JsonArray(new JsonObject
        {
            ["id"] = "echo",
            ["kind"] = "process",
            ["config"] = new JsonObject { ["command"] = "sh", ["args"] = new JsonArray("-c", "echo started") },
        }),
    };

    private static JsonObject Parameter(string name, string type, bool required = false, JsonNode? defaultValue = null,
        string? description = null)
    {
        var parameter = new JsonObject { ["name"] = name, ["type"] = type, ["required"] = required };
        if (defaultValue is not null)
        {
            parameter["default"] = defaultValue;
        }

        if (description is not null)
        {
            parameter["description"] = description;
        }

        return parameter;
    }
}
