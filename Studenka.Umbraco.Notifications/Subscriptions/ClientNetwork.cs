using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// Who asks for an SMS, as the limits see it: the client address and its network (by default /24
/// for IPv4, /56 for IPv6: what one household, office or provider customer usually holds). Null
/// when the host does not know the address; then only the per-address limit applies, to "unknown".
/// </summary>
public sealed record ClientNetwork(string Address, string? Network)
{
    public static ClientNetwork Of(IPAddress? address, int prefixV4, int prefixV6)
    {
        if (address is null)
        {
            return new("unknown", null);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? prefixV4 : prefixV6;
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        // Scope ids (fe80::1%eth0) name an interface, not a client.
        var plain = new IPAddress(address.GetAddressBytes());
        return new(plain.ToString(), string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/{prefix}"));
    }
}
