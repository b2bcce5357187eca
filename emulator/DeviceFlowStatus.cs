namespace XaiGrok.Emulator;

internal enum DeviceFlowStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
    Redeemed,
}
