# The pyzmq subscriber of the log summaries: subscribes to "summary." on ENDPOINT, prints
# each summary as "<topic> <json>" on a line of its own, and exits after N of them (or 30 s
# without one). Usage: summary_subscriber.py ENDPOINT N
import sys

import zmq

endpoint, count = sys.argv[1], int(sys.argv[2])
context = zmq.Context()
sub = context.socket(zmq.SUB)
sub.setsockopt(zmq.RCVTIMEO, 30000)
sub.setsockopt(zmq.LINGER, 0)
sub.setsockopt(zmq.SUBSCRIBE, b"summary.")
sub.connect(endpoint)
print("ready", zmq.zmq_version(), flush=True)
for _ in range(count):
    try:
        frames = sub.recv_multipart()
    except zmq.Again:
        break
    print(frames[0].decode("utf-8"), frames[-1].decode("utf-8"), flush=True)
sub.close()
context.term()
