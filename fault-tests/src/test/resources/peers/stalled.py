# A peer that stops reading: binds a socket of the type in argv[1] with a small receive
# high-water mark and never reads from it.
import sys
import time
import zmq

ctx = zmq.Context()
sock = ctx.socket(getattr(zmq, sys.argv[1]))
sock.setsockopt(zmq.RCVHWM, int(sys.argv[3]))
sock.setsockopt(zmq.RCVBUF, 65536)
if sys.argv[1] == "SUB":
    sock.setsockopt(zmq.SUBSCRIBE, b"")
sock.bind("tcp://*:%s" % sys.argv[2])
print("READY", flush=True)
while True:
    time.sleep(3600)
