namespace Workflow.Engine.Storage;

/// <summary>The store keeps instants as Unix milliseconds, which sort and compare in SQL.</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();
}
