# The libzmq ends of a flow: a PUSH feeding the flow's inbound adapter and a PULL reading
# its outbound adapter. Sends N JSON events, then prints each message the flow sends back
# (UTF-8), one a line. Usage: integration_push_pull.py INBOUND_ENDPOINT OUTBOUND_ENDPOINT N
import json
import sys

import zmq

inbound, outbound, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
context = zmq.Context()
pull = context.socket(zmq.PULL)
pull.setsockopt(zmq.RCVTIMEO, 30000)
pull.setsockopt(zmq.LINGER, 0)
pull.connect(outbound)
push = context.socket(zmq.PUSH)
push.setsockopt(zmq.LINGER, 5000)
push.connect(inbound)
print("ready", zmq.zmq_version(), flush=True)
for i in range(count):
    push.send(json.dumps({"id": i, "text": "event-%d" % i}).encode("utf-8"))
for _ in range(count):
    frames = pull.recv_multipart()
    print(frames[-1].decode("utf-8"), flush=True)
push.close()
pull.close()
context.term()
