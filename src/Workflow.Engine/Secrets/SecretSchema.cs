using Workflow.Engine.Storage;

namespace Workflow.Engine.Secrets;

/// <summary>
/// The secrets table (migration range 500–599): one row per group and name, the value as Data Protection
/// ciphertext (base64), never plaintext.
/// </summary>
public static class SecretSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(500, "secrets", """
            CREATE TABLE secrets (
                owner_group TEXT NOT NULL,
                name TEXT NOT NULL,
                ciphertext TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (owner_group, name)) WITHOUT ROWID;
            """),
    ];
}
