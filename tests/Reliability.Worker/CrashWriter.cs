using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Storage;

namespace XaiGrok.Onboarding.Reliability.Worker;

/// <summary>
/// Writes auth.json through the real <see cref="CredentialStore"/> (under the lock: clean temps, temp file, fsync,
/// rename, folder fsync), over and over, each time with the next sequence number in both tokens, marking its phase.
/// </summary>
internal static class CrashWriter
{
    public static async Task<int> RunAsync(string home, string progressFile, long count)
    {
        var paths = new StatePaths(StateDirectory.Open(home).Path);
        var store = new CredentialStore(paths, TimeProvider.System, TimeSpan.FromSeconds(30));
        var sequence = WorkerProtocol.SequenceOf(store.Read().Credential?.AccessToken) ?? 0;
        using var progress = ProgressMark.Open(progressFile);
        progress.Mark(sequence, WritePhase.Started);

        for (long written = 0; written < count; written++)
        {
            sequence++;
            progress.Mark(sequence, WritePhase.Locking);
            using (await store.LockAsync(CancellationToken.None).ConfigureAwait(false))
            {
                progress.Mark(sequence, WritePhase.Writing);
                store.Write(CredentialFor(sequence));
                progress.Mark(sequence, WritePhase.Written);
            }

            progress.Mark(sequence, WritePhase.Released);
            if (written == 0)
            {
                // After one whole cycle (start-up and JIT are behind us, leftover temps are gone): the test's kill
                // delay starts now, so the kills land in the steady loop.
                await Console.Out.WriteLineAsync($"{WorkerProtocol.Ready} {sequence}").ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static Credential CredentialFor(long sequence)
    {
        var now = TimeProvider.System.GetUtcNow();

        // About a real JWT's size, and a different length each time, so a mix of two versions could not pass as one.
        var padding = 700 + (int)(sequence % 7 * 100);
        return new Credential
        {
            Source = CredentialSources.OAuth,
            AccessToken = WorkerProtocol.AccessToken(sequence, padding),
            RefreshToken = WorkerProtocol.RefreshToken(sequence, padding),
            ExpiresAt = now.AddHours(6),
            ObtainedAt = now,
            Subject = "crash-writer",
        };
    }
}
