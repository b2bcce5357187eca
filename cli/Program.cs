using XaiGrok.Onboarding;
using XaiGrok.Onboarding.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await CliApplication.RunAsync(args, () => Exports.Instance, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
    return 130;
}
