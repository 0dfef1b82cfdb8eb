using System.Runtime.InteropServices;

namespace Performance.Api.Infrastructure;

/// <summary>
/// Gives the C heap's free pages back to the system after a large write. SQLite's page cache lives there (a bulk load
/// fills 64 MiB of it, see <see cref="Persistence.BulkInsert"/>): SQLite frees those pages when the load's transaction ends,
/// but glibc keeps freed memory inside its arenas, so the service's resident set kept every bulk load's peak.
/// <c>malloc_trim</c> returns the free pages of every arena; the locked write that ran the load calls it as it ends
/// (<see cref="Persistence.WriteLocks"/>), whether it committed or rolled back. Elsewhere (not Linux, or a C library without
/// it, such as musl) it does nothing.
/// </summary>
public static class NativeHeap
{
    /// <summary>Rows from which a bulk insert is worth a trim (it walks every arena: a few milliseconds on a large heap).</summary>
    public const int LargeWrite = 1_000;

    private static bool _unavailable = !OperatingSystem.IsLinux();
    private static long _trims;

    /// <summary>Trims done since the process started.</summary>
    public static long Trims => Interlocked.Read(ref _trims);

    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            MallocTrim(0);
            Interlocked.Increment(ref _trims);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
