namespace Workflow.Model;

/// <summary>
/// The worker pool a task runs in, the one rule for every host and the simulator: the task's <c>pool</c>, else the
/// pipeline's <c>defaults.pool</c>, else <see cref="Code"/> for <c>code</c> tasks and <see cref="Io"/> for the rest.
/// </summary>
/// <remarks>
/// In-process <c>code</c> handlers are async .NET delegates that mostly await I/O, so their default pool is wide
/// (the embedded engine gives it fifty workers per core, <c>EngineOptions.CodeWorkersPerCore</c>);
/// a task that does CPU-bound work says so with <c>"pool": "cpu"</c>, a pool as wide as the cores.
/// </remarks>
public static class TaskPools
{
    /// <summary>The default pool of <c>code</c> tasks.</summary>
    public const string Code = "code";

    /// <summary>The pool for CPU-bound work, which a task names itself; as wide as the cores.</summary>
    public const string Cpu = "cpu";

    /// <summary>The default pool of every kind but <c>code</c>.</summary>
    public const string Io = "io";

    /// <summary>The pool of a task whose definition and pipeline defaults name none.</summary>
    public static string DefaultFor(string kind) => kind == Execution.TaskKinds.Code ? Code : Io;

    /// <summary>The pool a task of a pipeline with these defaults runs in.</summary>
    public static string Of(TaskDefinition task, TaskDefaults defaults) =>
        task.Pool ?? defaults.Pool ?? DefaultFor(task.Kind);
}
