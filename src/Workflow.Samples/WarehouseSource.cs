using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Host.Samples;

/// <summary>
/// A dynamic pipeline: one load task per CSV file in the warehouse folder, then a manifest that waits for them all.
/// The engine asks for the definition when a run starts, so dropping a new table file in the folder adds a task to
/// the next run with no change to any stored definition.
/// </summary>
internal sealed class WarehouseSource(SampleFolders folders) : IPipelineSource
{
    public const string Id = "warehouse-sync";

    public string Folder => Path.Combine(folders.Work, "warehouse");

    public ValueTask<IReadOnlyList<PipelineDefinition>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PipelineDefinition>>(folders.Enabled ? [Generate()] : []);

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
            .ForEach(tables, t => $"load-{t}", t => Process("sh", ["-c",
                $"mkdir -p staged && tail -n +2 warehouse/{t}.csv | sort -t, -k1,1 > staged/{t}.csv && " +
                $"echo \"{t}: $(wc -l < staged/{t}.csv) rows\""], null, folders.Work))
            .Task("manifest", Process("sh", ["-c", "wc -l staged/*.csv | tee staged/manifest.txt"], null,
                folders.Work), after: tables.Select(t => $"load-{t}"), trigger: TriggerRule.AllDone)
            .Build();
    }

    /// <summary>A file name becomes a task id and a shell word, so only plain names are taken.</summary>
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
