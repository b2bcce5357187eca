using Microsoft.Extensions.Logging;
using XaiGrok.Onboarding.Caching;
using XaiGrok.Onboarding.Logging;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Caching;

/// <summary>
/// The deferred logger factory holds off building the providers until a message passes the level: nothing that
/// should be written is lost for it, nothing is built for a call that logs nothing, and what it owns is released.
/// </summary>
public sealed class DeferredLoggerFactoryTests
{
    [Fact]
    public void Builds_nothing_until_an_enabled_message_then_writes_every_one()
    {
        var built = 0;
        using var captured = new CapturedLog();
        using var factory = new DeferredLoggerFactory(LogLevel.Warning, () =>
        {
            built++;
            return captured;
        });
        var logger = factory.CreateLogger("test");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        LogEvents.CallSucceeded(logger, "status", 3);
        Assert.Equal(0, built);

        LogEvents.CallFailed(logger, "status", "network_error", "could not reach the server.");
        LogEvents.CallFailed(logger, "models", "network_error", "could not reach the server.");

        Assert.Equal(1, built);
        Assert.Equal(2, captured.Lines.Count);
    }

    [Fact]
    public void Level_none_never_builds_even_for_a_critical_message()
    {
        var built = 0;
        using var factory = new DeferredLoggerFactory(LogLevel.None, () =>
        {
            built++;
            return new CapturedLog();
        });
        var logger = factory.CreateLogger("test");

        Assert.False(logger.IsEnabled(LogLevel.Critical));
        logger.LogCritical("never written");

        Assert.Equal(0, built);
    }

    [Fact]
    public void What_it_owns_is_disposed_with_it_built_or_not()
    {
        var unbuiltFile = new Owned();
        new DeferredLoggerFactory(LogLevel.Error, () => new CapturedLog(), unbuiltFile).Dispose();

        var builtFile = new Owned();
        var captured = new CapturedLog();
        using (var factory = new DeferredLoggerFactory(LogLevel.Error, () => captured, builtFile))
        {
            factory.CreateLogger("test").LogError("written");
        }

        Assert.True(unbuiltFile.Disposed);
        Assert.True(builtFile.Disposed);
        Assert.Single(captured.Lines);
    }

    private sealed class Owned : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
