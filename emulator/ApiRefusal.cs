namespace XaiGrok.Emulator;

/// <summary>A request api.x.ai would refuse; thrown while reading the request, answered as <see cref="ApiResults.Error"/>.</summary>
internal sealed class ApiRefusal(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static ApiRefusal InvalidArgument(string message) => new(StatusCodes.Status400BadRequest, "invalid-argument", message);

    public IResult ToResult() => ApiResults.Error(Status, Code, Message);
}
