using Workflow.Api.Contracts;
using Workflow.Contracts;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Api.Tests.Contracts;

/// <summary>
/// The contracts carry states as strings; the names they list for clients must be exactly the model's wire names,
/// in the model's order, or a client would meet a state it was told does not exist.
/// </summary>
public sealed class WireNamesTests
{
    [Fact]
    public void Each_name_list_of_the_contracts_is_the_wire_names_of_its_model_enum()
    {
        Assert.Equal(WireNames.All<RunStatus>(), RunStatusNames.All);
        Assert.Equal(WireNames.All<TaskStatus>(), TaskStatusNames.All);
        Assert.Equal(WireNames.All<RunTrigger>(), RunTriggerNames.All);
        Assert.Equal(WireNames.All<ScheduleState>(), ScheduleStateNames.All);
        Assert.Equal(WireNames.All<ScheduleKind>(), ScheduleKindNames.All);
    }

    [Fact]
    public void A_wire_name_is_what_the_API_JSON_writes_for_the_value()
    {
        var written = System.Text.Json.JsonSerializer.Serialize(TaskStatus.RetryWait, ApiJson.Options);

        var name = TaskStatus.RetryWait.WireName();

        Assert.Equal($"\"{name}\"", written);
        Assert.Equal("retry-wait", name);
    }

    [Fact]
    public void A_wire_name_reads_back_whatever_its_case_and_an_unknown_one_does_not()
    {
        Assert.True(WireNames.TryParse<RunStatus>(" Failed ", out var failed));
        Assert.Equal(RunStatus.Failed, failed);
        Assert.False(WireNames.TryParse<RunStatus>("bogus", out _));
    }
}
