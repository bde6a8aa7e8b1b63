"""The optional metadata frame of docs/wire-format.md (version 1), for the interop peers.

write_metadata(headers, error) builds one; read_metadata(frame) returns (headers, error).
"""
import struct

SIGNATURE = b"\xffZMQ"


def write_metadata(headers, error=False):
    out = bytearray(SIGNATURE + bytes([1, 1 if error else 0]) + struct.pack(">H", len(headers)))
    for key, value in headers.items():
        k, v = key.encode(), value.encode()
        out += bytes([len(k)]) + k + struct.pack(">H", len(v)) + v
    return bytes(out)


def read_metadata(frame):
    if frame[:4] != SIGNATURE or frame[4] != 1:
        raise ValueError("not version-1 metadata")
    error, (count,) = bool(frame[5] & 1), struct.unpack_from(">H", frame, 6)
    pos, headers = 8, {}
    for _ in range(count):
        klen = frame[pos]; key = frame[pos + 1:pos + 1 + klen].decode(); pos += 1 + klen
        (vlen,) = struct.unpack_from(">H", frame, pos); headers[key] = frame[pos + 2:pos + 2 + vlen].decode(); pos += 2 + vlen
    return headers, error
