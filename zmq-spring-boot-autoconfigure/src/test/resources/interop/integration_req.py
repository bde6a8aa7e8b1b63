# A libzmq REQ client of an inbound gateway: sends each argument after the endpoint as a
# request and prints each reply's frames, hex-encoded, on a line of its own.
# Usage: integration_req.py ENDPOINT REQUEST...
import sys

import zmq

endpoint, requests = sys.argv[1], sys.argv[2:]
context = zmq.Context()
req = context.socket(zmq.REQ)
req.setsockopt(zmq.RCVTIMEO, 30000)
req.setsockopt(zmq.LINGER, 0)
req.connect(endpoint)
print("ready", zmq.zmq_version(), flush=True)
for request in requests:
    req.send(request.encode("utf-8"))
    frames = req.recv_multipart()
    print(" ".join(frame.hex() for frame in frames), flush=True)
req.close()
context.term()
