using Workflow.Json;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Validation;

/// <summary>Range checks for retry, timeout, pool, durations and the SLA, shared by defaults and tasks.</summary>
internal static class PolicyRules
{
    /// <summary>Checks <c>{owner}.retry</c>; paths are only formatted when there is an error to report.</summary>
    public static void Retry(FieldOwner owner, RetryPolicy? retry, ValidationOptions options, ErrorCollector errors)
    {
        if (retry is null)
        {
            return;
        }

        var path = $"{owner}.retry";
        if (retry.MaxAttempts < 1 || retry.MaxAttempts > options.MaxRetryAttempts)
        {
            errors.Add($"{path}.maxAttempts", $"maxAttempts is {retry.MaxAttempts}; it must be 1 to {options.MaxRetryAttempts}.",
                "It counts every attempt, the first included: 1 means no retry, 3 means up to two retries.");
        }

        if (retry.InitialDelay < TimeSpan.Zero || retry.InitialDelay > options.MaxRetryDelay)
        {
            errors.Add($"{path}.initialDelay", $"initialDelay is {Duration.Format(retry.InitialDelay)}; " +
                $"it must be 0s to {Duration.Format(options.MaxRetryDelay)}.");
        }

        if (retry.MaxDelay < retry.InitialDelay || retry.MaxDelay > options.MaxRetryDelay)
        {
            errors.Add($"{path}.maxDelay", $"maxDelay is {Duration.Format(retry.MaxDelay)}; it must be at least " +
                $"initialDelay ({Duration.Format(retry.InitialDelay)}) and at most {Duration.Format(options.MaxRetryDelay)}.");
        }

        if (!(retry.BackoffCoefficient >= 1 && retry.BackoffCoefficient <= options.MaxBackoffCoefficient))
        {
            errors.Add($"{path}.backoffCoefficient", $"backoffCoefficient is {retry.BackoffCoefficient}; " +
                $"it must be 1 to {options.MaxBackoffCoefficient}.", "Use 1 for a fixed delay and 2 to double it each time.");
        }

        if (!(retry.Jitter >= 0 && retry.Jitter <= 1))
        {
            errors.Add($"{path}.jitter", $"jitter is {retry.Jitter}; it must be 0 to 1 (a fraction of the delay).");
        }

        var kinds = retry.RetryableErrors ?? [];
        for (var i = 0; i < kinds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(kinds[i]))
            {
                errors.Add($"{path}.retryableErrors[{i}]", "The error kind is empty.",
                    "Use kinds such as 'timeout', 'network' or 'http-5xx'.");
            }
        }
    }

    public static void Timeout(FieldOwner owner, TimeSpan? timeout, ValidationOptions options, ErrorCollector errors)
    {
        if (timeout is { } value && (value <= TimeSpan.Zero || value > options.MaxTimeout))
        {
            errors.Add($"{owner}.timeout", $"The timeout is {Duration.Format(value)}; it must be more than 0s and at most " +
                $"{Duration.Format(options.MaxTimeout)}.", "Leave it out for no timeout.");
        }
    }

    public static void Pool(FieldOwner owner, string? pool, ErrorCollector errors)
    {
        if (pool is not null && Identifiers.Problem(pool) is { } problem)
        {
            errors.Add($"{owner}.pool", $"The pool name {problem}.", Identifiers.Rule);
        }
    }

    public static void Positive(string path, TimeSpan? value, ErrorCollector errors)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            errors.Add(path, $"The duration is {Duration.Format(v)}; it must be more than 0s.");
        }
    }

    /// <summary>
    /// <c>retention.{field}</c>; a value out of bounds that the stored version has too is kept (a bound it predates).
    /// </summary>
    public static void Retention(string field, TimeSpan? value, TimeSpan? stored, ErrorCollector errors)
    {
        var path = $"retention.{field}";
        if (value is { } v && value != stored && DefinitionLimits.Retention(path, v) is { } problem)
        {
            errors.Add(path, problem, DefinitionLimits.RetentionHint);
        }
    }

    /// <summary>
    /// An enum value the JSON reader took from a number (<c>"kind": 99</c>) or a cast in C#: it names no member, so
    /// every reader of it would fall through to a default or a warning.
    /// </summary>
    public static void Defined<T>(string path, T value, ErrorCollector errors)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(path, $"{value} is not one of the allowed values.",
                $"Use one of: {string.Join(", ", JsonErrors.EnumNames(typeof(T)))}.");
        }
    }

    public static void Defined<T>(string path, T? value, ErrorCollector errors)
        where T : struct, Enum
    {
        if (value is { } v)
        {
            Defined(path, v, errors);
        }
    }

    /// <summary>Checks <c>{owner}{field}</c>, formatting the path only when there is an error to report.</summary>
    public static void Defined<T>(FieldOwner owner, string field, T value, ErrorCollector errors)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Defined($"{owner}{field}", value, errors);
        }
    }

    public static void Sla(SlaPolicy? sla, ErrorCollector errors)
    {
        if (sla is null)
        {
            return;
        }

        Positive("sla.expectedDuration", sla.ExpectedDuration, errors);
        if (sla.DeadlineMargin < TimeSpan.Zero)
        {
            errors.Add("sla.deadlineMargin", $"deadlineMargin is {Duration.Format(sla.DeadlineMargin)}; it cannot be negative.");
        }

        if (!(sla.SlowFactor > 0))
        {
            errors.Add("sla.slowFactor", $"slowFactor is {sla.SlowFactor}; it must be more than 0.",
                "1.5 alerts when a task takes 50% longer than its p95.");
        }

        if (sla.Deadline is { } deadline)
        {
            Deadline(deadline, errors);
        }

        var channels = sla.Channels ?? [];
        for (var i = 0; i < channels.Count; i++)
        {
            Defined($"sla.channels[{i}].kind", channels[i]?.Kind, errors);
            var url = channels[i]?.Url;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"sla.channels[{i}].url", $"'{url}' is not an http or https URL.",
                    "Give the full webhook address, for example https://hooks.example.com/alerts.");
            }
        }
    }

    private static void Deadline(DeadlineRule deadline, ErrorCollector errors)
    {
        var byDay = deadline.Day is not null || deadline.Time is not null;
        if (deadline.Within is not null && byDay)
        {
            errors.Add("sla.deadline", "The deadline sets both 'within' and a day/time.", "Keep one of them.");
        }
        else if (deadline.Within is null && !byDay)
        {
            errors.Add("sla.deadline", "The deadline sets neither 'within' nor a day and time.",
                "Use \"within\": \"6h\", or \"day\": \"Tuesday\" with \"time\": \"23:59\".");
        }
        else if (byDay && deadline.Time is null)
        {
            errors.Add("sla.deadline.time", "The deadline names a day but no time.", "Add \"time\": \"23:59\".");
        }

        Positive("sla.deadline.within", deadline.Within, errors);
        Defined("sla.deadline.day", deadline.Day, errors);
        if (deadline.TimeZone is { } zone && TimeZones.Find(zone) is null)
        {
            errors.Add("sla.deadline.timeZone", $"'{zone}' is not a known IANA time zone.", ScheduleRules.ZoneHint(zone));
        }
    }
}
