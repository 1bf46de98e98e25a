namespace Workflow.Runtime.Logs;

/// <summary>The log of one attempt, written to a file under the data directory. Safe to call from several threads.</summary>
public interface ITaskLog
{
    void WriteLine(string line);

    long BytesWritten { get; }
}
