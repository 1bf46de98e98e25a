using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workflow.Tests.Shared;

/// <summary>
/// Keeps every log entry so tests can assert that something was logged, by the event id's named constant
/// (<c>Log.Ids.X</c>), never a bare number.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public bool Has(int eventId) => Entries.Any(e => e.EventId == eventId);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
