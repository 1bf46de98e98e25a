namespace Workflow.Queues;

/// <summary>
/// A named queue and the security group that owns it. Queues are per group: a <c>queue-drain</c> task drains
/// <c>{its pipeline's owner group}/{config.queue}</c>, and the API fills and reads <c>/api/queues/{group}/{queue}</c>
/// only for members of that group, so no group can fill or drain another group's queue, whatever it names.
/// </summary>
/// <remarks>
/// The name rule is the one both hosts can keep: 3–32 lowercase letters, digits and single dashes, starting and
/// ending with a letter or digit, and not ending in <see cref="DeadLetterSuffix"/>. It fits an Azure Storage queue name
/// once the group's prefix and the dead-letter suffix are added (63 characters at most).
/// </remarks>
public sealed record QueueAddress
{
    public const int MinNameLength = 3;
    public const int MaxNameLength = 32;
    public const string DeadLetterSuffix = "-deadletter";

    private QueueAddress(string ownerGroup, string name, bool deadLetter)
    {
        OwnerGroup = ownerGroup;
        Name = name;
        IsDeadLetter = deadLetter;
    }

    public string OwnerGroup { get; }

    /// <summary>The queue's name inside its group, with <see cref="DeadLetterSuffix"/> for a dead-letter queue.</summary>
    public string Name { get; }

    public bool IsDeadLetter { get; }

    /// <summary>Where this queue's poison messages go: <c>{name}-deadletter</c> in the same group.</summary>
    public QueueAddress DeadLetter => IsDeadLetter ? this : new(OwnerGroup, Name + DeadLetterSuffix, true);

    /// <summary>The address of a queue producers and drains may use; throws what <see cref="Check"/> says.</summary>
    public static QueueAddress Create(string ownerGroup, string name) =>
        Check(ownerGroup, name) is { } error ? throw new ArgumentException(error, nameof(name)) : new(ownerGroup, name, false);

    /// <summary>Why <paramref name="name"/> is not a usable queue of <paramref name="ownerGroup"/>, or null.</summary>
    public static string? Check(string? ownerGroup, string? name)
    {
        if (string.IsNullOrWhiteSpace(ownerGroup))
        {
            return "A queue belongs to a security group, and none was given.";
        }

        return CheckName(name);
    }

    /// <summary>Why <paramref name="name"/> is not a usable queue name in any group, or null.</summary>
    public static string? CheckName(string? name)
    {
        if (name is null || name.Length is < MinNameLength or > MaxNameLength || !IsLowerAlnumWithSingleDashes(name))
        {
            return $"Queue name '{name}' is not valid: use {MinNameLength}–{MaxNameLength} lowercase letters, digits " +
                   "and single dashes, starting and ending with a letter or digit, for example 'orders'.";
        }

        return name.EndsWith(DeadLetterSuffix, StringComparison.Ordinal)
            ? $"Queue name '{name}' ends in '{DeadLetterSuffix}', which names the dead-letter queue of " +
              $"'{name[..^DeadLetterSuffix.Length]}'; producers and drains use the queue itself."
            : null;
    }

    /// <summary><c>{group}/{name}</c>: how logs, metrics and the embedded store name the queue.</summary>
    public override string ToString() => $"{OwnerGroup}/{Name}";

    private static bool IsLowerAlnumWithSingleDashes(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var alnum = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            var dash = c == '-' && i > 0 && i < name.Length - 1 && name[i - 1] != '-';
            if (!alnum && !dash)
            {
                return false;
            }
        }

        return true;
    }
}
