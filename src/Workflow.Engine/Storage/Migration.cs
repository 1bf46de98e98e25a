namespace Workflow.Engine.Storage;

/// <summary>
/// One step of the schema, applied once, in version order, at start-up. Other parts of the product add theirs
/// through <see cref="EngineServiceCollectionExtensions.AddEngineMigration"/>; version ranges keep them apart:
/// engine 1–99, scheduling 100–199, alerts 200–299, telemetry 300–399, audit (the embedded host) 400–499.
/// A migration that adopts a table an older build created on its own uses <c>CREATE TABLE IF NOT EXISTS</c>.
/// </summary>
public sealed record Migration(int Version, string Name, string Sql);
