namespace XaiGrok.Onboarding.Telemetry;

/// <summary>
/// Every instrument, activity, tag and tag value the module emits, in one place. OpenTelemetry's semantic conventions
/// where they exist (<c>http.client.*</c>, <c>gen_ai.*</c>, <c>server.*</c>, <c>error.type</c>, <c>enduser.id</c>);
/// the module's own under <c>xai_grok.*</c>.
/// </summary>
internal static class TelemetryNames
{
    public static class Instruments
    {
        public const string SignInStarts = "xai_grok.sign_in.starts";
        public const string SignInResults = "xai_grok.sign_in.results";
        public const string Refreshes = "xai_grok.refreshes";
        public const string ChatCalls = "xai_grok.chat.calls";
        public const string MediaCalls = "xai_grok.media.calls";
        public const string HttpDuration = "http.client.request.duration";
        public const string GenAiDuration = "gen_ai.client.operation.duration";
        public const string GenAiTokens = "gen_ai.client.token.usage";
    }

    public static class Activities
    {
        public const string SignInStart = "xai_grok.sign_in.start";
        public const string SignInPoll = "xai_grok.sign_in.poll";
        public const string SignIn = "xai_grok.sign_in";
        public const string Refresh = "xai_grok.refresh";

        /// <summary>gen_ai convention: <c>{gen_ai.operation.name} {gen_ai.request.model}</c>.</summary>
        public const string ChatPrefix = "chat ";
    }

    public static class Tags
    {
        public const string Flow = "xai_grok.sign_in.flow";
        public const string Outcome = "xai_grok.outcome";
        public const string Lane = "xai_grok.lane";
        public const string MediaOperation = "xai_grok.media.operation";
        public const string Streamed = "xai_grok.streamed";
        public const string ErrorType = "error.type";
        public const string EndUserId = "enduser.id";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
        public const string HttpMethod = "http.request.method";
        public const string HttpStatus = "http.response.status_code";
        public const string UrlScheme = "url.scheme";
        public const string GenAiOperation = "gen_ai.operation.name";
        public const string GenAiSystem = "gen_ai.system";
        public const string GenAiRequestModel = "gen_ai.request.model";
        public const string GenAiResponseModel = "gen_ai.response.model";
        public const string GenAiTokenType = "gen_ai.token.type";
        public const string GenAiInputTokens = "gen_ai.usage.input_tokens";
        public const string GenAiOutputTokens = "gen_ai.usage.output_tokens";
    }

    public static class Values
    {
        public const string Xai = "xai";
        public const string Chat = "chat";
        public const string Input = "input";
        public const string Output = "output";
        public const string Ok = "ok";
        public const string Error = "error";
        public const string Cancelled = "cancelled";
        public const string Connected = "connected";
        public const string Pending = "pending";
        public const string Denied = "denied";
        public const string Expired = "expired";
        public const string Failed = "failed";
        public const string Refreshed = "refreshed";
        public const string AdoptedFromSibling = "adopted_from_sibling";
        public const string AlreadyFresh = "already_fresh";
        public const string FailedReauth = "failed_reauth";
        public const string FailedNetwork = "failed_network";
        public const string Images = "images";
        public const string Videos = "videos";
        public const string Generate = "generate";
        public const string Status = "status";
        public const string Device = "device";
        public const string OAuth = "oauth";
        public const string Oidc = "oidc";
        public const string Provider = "provider";
    }
}
