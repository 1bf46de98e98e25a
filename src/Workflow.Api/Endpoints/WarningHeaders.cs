using System.Text;
using Microsoft.AspNetCore.Http;
using Workflow.Api.Requests;
using Workflow.Validation;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Warnings on an accepted write, as <c>Warning: 299 - "text"</c> headers, one per warning: the form the Kubernetes
/// API answers an apply with and kubectl prints. The body stays the resource, so a client that knows nothing of
/// warnings reads it as before. Each text starts with the field's JSON path, as a refused field's error does.
/// </summary>
internal static class WarningHeaders
{
    public const string Name = "Warning";

    /// <summary>Says what a warning header holds, for the endpoints that send them.</summary>
    public const string Description =
        "One per warning, '299 - \"$.path: what and how to fix it\"': the write was accepted, but does something " +
        "its author may not expect (for example a schedule that will not fire).";

    public static void Add(HttpResponse response, IReadOnlyList<ValidationError> warnings)
    {
        foreach (var warning in warnings)
        {
            var text = $"{DefinitionValidation.JsonPath(warning.Path)}: {warning.Message}" +
                       (warning.Hint is null ? "" : " " + warning.Hint);
            response.Headers.Append(Name, $"299 - \"{Quoted(text)}\"");
        }
    }

    /// <summary>The text as the inside of an HTTP quoted-string: ASCII only, quotes and backslashes escaped.</summary>
    private static string Quoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\').Append(c);
            }
            else
            {
                quoted.Append(c is >= ' ' and <= '~' ? c : '?');
            }
        }

        return quoted.ToString();
    }
}
