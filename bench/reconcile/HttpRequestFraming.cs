using System.Globalization;
using System.Text;

namespace ClusterFunctions.Bench.Reconcile;

/// <summary>
/// Follows HTTP/1.1 framing in the bytes a client sends (request line, headers, a body by Content-Length or chunked)
/// and counts the requests, without holding more than one line. The bytes themselves are forwarded untouched.
/// </summary>
internal sealed class HttpRequestFraming
{
    private const int MaxLine = 64 * 1024;

    private readonly StringBuilder _line = new();
    private State _state = State.RequestLine;
    private long _remaining;
    private long _contentLength;
    private bool _chunked;

    private enum State { RequestLine, Header, Body, ChunkSize, ChunkData, Trailer }

    /// <summary>Reads the next bytes of the stream; returns how many requests started in them.</summary>
    public int Feed(ReadOnlySpan<byte> data)
    {
        int requests = 0;
        int i = 0;
        while (i < data.Length)
        {
            if (_state is State.Body or State.ChunkData)
            {
                int skip = (int)Math.Min(_remaining, data.Length - i);
                i += skip;
                _remaining -= skip;
                if (_remaining == 0)
                {
                    _state = _state == State.Body ? State.RequestLine : State.ChunkSize;
                }

                continue;
            }

            byte b = data[i++];
            if (b != (byte)'\n')
            {
                if (b != (byte)'\r' && _line.Length < MaxLine)
                {
                    _line.Append((char)b);
                }

                continue;
            }

            string line = _line.ToString();
            _line.Clear();
            requests += EndOfLine(line);
        }

        return requests;
    }

    private int EndOfLine(string line)
    {
        switch (_state)
        {
            case State.RequestLine when line.Length == 0:
                return 0; // A stray CRLF between requests is allowed.
            case State.RequestLine:
                (_state, _contentLength, _chunked) = (State.Header, 0, false);
                return 1;
            case State.Header when line.Length == 0:
                (_state, _remaining) = _chunked ? (State.ChunkSize, 0L) : _contentLength > 0 ? (State.Body, _contentLength) : (State.RequestLine, 0L);
                return 0;
            case State.Header:
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                string name = colon < 0 ? "" : line[..colon].Trim();
                string value = colon < 0 ? "" : line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    _contentLength = long.Parse(value, CultureInfo.InvariantCulture);
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    _chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                }

                return 0;
            case State.ChunkSize:
                long size = long.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                (_state, _remaining) = size == 0 ? (State.Trailer, 0L) : (State.ChunkData, size + 2); // the data and its CRLF
                return 0;
            case State.Trailer:
                _state = line.Length == 0 ? State.RequestLine : State.Trailer;
                return 0;
            default:
                throw new InvalidOperationException($"framing state {_state} reads no lines");
        }
    }
}
