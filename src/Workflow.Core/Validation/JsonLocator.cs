using System.Text.Json;

namespace Workflow.Validation;

/// <summary>
/// Finds where a property is written in a JSON document, by its path (<c>tasks[3].dependOn</c>). The serializer
/// reads an object it builds through a constructor to its end before it checks the object's property names, so an
/// unknown property is reported where the reader stopped, often the end of the document; the path it gives is right,
/// and this turns it back into the line and column of the property's name.
/// </summary>
internal static class JsonLocator
{
    /// <summary>The 1-based line and column (in bytes, as the serializer counts) of the property's name, or null.</summary>
    public static (long Line, long Column)? Find(byte[] utf8, string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 256,
        });
        // Each open container's path; an array also counts the items begun in it.
        var paths = new Stack<string>();
        var items = new Stack<int>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = Join(paths.Peek(), reader.GetString()!);
                        if (property == path)
                        {
                            return LineAndColumn(utf8, reader.TokenStartIndex);
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var here = ValuePath(paths, items, property);
                        paths.Push(here);
                        items.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        paths.Pop();
                        items.Pop();
                        property = null;
                        break;
                    default:
                        _ = ValuePath(paths, items, property);
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A document the reader refuses is reported by the reader's own error, with its position.
        }

        return null;
    }

    /// <summary>The path of the value that begins now, counting it as an item of an enclosing array.</summary>
    private static string ValuePath(Stack<string> paths, Stack<int> items, string? property)
    {
        if (paths.Count == 0)
        {
            return "";
        }

        if (items.Peek() < 0)
        {
            return property ?? paths.Peek();
        }

        var index = items.Pop();
        items.Push(index + 1);
        return $"{paths.Peek()}[{index}]";
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static (long, long) LineAndColumn(byte[] bytes, long offset)
    {
        long line = 1;
        long lineStart = 0;
        for (long i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
