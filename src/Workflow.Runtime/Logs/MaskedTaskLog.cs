using Workflow.Secrets;

namespace Workflow.Runtime.Logs;

/// <summary>An attempt's log that writes each line with the attempt's secret values replaced by <c>***</c>.</summary>
public sealed class MaskedTaskLog(ITaskLog inner, SecretMask mask) : ITaskLog
{
    public void WriteLine(string line) => inner.WriteLine(mask.Apply(line));

    public long BytesWritten => inner.BytesWritten;

    /// <summary><paramref name="log"/> itself when nothing is to be masked.</summary>
    public static ITaskLog Wrap(ITaskLog log, SecretMask mask) => mask.IsEmpty ? log : new MaskedTaskLog(log, mask);
}
