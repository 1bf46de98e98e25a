using System.Text;
using System.Text.Json;
using Workflow.Json;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Checks a pipeline definition in one pass and reports every problem at once, each with its path, what is wrong
/// and how to fix it, so that a user fixes a definition in one round rather than one error at a time.
/// Runs in O(V+E) apart from the bounded extras (a few cycle reports, "did you mean" hints, map ancestry).
/// </summary>
public sealed class PipelineValidator(ValidationOptions? options = null)
{
    public ValidationOptions Options { get; } = options ?? new ValidationOptions();

    public ValidationResult Validate(PipelineDefinition definition) => Validate(definition, null);

    /// <summary>
    /// Checks <paramref name="definition"/> as a replacement of <paramref name="stored"/>, the pipeline's current
    /// version: what that version already had and a later rule refuses is accepted while it stays unchanged, so a
    /// definition stored before the rule can still be re-applied, enabled and disabled.
    /// </summary>
    public ValidationResult Validate(PipelineDefinition definition, PipelineDefinition? stored)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new ErrorCollector(Options.MaxErrors);
        var templates = CheckPipeline(definition, stored, errors);
        ScheduleRules.Check(definition.Schedules, stored?.Schedules, errors);
        PolicyRules.Sla(definition.Sla, errors);
        TaskPass.Check(definition.Id, definition.Tasks ?? [], stored, Options, templates, errors);
        return errors.ToResult();
    }

    /// <summary>
    /// Checks the size, parses and validates JSON text; <paramref name="definition"/> is set when it parsed,
    /// even if it is not valid.
    /// </summary>
    public ValidationResult ValidateJson(string json, out PipelineDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(json);
        definition = null;
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > Options.MaxDefinitionBytes)
        {
            return new ValidationResult([new ValidationError("",
                $"The definition is {bytes:N0} bytes; the limit is {Options.MaxDefinitionBytes:N0} bytes.",
                "Split it into smaller pipelines (sub-pipeline tasks), or raise the definition size limit.")]);
        }

        try
        {
            definition = PipelineJson.Parse(json);
        }
        catch (JsonException e)
        {
            return new ValidationResult([JsonErrors.ToValidationError(e, source: Encoding.UTF8.GetBytes(json))]);
        }

        return Validate(definition);
    }

    /// <summary>Checks the pipeline's own fields; returns the check of the tasks' templates, reported among them.</summary>
    private TaskTemplates CheckPipeline(PipelineDefinition definition, PipelineDefinition? stored,
        ErrorCollector errors)
    {
        if (Identifiers.Problem(definition.Id) is { } idProblem)
        {
            errors.Add("id", $"The pipeline id {idProblem}.", Identifiers.Rule);
        }

        if (string.IsNullOrWhiteSpace(definition.OwnerGroup))
        {
            errors.Add("ownerGroup", "The owner group is missing.",
                "Name the security group that owns the pipeline, for example \"ownerGroup\": \"data-eng\".");
        }
        else if (Identifiers.GroupProblem(definition.OwnerGroup) is { } groupProblem)
        {
            errors.Add("ownerGroup", $"The owner group {groupProblem}.", Identifiers.GroupRule);
        }

        if (definition.Version < 1)
        {
            errors.Add("version", $"The version is {definition.Version}; versions start at 1.");
        }

        var count = definition.Tasks?.Count ?? 0;
        if (count == 0)
        {
            errors.Add("tasks", "The pipeline has no tasks.", "Add at least one task.");
        }
        else if (count > Options.MaxTasks)
        {
            errors.Add("tasks", $"The pipeline has {count:N0} tasks; the limit is {Options.MaxTasks:N0}.",
                "Split it into sub-pipelines, or raise the task limit in the validation options.");
        }

        if (DefinitionLimits.Description(definition.Description) is { } description &&
            definition.Description != stored?.Description)
        {
            errors.Add("description", description, DefinitionLimits.DescriptionHint);
        }

        if (definition.Concurrency is { } concurrency &&
            DefinitionLimits.ParallelTasks(concurrency.MaxParallelTasks) is { } parallel &&
            concurrency.MaxParallelTasks != stored?.Concurrency?.MaxParallelTasks)
        {
            errors.Add("concurrency.maxParallelTasks", parallel,
                "It is how many tasks of one run may run at once, for example 16.");
        }

        PolicyRules.Defined("concurrency.overlap", definition.Concurrency?.Overlap, errors);

        if (definition.Defaults is { } defaults)
        {
            PolicyRules.Retry("defaults", defaults.Retry, Options, errors);
            PolicyRules.Timeout("defaults", defaults.Timeout, Options, errors);
            PolicyRules.Pool("defaults", defaults.Pool, errors);
        }

        var templates = ParameterRules.Check(definition, stored, errors);
        if (definition.Retention is { } retention)
        {
            PolicyRules.Retention("runs", retention.Runs, stored?.Retention?.Runs, errors);
            PolicyRules.Retention("logs", retention.Logs, stored?.Retention?.Logs, errors);
        }

        return templates;
    }
}
