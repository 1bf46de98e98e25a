using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Workflow.Functions.Tests.Logging;

/// <summary>
/// Event ids are what dashboards and log-based alert rules key on, so each names one message in the whole product.
/// This project sees every product assembly (the Azure app's and, through its reference to the host, the embedded
/// host's), so the check lives here; a new project under <c>src/</c> that logs must be referenced to be checked.
/// </summary>
public sealed partial class EventIdTests
{
    [Fact]
    public void No_event_id_is_used_by_two_log_messages_in_the_product()
    {
        // Arrange
        var messages = ProductAssemblies()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static |
                                          BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<LoggerMessageAttribute>()
                .Select(a => (a.EventId, Where: $"{m.DeclaringType!.Assembly.GetName().Name}: " +
                                                 $"{m.DeclaringType.FullName}.{m.Name}")))
            .ToList();

        // Act
        var unnumbered = messages.Where(m => m.EventId <= 0).Select(m => m.Where).ToList();
        var shared = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Where))}").ToList();

        // Assert
        Assert.True(messages.Count > 50, $"Only {messages.Count} log messages found; is an assembly missing?");
        Assert.Empty(unnumbered);
        Assert.Empty(shared);
    }

    [Fact]
    public void No_two_event_id_constants_share_a_value()
    {
        var constants = ProductAssemblies()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name == "Ids" && t.DeclaringType?.Name == "Log")
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(int))
                .Select(f => (Id: (int)f.GetRawConstantValue()!, Name: $"{t.FullName}.{f.Name}")))
            .ToList();

        var shared = constants.GroupBy(c => c.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Name))}").ToList();

        Assert.NotEmpty(constants);
        Assert.Empty(shared);
    }

    [Fact]
    public void Every_log_message_names_its_event_id_by_a_constant()
    {
        var literal = Directory.EnumerateFiles(RepositoryFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Where(l => LiteralId().IsMatch(l))
                .Select(l => $"{Path.GetRelativePath(RepositoryFiles.Root, f)}: {l.Trim()}"))
            .ToList();

        Assert.Empty(literal);
    }

    /// <summary>
    /// The product's assemblies: every project under <c>src/</c> with a <c>[LoggerMessage]</c>, loaded by name,
    /// so that a project this test cannot see fails it rather than going unchecked.
    /// </summary>
    private static List<Assembly> ProductAssemblies() =>
        Directory.EnumerateDirectories(RepositoryFiles.PathOf("src"))
            .Where(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Any(f => File.ReadAllText(f).Contains("[LoggerMessage(", StringComparison.Ordinal)))
            .Select(dir => Assembly.Load(new AssemblyName(Path.GetFileName(dir))))
            .ToList();

    [GeneratedRegex(@"\[LoggerMessage\(\s*(EventId\s*=\s*)?\d")]
    private static partial Regex LiteralId();
}
