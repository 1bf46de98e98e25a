using System.Text.Json;

namespace Workflow.Tests.Shared;

/// <summary>
/// The repository's root (the folder of <c>Workflow.sln</c>), found from the test binaries upwards, and its files:
/// for the tests that read docs, infra or project files, or start the repository's projects.
/// </summary>
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

        throw new InvalidOperationException($"No Workflow.sln above {AppContext.BaseDirectory}.");
    }
}
