using Xunit;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// Waits for a condition on state another party changes (a subprocess, a loopback server, a detached task) that raises no
/// event to await. It polls that state, not the clock: the test's logic never depends on how much real time passes,
/// and a condition that never comes fails after a generous bound instead of hanging the run.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Bound);
        while (!done())
        {
            if (limit.IsCancellationRequested)
            {
                Assert.Fail($"{what} did not happen within {Bound.TotalSeconds:0} s");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
