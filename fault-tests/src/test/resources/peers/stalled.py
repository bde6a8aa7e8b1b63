# A peer that stops reading: a socket of the type in argv[1] that binds on port argv[2] (or
# connects, when argv[2] is an endpoint) with a small receive high-water mark (argv[3]) and reads nothing until the file /tmp/go appears; then it
# drains what arrives and prints "DRAINED <count>" once nothing came for 2 s.
import os
import sys
import time
import zmq

ctx = zmq.Context()
sock = ctx.socket(getattr(zmq, sys.argv[1]))
sock.setsockopt(zmq.RCVHWM, int(sys.argv[3]))
sock.setsockopt(zmq.RCVBUF, 65536)
if sys.argv[1] == "SUB":
    sock.setsockopt(zmq.SUBSCRIBE, b"")
if "://" in sys.argv[2]:
    sock.connect(sys.argv[2])
else:
    sock.bind("tcp://*:%s" % sys.argv[2])
print("READY", flush=True)
while not os.path.exists("/tmp/go"):
    time.sleep(0.1)
count = 0
while sock.poll(2000):
    sock.recv_multipart()
    count += 1
print("DRAINED %d" % count, flush=True)
while True:
    time.sleep(3600)
