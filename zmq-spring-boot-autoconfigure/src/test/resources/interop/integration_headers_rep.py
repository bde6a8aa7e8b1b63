# A libzmq REP server that answers with headers: binds an ephemeral port on 127.0.0.1,
# prints it, and answers each request with [metadata][payload upper-cased], the metadata
# holding x-server and x-echo (the request's x-request header, or "none"), until it gets
# "stop" or has been idle for 30 s. Usage: integration_headers_rep.py
import struct

import zmq

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


context = zmq.Context()
rep = context.socket(zmq.REP)
rep.setsockopt(zmq.RCVTIMEO, 30000)
rep.setsockopt(zmq.LINGER, 1000)
port = rep.bind_to_random_port("tcp://127.0.0.1")
print("port", port, flush=True)
while True:
    try:
        frames = rep.recv_multipart()
    except zmq.Again:
        break
    headers = read_metadata(frames[0])[0] if len(frames) == 2 else {}
    request = frames[-1]
    reply = b"stopped" if request == b"stop" else request.upper()
    rep.send_multipart([write_metadata({"x-server": "py", "x-echo": headers.get("x-request", "none")}), reply])
    if request == b"stop":
        break
rep.close()
context.term()
