# A libzmq REP server that answers with headers: binds an ephemeral port on 127.0.0.1,
# prints it, and answers each request with [metadata][payload upper-cased], the metadata
# holding x-server and x-echo (the request's x-request header, or "none"), until it gets
# "stop" or has been idle for 30 s. Usage: integration_headers_rep.py

import zmq

from wire_metadata import read_metadata, write_metadata

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
