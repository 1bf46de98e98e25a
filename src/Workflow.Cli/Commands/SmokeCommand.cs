using System.CommandLine;
using System.Text.Json;
using Workflow.Cli.Api;
using Workflow.Cli.Smoke;

namespace Workflow.Cli.Commands;

/// <summary>
/// <c>wf smoke</c>: checks a deployment end to end the way a user would, one numbered step at a time, and names the
/// step that failed: health, apply a pipeline, start a run, follow its status URI to the end, read a task log,
/// list alerts.
/// </summary>
public static class SmokeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var group = new Option<string>("--group", "-g")
        {
            Description = "The security group that owns the smoke pipeline: one of yours (in Azure, an Entra group " +
                          "object id), or any group with the admin role.",
            Required = true,
        };
        var file = new Option<FileInfo?>("--file", "-f")
        {
            Description = "Apply and run this pipeline instead of the built-in one (its ownerGroup is replaced by " +
                          "--group and its schedules are dropped).",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the run to end.",
            DefaultValueFactory = _ => 300,
        };
        var command = new Command("smoke", "Check a deployment end to end: apply, run, follow, read a log, list alerts.")
        {
            group, file, timeout,
        };
        runner.SetAction(command, async (parse, session, ct) =>
        {
            var definition = await SmokeDefinition.LoadAsync(parse.GetValue(file), parse.GetValue(group)!, ct);
            var check = new SmokeCheck(session, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            return await check.RunAsync(definition, ct);
        });
        return command;
    }
}
