using System.Text.Json;

namespace Workflow.Functions.Tests.Infra;

/// <summary>The files of the repository the infra tests read, found from the test binaries upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static JsonElement Json(string relative) => JsonDocument.Parse(Read(relative)).RootElement;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workflow.sln not found above the test binaries.");
    }
}
