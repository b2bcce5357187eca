using XaiGrok.Onboarding;
using XaiGrok.Samples.PlatformHost;

var builder = WebApplication.CreateBuilder(args);

// Options from the section "Grok" of the host's own configuration (appsettings.json, Grok__Issuer and the other
// Grok__* variables, --Grok:ClientId=... on the command line). The XAI_* variables are the CLI's: this registration
// never reads them, so an XAI_API_KEY in the host's environment never answers for a user who did not connect.
// Several replicas: with ConnectionStrings:Grok (ConnectionStrings__Grok) every replica keeps its users, and the Data
// Protection keys that seal their tokens, in that one database; without it, in files under Grok:StateRoot (one machine).
// Grok:StateRoot stays required either way: it is this replica's own folder for what is not shared.
if (builder.Configuration.GetConnectionString("Grok") is { Length: > 0 } database)
{
    builder.Services.AddXaiGrokPostgreSqlStore(database);
}

builder.Services.AddXaiGrokOnboarding(builder.Configuration);

// A chat body is a message, not an upload: a bigger request is refused (413) before it is buffered.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ChatBody.MaxBytes);

var app = builder.Build();

// Every answer is JSON, failures too: an exception, an unknown route or a wrong method gets {ok:false, error, detail, hint}.
app.UseExceptionHandler(failed => failed.Run(HostFailures.UnhandledAsync));
app.UseStatusCodePages(HostFailures.FromStatusCodeAsync);

app.MapGet("/healthz", () => JsonAnswer.Healthy);
app.MapGet("/users", UserEndpoints.ListAsync);
app.MapPost("/users/{id}/connect", UserEndpoints.ConnectAsync);
app.MapPost("/users/{id}/poll", UserEndpoints.PollAsync);
app.MapGet("/users/{id}/status", UserEndpoints.StatusAsync);
app.MapPost("/users/{id}/chat", UserEndpoints.ChatAsync);
app.MapDelete("/users/{id}", UserEndpoints.DeleteAsync);

await app.RunAsync();
