# A peer that stops reading: a socket of the type in argv[1] that binds on port argv[2] (or
# connects, when argv[2] is an endpoint) with a small receive high-water mark (argv[3]). It reads
# nothing until the file /tmp/go appears; then it drains what arrives and prints
# "DRAINED <count so far>" whenever nothing came for 500 ms and the count changed.
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
printed = -1
while True:
    if sock.poll(500):
        sock.recv_multipart()
        count += 1
        continue
    if count != printed:
        print("DRAINED %d" % count, flush=True)
        printed = count
