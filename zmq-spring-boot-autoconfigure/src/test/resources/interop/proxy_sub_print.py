# A subscriber (native libzmq through pyzmq) downstream of a forwarder: connects a SUB,
# subscribes to TOPIC, prints "ready", then prints the payload of each of N messages.
# Usage: proxy_sub_print.py ENDPOINT TOPIC N
import sys

import zmq

endpoint, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
context = zmq.Context()
sub = context.socket(zmq.SUB)
sub.setsockopt(zmq.LINGER, 0)
sub.setsockopt(zmq.RCVTIMEO, 30000)
sub.setsockopt_string(zmq.SUBSCRIBE, topic)
sub.connect(endpoint)
print("ready", flush=True)
for _ in range(count):
    frames = sub.recv_multipart()
    print(frames[0].decode(), frames[-1].decode(), flush=True)
sub.close()
context.term()
