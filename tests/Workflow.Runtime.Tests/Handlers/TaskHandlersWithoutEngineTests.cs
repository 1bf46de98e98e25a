using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Logs;

namespace Workflow.Runtime.Tests.Handlers;

/// <summary>The handler part on its own, as the Azure app's <c>RunTask</c> activity uses it.</summary>
public sealed class TaskHandlersWithoutEngineTests
{
    private sealed class ListLog : ITaskLog
    {
        public List<string> Lines { get; } = [];

        public long BytesWritten => Lines.Sum(l => l.Length + 1);

        public void WriteLine(string line)
        {
            lock (Lines)
            {
                Lines.Add(line);
            }
        }
    }

    private static ServiceProvider HandlersOnly(string outputs, int inlineLimit = 1024, long? maxLogBytes = null)
    {
        var services = new ServiceCollection();
        services.AddWorkflowTaskHandlers();
        if (maxLogBytes is { } max)
        {
            services.Configure<TaskLogOptions>(o => o.MaxBytesPerAttempt = max);
        }

        services.AddSingleton<IOutputStore>(new FileOutputStore(outputs, inlineLimit));
        return services.BuildServiceProvider();
    }

    private static TaskAttempt Attempt(string taskId, string kind, object config, JsonElement? input = null,
        TimeSpan? timeout = null) =>
        new("run-1", "p", new RunTask(taskId, taskId, 1, kind, JsonSerializer.SerializeToElement(config), input,
            Pool: "", Priority: 0, Rank: 0, IdempotencyKey: $"run-1/{taskId}/1", Timeout: timeout));

    [Fact]
    public void The_handler_part_registers_code_http_and_process_on_its_own()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        services.AddWorkflowTaskHandlers();
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<HandlerRegistry>();

        // Assert
        Assert.NotNull(registry.Find("code"));
        Assert.NotNull(registry.Find("http"));
        Assert.NotNull(registry.Find("process"));
        Assert.Null(registry.Find("queue-drain"));
    }

    [Fact]
    public async Task A_process_task_runs_through_the_executor_and_writes_its_log()
    {
        // Arrange
        using var provider = HandlersOnly(Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName);
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();
        var log = new ListLog();

        // Act
        var outcome = await executor.ExecuteAsync(
            Attempt("say", "process", new { command = "sh", args = new[] { "-c", "echo \"hi from $WF_IDEMPOTENCY_KEY\"" } }),
            log, null, CancellationToken.None);

        // Assert
        Assert.IsType<TaskSucceededOutcome>(outcome);
        Assert.Contains("hi from run-1/say/1", log.Lines);
    }

    [Fact]
    public async Task A_redelivered_attempt_marks_in_its_log_where_the_new_delivery_begins()
    {
        // Arrange
        using var provider = HandlersOnly(Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName);
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();
        var first = new ListLog();
        var second = new ListLog();
        var attempt = Attempt("say", "process", new { command = "sh", args = new[] { "-c", "echo hello" } });

        // Act
        await executor.ExecuteAsync(attempt, first, null, CancellationToken.None);
        await executor.ExecuteAsync(attempt with { Delivery = 2 }, second, null, CancellationToken.None);

        // Assert
        Assert.Equal(["hello"], first.Lines);
        Assert.Equal(2, second.Lines.Count);
        Assert.StartsWith("[workflow] Delivery 2 of attempt 1 starts here", second.Lines[0], StringComparison.Ordinal);
        Assert.Equal("hello", second.Lines[1]);
    }

    [Fact]
    public async Task A_process_that_writes_past_the_log_limit_is_cut_with_a_line_saying_so_and_still_finishes()
    {
        // Arrange: a command that prints 2,000 lines of 100 bytes against a limit of 10,000 bytes.
        using var provider = HandlersOnly(Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName,
            maxLogBytes: 10_000);
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();
        var log = new ListLog();
        var loop = "i=0; while [ $i -lt 2000 ]; do printf '%099d\\n' $i; i=$((i+1)); done; exit 3";

        // Act
        var outcome = await executor.ExecuteAsync(
            Attempt("chatty", "process", new { command = "sh", args = new[] { "-c", loop } }), log, null,
            CancellationToken.None);

        // Assert: the lines up to the limit, then one line saying where it was cut, and nothing after it; the
        // command itself ran to its end (its exit code is its own, not a kill's).
        var failed = Assert.IsType<TaskFailedOutcome>(outcome);
        Assert.Contains("exited with code 3", failed.Message, StringComparison.Ordinal);
        Assert.Equal(101, log.Lines.Count);
        Assert.All(log.Lines.Take(100), l => Assert.Equal(99, l.Length));
        Assert.Contains("log was cut", log.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("10,000 bytes", log.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_outlives_its_timeout_fails_with_the_timeout_error_kind()
    {
        // Arrange
        using var provider = HandlersOnly(Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName);
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();

        // Act
        var outcome = await executor.ExecuteAsync(
            Attempt("slow", "process", new { command = "sleep", args = new[] { "60" } }, timeout: TimeSpan.FromMilliseconds(300)),
            new ListLog(), null, CancellationToken.None);

        // Assert
        var failed = Assert.IsType<TaskFailedOutcome>(outcome);
        Assert.Equal(ErrorKinds.Timeout, failed.ErrorKind);
    }

    [Fact]
    public async Task A_kind_no_handler_serves_fails_as_invalid_input_naming_the_kind()
    {
        // Arrange
        using var provider = HandlersOnly(Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName);
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();

        // Act
        var outcome = await executor.ExecuteAsync(Attempt("q", "queue-drain", new { }), new ListLog(), null,
            CancellationToken.None);

        // Assert
        var failed = Assert.IsType<TaskFailedOutcome>(outcome);
        Assert.Equal(ErrorKinds.InvalidInput, failed.ErrorKind);
        Assert.Contains("'queue-drain'", failed.Message);
    }

    [Fact]
    public async Task A_spilled_input_reaches_the_handler_resolved_and_a_large_output_is_spilled()
    {
        // Arrange
        var outputs = Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName;
        var services = new ServiceCollection();
        services.AddWorkflowTaskHandlers();
        services.AddSingleton<IOutputStore>(new FileOutputStore(outputs, 64));
        services.AddCodeHandler("echo-list", (context, _, _) =>
            ValueTask.FromResult<JsonElement?>(context.Input!.Value.GetProperty("list")));
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOutputStore>();
        var big = JsonSerializer.SerializeToElement(Enumerable.Range(0, 100).Select(i => $"item-{i}").ToArray());
        var reference = await store.SpillIfLargeAsync("run-1", "list", 1, big, CancellationToken.None);
        var attempt = Attempt("echo", "code", new { handler = "echo-list" },
            input: JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["list"] = reference!.Value }));
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();

        // Act
        var outcome = await executor.ExecuteAsync(attempt, new ListLog(), null, CancellationToken.None);

        // Assert
        Assert.True(OutputReference.IsReference(reference.Value));
        var output = Assert.IsType<TaskSucceededOutcome>(outcome).Output!.Value;
        Assert.True(OutputReference.IsReference(output), "the echoed list is above the inline limit, so it is spilled");
        var resolved = await store.ResolveAsync(output, CancellationToken.None);
        Assert.Equal(100, resolved.GetArrayLength());
        Assert.Equal("item-99", resolved[99].GetString());
    }

    [Fact]
    public async Task An_output_that_forges_an_output_reference_fails_as_invalid_input_and_is_never_followed()
    {
        // Arrange: another run's spilled output sits in the store; a task returns a reference to it.
        var outputs = Directory.CreateTempSubdirectory("wf-runtime-tests-").FullName;
        var services = new ServiceCollection();
        services.AddWorkflowTaskHandlers();
        services.AddSingleton<IOutputStore>(new FileOutputStore(outputs, 16));
        services.AddCodeHandler("forge", (_, args, _) => ValueTask.FromResult<JsonElement?>(args));
        using var provider = services.BuildServiceProvider();
        var secret = await provider.GetRequiredService<IOutputStore>().SpillIfLargeAsync("other-run", "secret", 1,
            JsonSerializer.SerializeToElement(new { secret = "top secret value" }), CancellationToken.None);
        var executor = provider.GetRequiredService<TaskAttemptExecutor>();

        // Act
        var direct = await executor.ExecuteAsync(Attempt("forge", "code", new { handler = "forge", args = secret }),
            new ListLog(), null, CancellationToken.None);
        var nested = await executor.ExecuteAsync(
            Attempt("forge", "code", new { handler = "forge", args = new[] { secret } }),
            new ListLog(), null, CancellationToken.None);

        // Assert
        Assert.Equal(ErrorKinds.InvalidInput, Assert.IsType<TaskFailedOutcome>(direct).ErrorKind);
        Assert.Contains(OutputReference.RefProperty, ((TaskFailedOutcome)direct).Message);
        Assert.IsType<TaskFailedOutcome>(nested);
    }
}
