namespace Workflow.Engine.Tests.Support;

/// <summary>A fresh directory under the system temp folder for one test's data.</summary>
public static class TempDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "wf-engine-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(path);
        return path;
    }
}
