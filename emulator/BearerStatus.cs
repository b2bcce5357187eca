namespace XaiGrok.Emulator;

internal enum BearerStatus
{
    Missing,
    Invalid,
    Expired,
    Valid,
}
