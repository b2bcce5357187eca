using System.Text.Json;

namespace XaiGrok.Samples.PlatformHost;

/// <summary>The body of <c>POST /users/{id}/chat</c>: <c>{"message": "...", "model": "..."}</c>, the model optional.</summary>
internal sealed record ChatBody(string Message, string? Model)
{
    /// <summary>The largest request body the host reads (Kestrel refuses a bigger one with 413).</summary>
    public const long MaxBytes = 1024 * 1024;

    private const string Hint = "Send a JSON object: {\"message\": \"...\", \"model\": \"xai-grok/grok-4.3\"} (model optional).";

    /// <summary>The body, or the typed failure that says what is wrong with it.</summary>
    public static async Task<(ChatBody? Body, JsonAnswer? Failure)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, Invalid("the body is not JSON."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, JsonAnswer.Failure(e.StatusCode, "invalid_request", $"the body is larger than {MaxBytes} bytes.", Hint));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Invalid("the body is not a JSON object."));
            }

            if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String || message.GetString() is not { Length: > 0 } text)
            {
                return (null, Invalid("\"message\" is missing, empty or not a string."));
            }

            if (!root.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null)
            {
                return (new ChatBody(text, null), null);
            }

            return model.ValueKind == JsonValueKind.String
                ? (new ChatBody(text, model.GetString()), null)
                : (null, Invalid("\"model\" is not a string."));
        }
    }

    private static JsonAnswer Invalid(string detail) => JsonAnswer.Failure(StatusCodes.Status400BadRequest, "invalid_request", detail, Hint);
}
