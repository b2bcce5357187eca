using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace XaiGrok.Emulator;

/// <summary>A local look-alike of auth.x.ai and api.x.ai, listening on 127.0.0.1 only.</summary>
public sealed class XaiEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorState state;

    private XaiEmulator(WebApplication app, EmulatorState state)
    {
        this.app = app;
        this.state = state;
        Control = new EmulatorControl(state);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl => new(Issuer + "/");

    /// <summary>http://127.0.0.1:PORT, without a trailing slash; also the iss of every token.</summary>
    public string Issuer => state.Issuer;

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
        await app.DisposeAsync();
        state.Dispose();
    }

    private void MapEndpoints()
    {
        var counting = new RequestCounting(state.Counters);
        var capture = new RequestCapture(state.LastBodies);
        var faults = new FaultInjection(state.Faults);
        app.Use(counting.InvokeAsync);
        app.Use(capture.InvokeAsync);
        app.Use(faults.InvokeAsync);

        DiscoveryEndpoints.Map(app, state);
        app.MapPost(EmulatorPaths.DeviceAuthorization, EndpointHandler.Of(new DeviceAuthorizationEndpoint(state).HandleAsync));
        app.MapPost(EmulatorPaths.Token, EndpointHandler.Of(new TokenEndpoint(state).HandleAsync));
        app.MapPost(EmulatorPaths.Revoke, EndpointHandler.Of(new RevocationEndpoint(state).HandleAsync));
        app.MapGet(EmulatorPaths.Authorize, new AuthorizeEndpoint(state).Handle);
        var page = new VerificationPage(Control);
        app.MapGet(EmulatorPaths.Verification, page.Show);
        app.MapPost(EmulatorPaths.VerificationDecision, EndpointHandler.Of(page.DecideAsync));
        app.MapGet(EmulatorPaths.Models, new ModelsEndpoint(state).Handle);
        app.MapPost(EmulatorPaths.ChatCompletions, EndpointHandler.Of(new ChatEndpoint(state, new ChatCompletionsDialect()).HandleAsync));
        app.MapPost(EmulatorPaths.Responses, EndpointHandler.Of(new ChatEndpoint(state, new ResponsesDialect()).HandleAsync));
        app.MapPost(EmulatorPaths.ImageGenerations, EndpointHandler.Of(new ImagesEndpoint(state).HandleAsync));
        app.MapPost(EmulatorPaths.VideoGenerations, EndpointHandler.Of(new VideoGenerationsEndpoint(state).HandleAsync));
        app.MapGet(EmulatorPaths.VideoStatus, new VideoStatusEndpoint(state).Handle);
        app.MapGet(EmulatorPaths.VideoFiles + "/{name}", new VideoFileEndpoint(state).Handle);
        ControlEndpoints.Map(app, Control);
    }
}
