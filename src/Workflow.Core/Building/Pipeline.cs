using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Validation;

namespace Workflow.Building;

/// <summary>
/// The C# way to define a pipeline. It reads top to bottom like the DAG, and being plain code it loops over
/// table lists and adds tasks conditionally:
/// <code>
/// Pipeline.Define("sales-weekly", owner: "data-eng")
///     .Schedule(Cron("0 2 * * MON", zone: "Europe/Berlin"))
///     .Deadline(DayOfWeek.Tuesday, new TimeOnly(23, 59))
///     .Task("extract", HttpGet("http://..."))
///     .Task("transform", Code&lt;TransformSales&gt;(), after: ["extract"], retry: Retry.Exponential(5))
///     .Build();
/// </code>
/// </summary>
public sealed class Pipeline
{
    private readonly List<TaskDefinition> _tasks = [];
    private readonly List<ScheduleDefinition> _schedules = [];
    private readonly List<ParameterDefinition> _parameters = [];
    private PipelineDefinition _definition;

    private Pipeline(string id, string owner) =>
        _definition = new PipelineDefinition { Id = id, OwnerGroup = owner };

    public static Pipeline Define(string id, string owner) => new(id, owner);

    /// <summary>Throws <see cref="ArgumentException"/> past <see cref="DefinitionLimits.MaxDescriptionLength"/>.</summary>
    public Pipeline Describe(string description)
    {
        DefinitionLimits.ThrowIf(DefinitionLimits.Description(description), DefinitionLimits.DescriptionHint,
            nameof(description));
        return With(d => d with { Description = description });
    }

    /// <summary>
    /// Adds a schedule (<see cref="Schedules"/> makes them). Throws <see cref="ArgumentException"/> for a field its
    /// kind would ignore, such as <c>Schedules.Cron(...) with { Every = ... }</c>, which the API refuses too.
    /// </summary>
    public Pipeline Schedule(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (ScheduleFields.NotRead(schedule) is [var (field, readBy), ..])
        {
            var message = $"{ScheduleFields.Message(field, schedule.Kind)} {ScheduleFields.Hint(field, readBy)}";
            throw new ArgumentException(message, nameof(schedule));
        }

        _schedules.Add(schedule);
        return this;
    }

    public Pipeline Parameter(string name, string type = "string", bool required = false, object? defaultValue = null)
    {
        _parameters.Add(new ParameterDefinition
        {
            Name = name,
            Type = type,
            Required = required,
            Default = defaultValue is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(defaultValue),
        });
        return this;
    }

    public Pipeline Defaults(RetryPolicy? retry = null, TimeSpan? timeout = null, int? priority = null,
        string? pool = null) => With(d => d with
        {
            Defaults = new TaskDefaults
            {
                Retry = retry ?? d.Defaults.Retry,
                Timeout = timeout ?? d.Defaults.Timeout,
                Priority = priority ?? d.Defaults.Priority,
                Pool = pool ?? d.Defaults.Pool,
            },
        });

    /// <summary>Throws <see cref="ArgumentException"/> outside 1 to <see cref="DefinitionLimits.MaxParallelTasks"/>.</summary>
    public Pipeline MaxParallel(int tasks)
    {
        DefinitionLimits.ThrowIf(DefinitionLimits.ParallelTasks(tasks), null, nameof(tasks));
        return With(d => d with { Concurrency = d.Concurrency with { MaxParallelTasks = tasks } });
    }

    public Pipeline Overlap(OverlapPolicy policy) => With(d => d with { Concurrency = d.Concurrency with { Overlap = policy } });

    /// <summary>The run must be done by the first <paramref name="day"/> at <paramref name="time"/> after it was scheduled.</summary>
    public Pipeline Deadline(DayOfWeek day, TimeOnly time, string? zone = null, TimeSpan? margin = null) =>
        Sla(s => s with
        {
            Deadline = new DeadlineRule { Day = day, Time = time, TimeZone = zone },
            DeadlineMargin = margin ?? s.DeadlineMargin,
        });

    /// <summary>The run must be done within <paramref name="within"/> of its scheduled time.</summary>
    public Pipeline Deadline(TimeSpan within, TimeSpan? margin = null) =>
        Sla(s => s with { Deadline = new DeadlineRule { Within = within }, DeadlineMargin = margin ?? s.DeadlineMargin });

    public Pipeline ExpectedDuration(TimeSpan duration) => Sla(s => s with { ExpectedDuration = duration });

    public Pipeline AlertTo(string webhookUrl, AlertChannelKind kind = AlertChannelKind.Webhook) =>
        Sla(s => s with { Channels = [.. s.Channels, new AlertChannel { Kind = kind, Url = webhookUrl }] });

    public Pipeline Notify(bool failed = true, bool retrying = true, bool succeeded = false, bool slow = true) =>
        Sla(s => s with { Notify = new NotifyOn { Failed = failed, Retrying = retrying, Succeeded = succeeded, Slow = slow } });

    /// <summary>
    /// Throws <see cref="ArgumentException"/> outside <see cref="DefinitionLimits.MinRetention"/> to
    /// <see cref="DefinitionLimits.MaxRetention"/>.
    /// </summary>
    public Pipeline Retain(TimeSpan runs, TimeSpan? logs = null)
    {
        DefinitionLimits.ThrowIf(DefinitionLimits.Retention("retention.runs", runs), DefinitionLimits.RetentionHint,
            nameof(runs));
        DefinitionLimits.ThrowIf(DefinitionLimits.Retention("retention.logs", logs ?? runs),
            DefinitionLimits.RetentionHint, nameof(logs));
        return With(d => d with { Retention = new RetentionPolicy { Runs = runs, Logs = logs ?? runs } });
    }

    public Pipeline Task(string id, TaskSpec spec, IEnumerable<string>? after = null, RetryPolicy? retry = null,
        TimeSpan? timeout = null, int? priority = null, string? pool = null, TimeSpan? expected = null,
        TriggerRule trigger = TriggerRule.AllSuccess, MapSpec? map = null)
    {
        _tasks.Add(new TaskDefinition
        {
            Id = id,
            Kind = spec.Kind,
            Config = spec.Config,
            DependsOn = after?.ToArray() ?? [],
            Retry = retry,
            Timeout = timeout,
            Priority = priority,
            Pool = pool ?? spec.Pool,
            ExpectedDuration = expected,
            Trigger = trigger,
            Map = map,
        });
        return this;
    }

    /// <summary>Adds one task per item, for example per table: <c>.ForEach(tables, t => $"load-{t}", t => ...)</c>.</summary>
    public Pipeline ForEach<T>(IEnumerable<T> items, Func<T, string> id, Func<T, TaskSpec> spec,
        Func<T, IEnumerable<string>>? after = null)
    {
        foreach (var item in items)
        {
            Task(id(item), spec(item), after?.Invoke(item));
        }

        return this;
    }

    /// <summary>Applies <paramref name="configure"/> only when <paramref name="condition"/> holds.</summary>
    public Pipeline When(bool condition, Func<Pipeline, Pipeline> configure) => condition ? configure(this) : this;

    public PipelineDefinition Build() => _definition with
    {
        Schedules = [.. _schedules],
        Parameters = [.. _parameters],
        Tasks = [.. _tasks],
    };

    private Pipeline Sla(Func<SlaPolicy, SlaPolicy> change) => With(d => d with { Sla = change(d.Sla ?? new SlaPolicy()) });

    private Pipeline With(Func<PipelineDefinition, PipelineDefinition> change)
    {
        _definition = change(_definition);
        return this;
    }
}
