# Receives N messages on a PULL socket (native libzmq through pyzmq) and prints each one,
# hex-encoded, on a line of its own. Usage: pull_hex.py ENDPOINT N
import sys

import zmq

endpoint, count = sys.argv[1], int(sys.argv[2])
context = zmq.Context()
pull = context.socket(zmq.PULL)
pull.setsockopt(zmq.RCVTIMEO, 20000)
pull.setsockopt(zmq.LINGER, 0)
pull.connect(endpoint)
print("ready", zmq.zmq_version(), flush=True)
for _ in range(count):
    frames = pull.recv_multipart()
    print(" ".join(frame.hex() for frame in frames), flush=True)
pull.close()
context.term()
