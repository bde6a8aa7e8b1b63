# A libzmq REQ client that sends headers: each request is [metadata][payload] with the
# header x-request (docs/wire-format.md); prints each reply as "headers-json payload".
# Usage: integration_headers_req.py ENDPOINT REQUEST...
import json
import struct
import sys

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


endpoint, requests = sys.argv[1], sys.argv[2:]
context = zmq.Context()
req = context.socket(zmq.REQ)
req.setsockopt(zmq.RCVTIMEO, 30000)
req.setsockopt(zmq.LINGER, 0)
req.connect(endpoint)
print("ready", zmq.zmq_version(), flush=True)
for request in requests:
    req.send_multipart([write_metadata({"x-request": "py-" + request}), request.encode("utf-8")])
    frames = req.recv_multipart()
    headers = {}
    if len(frames) == 2:
        headers, error = read_metadata(frames[0])
        headers["error"] = str(error)
    print(json.dumps(headers, sort_keys=True), frames[-1].decode("utf-8"), flush=True)
req.close()
context.term()
