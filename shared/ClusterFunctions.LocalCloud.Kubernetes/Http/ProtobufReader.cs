namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>A minimal protobuf wire-format reader: enough to walk the fields of a message.</summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>Reads the next field; false at the end. Length-delimited values come back as bytes, varints as a number.</summary>
    public bool Next(out int field, out ulong number, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        number = 0;
        field = 0;
        if (_position >= _data.Length)
        {
            return false;
        }

        var key = Varint();
        field = (int)(key >> 3);
        switch (key & 7)
        {
            case 0:
                number = Varint();
                break;
            case 1:
                _position += 8;
                break;
            case 2:
                var length = (int)Varint();
                bytes = _data.Slice(_position, length);
                _position += length;
                break;
            case 5:
                _position += 4;
                break;
            default:
                throw StatusErrors.BadRequest($"unsupported protobuf wire type {key & 7}");
        }

        return true;
    }

    private ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw StatusErrors.BadRequest("malformed protobuf varint");
    }
}
