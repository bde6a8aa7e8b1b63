# Publisher: topic "seq", then an increasing sequence number, at a steady rate (messages per
# second in argv[2]); prints how many it has published every second.
import sys
import time
import zmq

ctx = zmq.Context()
pub = ctx.socket(zmq.PUB)
pub.bind("tcp://*:%s" % sys.argv[1])
rate = int(sys.argv[2])
print("READY", flush=True)
seq = 0
start = time.monotonic()
last_report = start
while True:
    pub.send_multipart([b"seq", str(seq).encode()])
    seq += 1
    now = time.monotonic()
    if now - last_report >= 1:
        print("PUBLISHED %d" % seq, flush=True)
        last_report = now
    delay = start + seq / rate - now
    if delay > 0:
        time.sleep(delay)
