# A publisher (native libzmq through pyzmq) upstream of a forwarder: binds an XPUB on a
# free port, prints "bound ENDPOINT", prints "subscribed TOPIC" for each subscription that
# reaches it, and once every topic in TOPICS (comma-separated) is subscribed publishes N
# messages [topic][payload] on each of TOPICS and on "news." (which nobody subscribes
# to), then prints "published" and waits for stdin to close.
# Usage: proxy_xpub_publisher.py TOPICS N
import sys

import zmq

topics, count = sys.argv[1].split(","), int(sys.argv[2])
context = zmq.Context()
xpub = context.socket(zmq.XPUB)
xpub.setsockopt(zmq.LINGER, 0)
xpub.setsockopt(zmq.SNDHWM, 100000)
xpub.setsockopt(zmq.RCVTIMEO, 30000)
xpub.bind("tcp://127.0.0.1:*")
print("bound", xpub.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
seen = set()
while not set(topics) <= seen:
    message = xpub.recv()
    if message[:1] == b"\x01":
        topic = message[1:].decode()
        seen.add(topic)
        print("subscribed", topic, flush=True)
for i in range(count):
    for topic in topics + ["news."]:
        xpub.send_multipart([(topic + "x").encode(), ("%s%d" % (topic, i)).encode()])
print("published", flush=True)
sys.stdin.read()
xpub.close()
context.term()
