# A libzmq REQ client that sends headers: each request is [metadata][payload] with the
# header x-request (docs/wire-format.md); prints each reply as "headers-json payload".
# Usage: integration_headers_req.py ENDPOINT REQUEST...
import json
import sys

import zmq

from wire_metadata import read_metadata, write_metadata

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
