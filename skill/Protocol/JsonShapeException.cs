namespace XaiGrok.Onboarding.Protocol;

/// <summary>A field of a server's JSON holds another type than the one the module reads there (see <see cref="JsonShape"/>).</summary>
internal sealed class JsonShapeException : Exception
{
    public JsonShapeException()
        : base("a field of the JSON has an unexpected type.")
    {
    }
}
