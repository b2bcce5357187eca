using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>
/// A hostile xAI API on 127.0.0.1 that repeats the caller's bearer everywhere it can: in an <c>X-Echo</c> header of
/// every answer, in the model list, in a successful chat answer, split across two SSE pieces of a streamed one, and in
/// error bodies (when <see cref="ErrorStatus"/> is set). Plain HTTP/1.1 over a socket, one request a connection.
/// </summary>
public sealed class EchoingApi : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    public EchoingApi()
    {
        listener.Start();
        serving = ServeAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1";

    /// <summary>When set, every answer is this status with the bearer in an OpenAI-style error body.</summary>
    public int ErrorStatus { get; set; }

    /// <summary>Every bearer received, in order.</summary>
    public ConcurrentQueue<string> Bearers { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        try
        {
            await serving;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (path, headers, body) = await ReadRequestAsync(stream);
                var bearer = headers.TryGetValue("authorization", out var authorization) && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : "";
                Bearers.Enqueue(bearer);
                await AnswerAsync(stream, path, bearer, body.Contains("\"stream\":true", StringComparison.Ordinal));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, string path, string bearer, bool streamed)
    {
        if (ErrorStatus != 0)
        {
            await WriteAsync(stream, ErrorStatus, "application/json", bearer, $"{{\"error\":{{\"message\":\"the key {bearer} is not valid\",\"code\":\"echo {bearer}\"}}}}");
        }
        else if (path.EndsWith("/models", StringComparison.Ordinal))
        {
            await WriteAsync(stream, 200, "application/json", bearer, "{\"object\":\"list\",\"data\":[{\"id\":\"grok-4.3\",\"object\":\"model\",\"created\":0,\"owned_by\":\"xai\"}]}");
        }
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && !streamed)
        {
            await WriteAsync(stream, 200, "application/json", bearer, $"{{\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"you sent {bearer} as your key\"}},\"finish_reason\":\"stop\"}}]}}");
        }
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await WriteHeadAsync(stream, 200, "text/event-stream", bearer, contentLength: null);
            var cut = bearer.Length / 2;
            foreach (var piece in new[] { "you sent ", bearer[..cut], bearer[cut..], " as your key" })
            {
                await WriteTextAsync(stream, $"data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{piece}\"}}}}]}}\n\n");
            }

            await WriteTextAsync(stream, "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        }
        else
        {
            await WriteAsync(stream, 404, "application/json", bearer, "{\"error\":\"not found\"}");
        }
    }

    private static async Task<(string Path, Dictionary<string, string> Headers, string Body)> ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int end;
        while ((end = HeaderEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0 || received.Count > 1 << 20)
            {
                throw new IOException("the request ended early");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received.Take(end)]).Split("\r\n");
        var headers = head.Skip(1).Select(line => line.Split(':', 2)).Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim());
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = received.Skip(end + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        return (head[0].Split(' ')[1], headers, Encoding.UTF8.GetString([.. body]));
    }

    private static int HeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string type, string bearer, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await WriteHeadAsync(stream, status, type, bearer, bytes.Length);
        await stream.WriteAsync(bytes);
    }

    private static Task WriteHeadAsync(NetworkStream stream, int status, string type, string bearer, int? contentLength) =>
        WriteTextAsync(stream, $"HTTP/1.1 {status} Echo\r\nContent-Type: {type}\r\nX-Echo: {bearer}\r\nConnection: close\r\n" +
            (contentLength is { } length ? $"Content-Length: {length}\r\n" : "") + "\r\n");

    private static async Task WriteTextAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }
}
