using XaiGrok.Emulator;

return args switch
{
    [] => await ServeCommand.RunAsync([]),
    ["serve", .. var rest] => await ServeCommand.RunAsync(rest),
    ["demo"] => await DemoCommand.RunAsync(),
    _ => await UsageAsync(),
};

static async Task<int> UsageAsync()
{
    await Console.Error.WriteLineAsync("usage: emulator [serve [--port N] | demo]");
    return 2;
}
