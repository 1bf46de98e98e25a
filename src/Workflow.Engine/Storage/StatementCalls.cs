using System.Runtime.InteropServices;

namespace Workflow.Engine.Storage;

/// <summary>
/// The calls a <see cref="PreparedStatement"/> makes for every row, straight into the SQLite library that
/// SQLitePCLRaw loaded (<c>e_sqlite3</c>, the same library and the same statement), on the statement's raw pointer.
/// Through SQLitePCLRaw each call takes the statement as a <see cref="SafeHandle"/>, which the runtime counts up and
/// down around the call: about 7 % of the commit thread's samples. The statement keeps its handle counted up for as
/// long as it lives instead, so the pointer stays valid.
/// </summary>
internal static unsafe partial class StatementCalls
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies bound text and blobs before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    public static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    public static partial int BindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    public static partial int BindNull(IntPtr statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static partial int BindText(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob")]
    public static partial int BindBlob(IntPtr statement, int index, byte* blob, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_zeroblob")]
    public static partial int BindZeroBlob(IntPtr statement, int index, int length);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(IntPtr statement);
}
