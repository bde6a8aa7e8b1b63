# Publisher: topic "seq", then an increasing sequence number, at a steady rate (messages per
# second in argv[2]); prints how many it has published every second.
# Optional argv[3], an epoch step: the n-th start of this container (n from 0, counted in a file
# that survives `docker kill` and `docker start`) counts from n * step, so a subscriber tells the
# restarted publisher's messages from the killed one's without relying on timing.
import os
import sys
import time
import zmq

first = 0
if len(sys.argv) > 3:
    starts_file = "/tmp/pub_seq.starts"
    starts = 0
    if os.path.exists(starts_file):
        with open(starts_file) as f:
            starts = int(f.read().strip() or "0")
    with open(starts_file, "w") as f:
        f.write(str(starts + 1))
    first = starts * int(sys.argv[3])

ctx = zmq.Context()
pub = ctx.socket(zmq.PUB)
pub.bind("tcp://*:%s" % sys.argv[1])
rate = int(sys.argv[2])
print("READY", flush=True)
seq = 0
start = time.monotonic()
last_report = start
while True:
    pub.send_multipart([b"seq", str(first + seq).encode()])
    seq += 1
    now = time.monotonic()
    if now - last_report >= 1:
        print("PUBLISHED %d" % seq, flush=True)
        last_report = now
    delay = start + seq / rate - now
    if delay > 0:
        time.sleep(delay)
