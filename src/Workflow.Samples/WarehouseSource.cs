using Microsoft.Extensions.Options;
using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Samples;

/// <summary>
/// A dynamic pipeline: one load task per CSV file in the warehouse folder, then a manifest that waits for them all.
/// The host asks for the definition when a run starts, so dropping a new table file in the folder adds a task to
/// the next run with no change to any stored definition. Each load task carries its table's rows in its config
/// (<c>TABLE</c>) and passes its row count on as its output, so a task needs no file of another task's instance.
/// </summary>
public sealed class WarehouseSource(IOptions<SampleOptions> options) : IPipelineSource
{
    public const string Id = "warehouse-sync";

    /// <summary>Sorts the table's rows by id, logs them, and passes on the row count.</summary>
    private const string LoadScript =
        "rows=$(printf '%s\\n' \"$TABLE\" | tail -n +2 | sort -t, -k1,1) && printf '%s\\n' \"$rows\" && " +
        "n=$(printf '%s\\n' \"$rows\" | grep -c .) && echo \"$NAME: $n rows\" && " +
        "printf '{\"table\":\"%s\",\"rows\":%s}' \"$NAME\" \"$n\" > \"$WF_OUTPUT_FILE\"";

    /// <summary>Lists what every load task passed on, and the total.</summary>
    private const string ManifestScript =
        "grep -o '\"table\":\"[^\"]*\",\"rows\":[0-9]*' \"$WF_INPUT_FILE\" | tr -d '\"' && " +
        "echo \"$(grep -o '\"rows\":[0-9]*' \"$WF_INPUT_FILE\" | cut -d: -f2 | " +
        "awk '{ s += $1 } END { print s + 0 }') rows in all\"";

    public string Folder => Path.Combine(options.Value.Directory, "warehouse");

    public ValueTask<IReadOnlyList<PipelineDefinition>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PipelineDefinition>>(options.Value.Enabled ? [Generate()] : []);

    public ValueTask<PipelineDefinition> DefineAsync(string pipelineId, PipelineContext context,
        CancellationToken cancellationToken) => ValueTask.FromResult(Generate());

    private PipelineDefinition Generate()
    {
        var tables = Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.csv").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                .Where(IsSafeName).Order(StringComparer.Ordinal).ToList()
            : [];
        return Pipeline.Define(Id, owner: "data-eng")
            .Describe($"Loads every table file in {Folder} (one task per *.csv, found when a run starts).")
            .Schedule(Every(TimeSpan.FromHours(1)))
            .ForEach(tables, t => $"load-{t}", t => Process("sh", ["-c", LoadScript], new Dictionary<string, string>
            {
                ["NAME"] = t,
                ["TABLE"] = File.ReadAllText(Path.Combine(Folder, t + ".csv")),
            }, null))
            .Task("manifest", Process("sh", "-c", ManifestScript), after: tables.Select(t => $"load-{t}"),
                trigger: TriggerRule.AllDone)
            .Build();
    }

    /// <summary>A file name becomes a task id, so only plain names are taken.</summary>
    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 60 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Writes three small tables the first time, so a new installation has something to sync.</summary>
    public void Seed()
    {
        if (Directory.Exists(Folder))
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "customers.csv"),
            "id,name,city\n3,Carla,Lyon\n1,Ana,Porto\n2,Ben,Oslo\n");
        File.WriteAllText(Path.Combine(Folder, "orders.csv"),
            "id,customer,amount\n102,2,19.90\n100,1,5.00\n101,3,42.10\n103,1,7.25\n");
        File.WriteAllText(Path.Combine(Folder, "products.csv"),
            "id,title\n20,Tea\n10,Coffee\n");
    }
}
