using System.IO.MemoryMappedFiles;

namespace XaiGrok.Onboarding.Reliability.Worker;

/// <summary>
/// The crash writer's progress, in a file the test created, mapped shared: each mark is one 8-byte store to memory,
/// no system call, so marking does not move the kill points; after a SIGKILL the kernel still holds the last store.
/// </summary>
internal sealed class ProgressMark : IDisposable
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;

    private ProgressMark(MemoryMappedFile map, MemoryMappedViewAccessor view)
    {
        this.map = map;
        this.view = view;
    }

    public static ProgressMark Open(string path)
    {
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, sizeof(long), MemoryMappedFileAccess.ReadWrite);
        return new ProgressMark(map, map.CreateViewAccessor(0, sizeof(long)));
    }

    public void Mark(long sequence, WritePhase phase) => view.Write(0, WorkerProtocol.Encode(sequence, phase));

    public void Dispose()
    {
        view.Dispose();
        map.Dispose();
    }
}
