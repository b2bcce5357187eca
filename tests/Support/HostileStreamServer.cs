using System.Net;
using System.Net.Sockets;
using System.Text;

namespace XaiGrok.Onboarding.Tests.Support;

/// <summary>What <see cref="HostileStreamServer"/> streams after its 200 header.</summary>
public enum HostileStream
{
    /// <summary>8 KiB text deltas, as fast as the client reads them, forever.</summary>
    FastContent,

    /// <summary>One line that never ends: <c>data: xxxx…</c> without a line break.</summary>
    EndlessLine,

    /// <summary>Data lines that never reach the blank line that ends an event.</summary>
    EndlessEvent,

    /// <summary><c>data: {}</c> and <c>: ping</c> keep-alives every 20 ms, never any text.</summary>
    KeepAlives,

    /// <summary>A one-word text delta every 20 ms, forever.</summary>
    SlowContent,
}

/// <summary>
/// An OpenAI-style API on 127.0.0.1 whose streamed chat answers (chat completions and Responses) are hostile streams;
/// a chat request that does not ask for a stream gets a short answer, every other request a small model list. It counts the requests it got. Each stream stops when the client goes, the
/// server is disposed, or after 2 minutes or 4 GB, whichever is first.
/// </summary>
public sealed class HostileStreamServer : IDisposable
{
    private static readonly TimeSpan MaxStreamTime = TimeSpan.FromMinutes(2);
    private const long MaxStreamBytes = 4L * 1024 * 1024 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly HostileStream mode;
    private int requests;

    public HostileStreamServer(HostileStream mode)
    {
        this.mode = mode;
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public Uri ApiBaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1");

    public int Requests => Volatile.Read(ref requests);

    public void Dispose()
    {
        stop.Cancel();
        listener.Dispose();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var owned = client;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        limit.CancelAfter(MaxStreamTime);
        try
        {
            var stream = client.GetStream();
            var (path, body) = await ReadRequestAsync(stream, limit.Token);
            Interlocked.Increment(ref requests);
            var chat = path.EndsWith("/chat/completions", StringComparison.Ordinal) || path.EndsWith("/responses", StringComparison.Ordinal);
            if (!chat || !body.Contains("\"stream\":true", StringComparison.Ordinal))
            {
                var answer = chat
                    ? "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"
                    : "{\"object\":\"list\",\"data\":[{\"id\":\"grok-4.3\",\"object\":\"model\"}]}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n{answer}"), limit.Token);
                return;
            }

            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"u8.ToArray(), limit.Token);
            await StreamAsync(stream, limit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away (or the limit passed): that ends this stream.
        }
    }

    private async Task StreamAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var delta = Encoding.ASCII.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('x', 8192) + "\"}}]}\n\n");
        var word = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"}}]}\n\n"u8.ToArray();
        var line = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        var dataLine = Encoding.ASCII.GetBytes("data: " + new string('y', 1000) + "\n");
        var keepAlive = "data: {}\n\n: ping\n\n"u8.ToArray();
        long sent = 0;
        if (mode == HostileStream.EndlessLine)
        {
            await stream.WriteAsync("data: "u8.ToArray(), cancellationToken);
        }

        while (sent < MaxStreamBytes)
        {
            var chunk = mode switch
            {
                HostileStream.FastContent => delta,
                HostileStream.EndlessLine => line,
                HostileStream.EndlessEvent => dataLine,
                HostileStream.KeepAlives => keepAlive,
                _ => word,
            };
            await stream.WriteAsync(chunk, cancellationToken);
            sent += chunk.Length;
            if (mode is HostileStream.KeepAlives or HostileStream.SlowContent)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private static async Task<(string Path, string Body)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 64 * 1024)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("the client closed before its request was complete");
            }

            head.Append((char)one[0]);
        }

        var text = head.ToString();
        var length = text.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
            ? int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        var body = new byte[Math.Min(length, 1024 * 1024)];
        var read = 0;
        while (read < body.Length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return (text.Split(' ')[1], Encoding.UTF8.GetString(body, 0, read));
    }
}
