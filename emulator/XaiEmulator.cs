using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace XaiGrok.Emulator;

/// <summary>A local look-alike of auth.x.ai and api.x.ai, listening on 127.0.0.1 only.</summary>
public sealed class XaiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private XaiEmulator(WebApplication app, EmulatorState state)
    {
        _app = app;
        _state = state;
        Control = new EmulatorControl(state);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl => new(Issuer + "/");

    /// <summary>http://127.0.0.1:PORT, without a trailing slash; also the iss of every token.</summary>
    public string Issuer => _state.Issuer;

    public string ApiBaseUrl => Issuer + "/v1";

    public EmulatorControl Control { get; }

    public static async Task<XaiEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        var state = new EmulatorState(options ?? new EmulatorOptions());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, state.Options.Port, listen => listen.Use(state.Connections.Track)));
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        var app = builder.Build();
        var emulator = new XaiEmulator(app, state);
        emulator.MapEndpoints();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        state.Issuer = new Uri(address).GetLeftPart(UriPartial.Authority);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _state.Dispose();
    }

    private void MapEndpoints()
    {
        var counting = new RequestCounting(_state.Counters);
        var capture = new RequestCapture(_state.LastBodies);
        var faults = new FaultInjection(_state.Faults);
        _app.Use(counting.InvokeAsync);
        _app.Use(capture.InvokeAsync);
        _app.Use(faults.InvokeAsync);

        DiscoveryEndpoints.Map(_app, _state);
        _app.MapPost(EmulatorPaths.DeviceAuthorization, EndpointHandler.Of(new DeviceAuthorizationEndpoint(_state).HandleAsync));
        _app.MapPost(EmulatorPaths.Token, EndpointHandler.Of(new TokenEndpoint(_state).HandleAsync));
        _app.MapPost(EmulatorPaths.Revoke, EndpointHandler.Of(new RevocationEndpoint(_state).HandleAsync));
        _app.MapGet(EmulatorPaths.Authorize, new AuthorizeEndpoint(_state).Handle);
        var page = new VerificationPage(Control);
        _app.MapGet(EmulatorPaths.Verification, page.Show);
        _app.MapPost(EmulatorPaths.VerificationDecision, EndpointHandler.Of(page.DecideAsync));
        _app.MapGet(EmulatorPaths.Models, new ModelsEndpoint(_state).Handle);
        _app.MapPost(EmulatorPaths.ChatCompletions, EndpointHandler.Of(new ChatEndpoint(_state, new ChatCompletionsDialect()).HandleAsync));
        _app.MapPost(EmulatorPaths.Responses, EndpointHandler.Of(new ChatEndpoint(_state, new ResponsesDialect()).HandleAsync));
        _app.MapPost(EmulatorPaths.ImageGenerations, EndpointHandler.Of(new ImagesEndpoint(_state).HandleAsync));
        _app.MapPost(EmulatorPaths.VideoGenerations, EndpointHandler.Of(new VideoGenerationsEndpoint(_state).HandleAsync));
        _app.MapGet(EmulatorPaths.VideoStatus, new VideoStatusEndpoint(_state).Handle);
        _app.MapGet(EmulatorPaths.VideoFiles + "/{name}", new VideoFileEndpoint(_state).Handle);
        ControlEndpoints.Map(_app, Control);
    }
}
