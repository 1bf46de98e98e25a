using Workflow.Json;
using Workflow.Model;

namespace Workflow.Core.Tests.Json;

public class PipelineJsonDefaultsTests
{
    [Fact]
    public void Omitted_fields_keep_the_defaults_the_model_declares()
    {
        var parsed = PipelineJson.Parse("""
            {
              "id": "p", "ownerGroup": "g", "defaults": {}, "concurrency": {},
              "schedules": [ { "cron": "0 2 * * *", "catchUp": {} } ],
              "sla": { "notify": {}, "channels": [ { "url": "https://example.com/hook" } ] },
              "parameters": [ { "name": "day" } ],
              "tasks": [ { "id": "a", "kind": "delay", "retry": {} } ]
            }
            """);
        var expected = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Defaults = new TaskDefaults(),
            Concurrency = new ConcurrencyPolicy(),
            Schedules = [new ScheduleDefinition { Cron = "0 2 * * *", CatchUp = new CatchUpPolicy() }],
            Sla = new SlaPolicy { Notify = new NotifyOn(), Channels = [new AlertChannel { Url = "https://example.com/hook" }] },
            Parameters = [new ParameterDefinition { Name = "day" }],
            Tasks = [new TaskDefinition { Id = "a", Kind = "delay", Retry = new RetryPolicy() }],
        };

        Assert.Equal(PipelineJson.Serialize(expected, indented: true), PipelineJson.Serialize(parsed, indented: true));
        Assert.True(parsed.Enabled);
        Assert.Equal(1, parsed.Version);
        Assert.Equal(1, parsed.Tasks[0].Retry!.MaxAttempts);
        Assert.Equal("UTC", parsed.Schedules[0].TimeZone);
        Assert.Equal(CatchUpMode.Latest, parsed.Schedules[0].CatchUp.Mode);
        Assert.Empty(parsed.Tasks[0].DependsOn);
    }

    [Fact]
    public void Durations_read_in_every_documented_form()
    {
        string[] forms = ["90s", "1m30s", "00:01:30", "PT1M30S", "90"];

        foreach (var form in forms)
        {
            var json = "\"" + form + "\"";
            var task = PipelineJson.Parse($$"""{ "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "timeout": {{(form == "90" ? "90" : json)}} } ] }""");
            Assert.Equal(TimeSpan.FromSeconds(90), task.Tasks[0].Timeout);
        }
    }
}
