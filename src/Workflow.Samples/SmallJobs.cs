using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Samples;

/// <summary>
/// The small-jobs pattern: many tiny units of work wait in a local queue, and a pipeline that runs every few minutes
/// drains up to a batch of them with a code handler, instead of one run per job.
/// </summary>
public static class SmallJobs
{
    public const string Id = "small-jobs";
    public const string Queue = "small-jobs";
    public const string Owner = "ops";

    public static PipelineDefinition Define() =>
        Pipeline.Define(Id, owner: Owner)
            .Describe("Drains up to 25 messages of the group's local 'small-jobs' queue every 3 minutes.")
            .Schedule(Every(TimeSpan.FromMinutes(3)))
            .Overlap(OverlapPolicy.Skip)
            .Task("drain", QueueDrain(Queue, maxMessages: 25, handler: ProcessSmallJob.Name),
                retry: Retry.Fixed(3, TimeSpan.FromSeconds(5)))
            .Build();
}
